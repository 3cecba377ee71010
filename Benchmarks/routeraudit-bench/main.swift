// Parse-and-check throughput, on one core. Run with a release build:
//
//     swift run -c release routeraudit-bench [--seconds 3]
//
// Prints configs per second over the typical configurations (the shared corpus when present, plus
// device-fixtures), the time for one synthetic 100,000-line Cisco configuration, and the wall time
// of `routeraudit audit` on one small file including process start.
import Foundation
import AuditCore
import RouterAudit
import AuditCredentials

let arguments = CommandLine.arguments
let seconds = arguments.firstIndex(of: "--seconds").flatMap { Double(arguments[$0 + 1]) } ?? 3
if arguments.contains("--hash-speed") {
    print("one-way formats, one core:")
    HashSpeed.run(seconds: min(seconds, 2))
    exit(0)
}
if arguments.contains("--firewall") {
    print("rule-list analysis (shadowed and redundant rules with witnesses), one core:")
    FirewallScale.run()
    exit(0)
}
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func files(under folder: URL) -> [URL] {
    guard let e = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
    return e.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath && !$0.lastPathComponent.hasPrefix(".") && $0.lastPathComponent != "SOURCES.md" }
}

let corpus = root.appendingPathComponent("../shared/corpus/configs").standardizedFileURL
var typical: [ConfigInput] = []
let vendors = arguments.firstIndex(of: "--vendors").map { arguments[$0 + 1].split(separator: ",").map(String.init) } ?? ["cisco-ios", "openwrt"]
for vendor in vendors {
    for url in files(under: corpus.appendingPathComponent(vendor)) + files(under: root.appendingPathComponent("device-fixtures/\(vendor)")) {
        if let text = try? String(contentsOf: url, encoding: .utf8) { typical.append(ConfigInput(path: url.path, text: text)) }
    }
}
let depth = arguments.firstIndex(of: "--crack-depth").flatMap { CrackDepth(rawValue: arguments[$0 + 1]) } ?? .standard
let auditor = Auditor(options: .init(credentials: CredentialEngine(depth: depth)))
print("crack depth: \(depth.rawValue)")
let lines = typical.map { $0.text.split(separator: "\n").count }
print("typical configs: \(typical.count) files, median \(lines.sorted()[lines.count / 2]) lines")

/// CPU time of this thread: robust when other work shares the machine.
func threadCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

// 1. Throughput: whole pipeline per input (detect, parse, check), single-threaded.
var done = 0
var failures = 0
let cpuStart = threadCPUSeconds()
let start = ContinuousClock.now
while ContinuousClock.now - start < .seconds(seconds) {
    for input in typical {
        switch auditor.audit(inputs: [input]) {
        case .success: done += 1
        case .failure: failures += 1
        }
    }
}
let elapsed = ContinuousClock.now - start
let rate = Double(done + failures) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
let cpuRate = Double(done + failures) / (threadCPUSeconds() - cpuStart)
print(String(format: "throughput: %.0f configs/s wall, %.0f configs per CPU-second (detect+parse+check, one thread, %d runs)", rate, cpuRate, done + failures))

// 2. One 100,000-line Cisco configuration.
func syntheticCisco(lines target: Int) -> String {
    var out = "version 15.4\nhostname big\nservice password-encryption\nenable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\n"
    var n = 0
    while out.utf8.count < target * 28 {
        n += 1
        out += "interface GigabitEthernet0/\(n)\n description link \(n)\n ip address 10.\(n / 250 % 250).\(n % 250).1 255.255.255.0\n ip access-group ACL\(n % 50) in\n no shutdown\n!\n"
        out += "ip access-list extended ACL\(n % 50)\n permit tcp 10.\(n % 250).0.0 0.0.255.255 any eq \(1000 + n % 5000)\n deny udp any host 192.0.2.\(n % 250) range 100 200\n!\n"
    }
    out += "line vty 0 4\n transport input ssh\n access-class 10 in\nend\n"
    return out
}
let big = syntheticCisco(lines: 100_000)
let bigLines = big.split(separator: "\n").count
let bigStart = ContinuousClock.now
let bigResult = auditor.audit(inputs: [ConfigInput(path: "synthetic.cfg", text: big)])
let bigTime = ContinuousClock.now - bigStart
if case .success(let audit) = bigResult {
    print("large config: \(bigLines) lines, \(audit.findings.count) findings in \(bigTime)")
} else {
    print("large config: failed")
}

// 3. Process start to report, on one small file.
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("routeraudit")
let small = root.appendingPathComponent("device-fixtures/cisco-ios/soho-887-hardened.cfg")
if FileManager.default.fileExists(atPath: binary.path) {
    var times: [Duration] = []
    for _ in 0..<20 {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["audit", small.path]
        process.standardOutput = FileHandle.nullDevice
        let t0 = ContinuousClock.now
        try process.run()
        process.waitUntilExit()
        times.append(ContinuousClock.now - t0)
    }
    times.sort()
    print("routeraudit audit (one small file, whole process): median \(times[times.count / 2]), max \(times.last!)")
} else {
    print("build the routeraudit product in the same configuration to time process start")
}
