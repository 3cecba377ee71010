import DeviceSimulator
import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// Starts a simulator in-process on loopback for one test, with its state folder, and reads the
/// expected answers from the fixture files on disk (never from the simulator's own code).
struct SimulatorHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = root.appendingPathComponent("device-fixtures")

    let simulator: DeviceSimulator
    let state: URL
    let group: MultiThreadedEventLoopGroup

    /// Tries random port ranges below the ephemeral range until one is free, so tests running in
    /// parallel (and other people's simulators) do not collide.
    static func start(
        devices: Int, vendors: [Vendor] = Vendor.allCases, faults: String = "", seed: String = "tests",
        authorizedKeys: [NIOSSHPublicKey] = []
    ) async throws -> SimulatorHarness {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("devsim-\(UUID().uuidString)")
        var lastError: (any Error)?
        for _ in 0..<8 {
            let base = Int.random(in: 21000...(32000 - devices))
            var configuration = SimulatorConfiguration(
                devices: devices, basePort: base, fixtures: fixtures, seed: seed, vendors: vendors, threads: 2
            )
            configuration.faults = try FaultSpec(parsing: faults)
            do {
                let simulator = try await DeviceSimulator.start(configuration, authorizedKeys: authorizedKeys)
                try StateFiles.write(simulator, to: state)
                return SimulatorHarness(simulator: simulator, state: state, group: MultiThreadedEventLoopGroup(numberOfThreads: 2))
            } catch {
                lastError = error
            }
        }
        throw lastError!
    }

    func stop() async {
        await simulator.stop()
        try? await group.shutdownGracefully()
        try? FileManager.default.removeItem(at: state)
    }

    var password: String { (try? String(contentsOf: state.appendingPathComponent("password"), encoding: .utf8)) ?? "" }

    /// The key `STATE/known_hosts` holds for a port.
    func knownHostKey(port: Int) throws -> NIOSSHPublicKey {
        let text = try String(contentsOf: state.appendingPathComponent("known_hosts"), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("[127.0.0.1]:\(port) ") {
            return try NIOSSHPublicKey(openSSHPublicKey: String(line.dropFirst("[127.0.0.1]:\(port) ".count)))
        }
        throw HarnessError.notFound("known_hosts has no line for port \(port)")
    }

    /// Devices by fault, from `STATE/faults.tsv`.
    func ports(withFault fault: String) throws -> [Int] {
        let text = try String(contentsOf: state.appendingPathComponent("faults.tsv"), encoding: .utf8)
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t")
            return fields.count == 3 && fields[2] == fault ? Int(fields[1]) : nil
        }
    }

    func device(port: Int) -> SimulatedDevice {
        simulator.devices.first { $0.port == port }!
    }

    func connect(port: Int, credential: SimpleSSHClient.Credential? = nil) async throws -> SimpleSSHClient {
        try await SimpleSSHClient.connect(
            host: "127.0.0.1", port: port, user: "admin", credential: credential ?? .password(password),
            expectedHostKey: try knownHostKey(port: port), group: group, timeout: .seconds(5)
        )
    }

    func exec(port: Int, _ command: String, timeout: TimeAmount = .seconds(10), limit: Int = 16 << 20) async throws -> SimpleSSHClient.ExecResult {
        let client = try await connect(port: port)
        let result = try await client.exec(command, timeout: timeout, limit: limit)
        await client.close()
        return result
    }

    /// The fixture files of a vendor, in name order, as the simulator cycles through them.
    static func fixtureFiles(_ vendor: String) throws -> [URL] {
        let folder = fixtures.appendingPathComponent(vendor)
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
            .map { folder.appendingPathComponent($0) }
            .filter { url in
                var directory: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &directory)
                return vendor == "openwrt" ? directory.boolValue : !directory.boolValue
            }
    }

    static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}

enum HarnessError: Error {
    case notFound(String)
}

/// CR LF to LF, for platforms that end every line with CR LF.
func unixLines(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    for (index, byte) in bytes.enumerated() {
        if byte == 13, index + 1 < bytes.count, bytes[index + 1] == 10 { continue }
        result.append(byte)
    }
    return result
}

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

extension SimulatorHarness {
    /// Starts a simulator, runs `body`, and stops it whatever happens.
    static func with<T>(
        devices: Int, vendors: [Vendor] = Vendor.allCases, faults: String = "", seed: String = "tests",
        authorizedKeys: [NIOSSHPublicKey] = [], _ body: (SimulatorHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(devices: devices, vendors: vendors, faults: faults, seed: seed, authorizedKeys: authorizedKeys)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }
}

/// What a terminal would show for some output: carriage return, backspace and `ESC [ n D` move
/// the cursor, printing overwrites, line feed ends the line. Trailing spaces are dropped, since a
/// terminal cannot show them. Lets tests read paged output the way a person sees it.
func screenLines(_ bytes: [UInt8]) -> [String] {
    var lines: [String] = []
    var line: [UInt8] = []
    var cursor = 0
    var index = 0
    func put(_ byte: UInt8) {
        if cursor < line.count { line[cursor] = byte } else { line.append(byte) }
        cursor += 1
    }
    while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case 10:
            var end = line.count
            while end > 0, line[end - 1] == 32 { end -= 1 }
            lines.append(String(decoding: line[..<end], as: UTF8.self))
            line = []
            cursor = 0
        case 13:
            cursor = 0
        case 8:
            cursor = max(0, cursor - 1)
        case 27 where index < bytes.count && bytes[index] == UInt8(ascii: "["):
            var number = 0
            index += 1
            while index < bytes.count, let digit = Int(String(UnicodeScalar(bytes[index]))) {
                number = number * 10 + digit
                index += 1
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "D") { cursor = max(0, cursor - max(1, number)) }
            index += 1
        default:
            put(byte)
        }
    }
    var end = line.count
    while end > 0, line[end - 1] == 32 { end -= 1 }
    if end > 0 { lines.append(String(decoding: line[..<end], as: UTF8.self)) }
    return lines
}

/// The lines of a fixture file, trailing spaces dropped, for comparing with `screenLines`.
func fixtureLines(_ bytes: [UInt8]) -> [String] {
    var lines = text(bytes).split(separator: "\n", omittingEmptySubsequences: false).map { line in
        var trimmed = Substring(line)
        while trimmed.last == " " { trimmed.removeLast() }
        return String(trimmed)
    }
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// The first value after `keyword` on a line of a fixture (`hostname X`, ` sysname X`).
func fixtureValue(_ bytes: [UInt8], after keyword: String) -> String? {
    for line in text(bytes).split(separator: "\n") {
        let words = line.split(separator: " ")
        if let index = words.firstIndex(of: Substring(keyword)), index + 1 < words.count {
            return String(words[index + 1]).trimmingCharacters(in: CharacterSet(charactersIn: ";\"'"))
        }
    }
    return nil
}
