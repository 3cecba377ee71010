import AuditSSH
import Foundation
import RouterAudit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `scan`/`collect` without `--vendor`: the profile is chosen from the SSH server version and the
/// first prompt, the parser then from the collected content. The prompts below are the ones the
/// platforms' documentation shows (and the fake CLIs play).
struct VendorAutoDetectionTests {
    static let profiles = VendorProfileLoader.builtIn.values.sorted { $0.id < $1.id }

    static func chosen(_ serverVersion: String?, _ prompt: String?) -> VendorDetection {
        VendorDetection.choose(serverVersion: serverVersion, prompt: prompt, among: profiles)
    }

    @Test func promptsOfEachPlatform() {
        #expect(Self.chosen("SSH-2.0-Cisco-1.25", "R1>").profile?.id == "cisco-ios")
        #expect(Self.chosen("SSH-2.0-HUAWEI-1.5", "<SHOP-AR1220>").profile?.id == "huawei-vrp")
        #expect(Self.chosen(nil, "admin@branch-srx300> ").profile?.id == "junos")
        #expect(Self.chosen("SSH-2.0-ROSSSH", "[admin@office-gw] > ").profile?.id == "routeros")
        #expect(Self.chosen(nil, "SHOP-FW # ").profile?.id == "fortios")
        #expect(Self.chosen("SSH-2.0-dropbear_2022.83", "root@OpenWrt:~# ").profile?.id == "openwrt")
        #expect(Self.chosen(nil, "vyos@vyos:~$ ").profile?.id == "vyos")
    }

    @Test func promptOutweighsAServerSharedByManyPlatforms() {
        // dropbear is OpenWrt's server, but a Cisco-like CLI behind it is still Cisco.
        let detection = Self.chosen("SSH-2.0-dropbear_2022.83", "R1#")
        #expect(detection.profile?.id == "cisco-ios")
        #expect(detection.evidence == "prompt 'R1#'")
    }

    @Test func serverVersionAloneWhenThePromptSaysNothing() {
        let detection = Self.chosen("SSH-2.0-FortiSSH_abc", "??")
        #expect(detection.profile?.id == "fortios")
        #expect(detection.evidence.hasPrefix("server version 'SSH-2.0-FortiSSH_abc'"))
        #expect(Self.chosen("SSH-2.0-dropbear_2022.83", nil).profile?.id == "openwrt")
    }

    @Test func lookalikePromptsLeaveTheChoiceToTheContent() {
        let menu = Self.chosen("SSH-2.0-OpenSSH_9.3", "Enter an option: ")
        #expect(Set([menu.profile?.id ?? ""] + menu.alternatives) == ["opnsense", "pfsense"])
    }

    @Test func nothingRecognisedIsSaid() {
        let detection = Self.chosen("SSH-2.0-OpenSSH_9.2p1 Debian-2", "$ ")
        #expect(detection.profile == nil)
        #expect(detection.evidence.contains("matched no profile"))
    }

    // MARK: real servers

    @Test(.enabled(if: PeerAvailability.openSSH))
    func scanWithoutVendorOverOpenSSHDetectsCiscoFromThePrompt() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let result = try CLIRunner.run(["scan", peer.target, "--user", TestAccount.user, "--password-env", "RA_TEST_PASSWORD",
                                        "--enable-secret-env", "RA_TEST_ENABLE", "--known-hosts", peer.folder.appendingPathComponent("kh").path,
                                        "--trust-on-first-use", "--deadline", "20", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("vendor cisco-ios detected from prompt 'R1>'"), "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let device = try #require((document["devices"] as? [[String: Any]])?.first)
        #expect(device["vendor"] as? String == "cisco-ios")
        let choice = device["vendorChoice"] as? String ?? ""
        #expect(choice.contains("collected as cisco-ios (detected from prompt 'R1>')"), "\(choice)")
        #expect(choice.contains("parsed as cisco-ios (config content"), "\(choice)")
        #expect(result.stdout.contains("RA-MGMT-001"))
    }

    @Test(.enabled(if: PeerAvailability.dropbearUsable))
    func collectWithVendorAutoOverDropbearIsNotFooledByTheServer() throws {
        let peer = try SSHPeer(.init(kind: .dropbear))
        let result = try CLIRunner.run(["collect", peer.target, "--vendor", "auto", "--user", TestAccount.user, "--password-env", "RA_TEST_PASSWORD",
                                        "--enable-secret-env", "RA_TEST_ENABLE", "--known-hosts", peer.folder.appendingPathComponent("kh").path,
                                        "--trust-on-first-use", "--deadline", "20"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("vendor cisco-ios detected from prompt 'R1>'"), "\(result.stderr)")
        #expect(result.stdout.contains("hostname shop-887"))
    }

    // MARK: device simulator (every platform's persona)

    /// The simulator binary built next to `routeraudit`, when the build made it.
    static var simulator: URL? {
        let path = CLIRunner.executable.deletingLastPathComponent().appendingPathComponent("routeraudit-devsim")
        if FileManager.default.isExecutableFile(atPath: path.path) { return path }
        print("skipping simulator detection test: no \(path.path) (swift build --product routeraudit-devsim)")
        return nil
    }

    @Test(.enabled(if: simulator != nil))
    func everySimulatedPlatformIsDetected() throws {
        let state = try SSHPeer.temporaryFolder()
        let base = Int.random(in: 22000...31000)
        let pid = try Subprocess.start(Self.simulator!.path, ["--devices", "10", "--base-port", "\(base)", "--state", state.path,
                                                              "--fixtures", SSHPeer.repository.appendingPathComponent("device-fixtures").path,
                                                              "--threads", "1"],
                                       log: state.appendingPathComponent("devsim.log").path)
        defer { Subprocess.stop(pid) }
        for _ in 0..<600 where !FileManager.default.fileExists(atPath: state.appendingPathComponent("ready").path) { usleep(20_000) }
        try #require(FileManager.default.fileExists(atPath: state.appendingPathComponent("ready").path), "simulator did not start")
        // The simulator's own inventory says which platform each port plays.
        let inventory = try String(contentsOf: state.appendingPathComponent("inventory.yaml"), encoding: .utf8)
        var expected: [Int: String] = [:]
        var port: Int?
        for line in inventory.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line.hasPrefix("port:") { port = Int(line.dropFirst(5).trimmingCharacters(in: .whitespaces)) }
            if line.hasPrefix("vendor:"), let current = port { expected[current] = line.dropFirst(7).trimmingCharacters(in: .whitespaces) }
        }
        #expect(expected.count == 10)
        for (port, vendor) in expected.sorted(by: { $0.key < $1.key }) {
            let output = try Subprocess.run(CLIRunner.executable.path, [
                "scan", "127.0.0.1:\(port)", "--user", "admin", "--password-file", state.appendingPathComponent("password").path,
                "--enable-secret-env", "RA_SIM_ENABLE", "--known-hosts", state.appendingPathComponent("known_hosts").path,
                "--deadline", "20", "--format", "json"],
                environment: ProcessInfo.processInfo.environment.merging(
                    ["RA_SIM_ENABLE": (try? String(contentsOf: state.appendingPathComponent("password"), encoding: .utf8)) ?? ""]) { $1 })
            let document = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
            let device = (document?["devices"] as? [[String: Any]])?.first
            #expect(device?["vendor"] as? String == vendor, "port \(port) plays \(vendor): \(device?["vendorChoice"] ?? "no device") \(output.stderr)")
        }
    }
}
