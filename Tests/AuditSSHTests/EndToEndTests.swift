import Foundation
import Testing

/// `scan` and `collect` against real OpenSSH and dropbear servers on loopback, each running the
/// fake Cisco CLI over a fixture. Every run's output and saved files are checked for the typed
/// login password and enable secret (CLIRunner).
@Suite(.serialized)
struct EndToEndTests {
    static let insecureFixture = SSHPeer.repository.appendingPathComponent("device-fixtures/cisco-ios/soho-887-insecure.cfg")

    @Test(.enabled(if: PeerAvailability.openSSH))
    func passwordScanOverOpenSSHAuditsTheCollectedConfig() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let saved = peer.folder.appendingPathComponent("saved")
        let result = try CLIRunner.run(["scan"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                    extra: ["--trust-on-first-use", "--save-config", saved.path]))
        // The insecure fixture has findings at low and above: exit 1 like `audit`.
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("RA-MGMT-001"), "telnet finding from the collected config")
        #expect(result.stdout.contains("127.0.0.1:\(peer.port)"))
        #expect(peer.logText.contains("Accepted password for \(TestAccount.user)"))
        let files = try CLIRunner.checkSavedFolder(saved)
        let config = try #require(files.first { $0.key.hasSuffix("show-running-config.txt") }?.value)
        // The collected configuration is the fixture, unpaged: every fixture line is there, in order.
        let fixtureLines = try String(contentsOf: Self.insecureFixture, encoding: .utf8).split(separator: "\n").map(String.init)
        let collectedLines = config.split(separator: "\n").map(String.init)
        var index = collectedLines.startIndex
        for line in fixtureLines {
            let found = collectedLines[index...].firstIndex(of: line)
            #expect(found != nil, "fixture line missing or out of order: \(line)")
            if let found { index = found + 1 }
        }
        #expect(!config.contains("--More--"))
        let transcript = try #require(files.first { $0.key.hasSuffix("transcript.txt") }?.value)
        #expect(transcript.contains("R1>enable"))
        #expect(transcript.contains("R1#show running-config"))
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func keyboardInteractiveLogin() throws {
        let peer = try SSHPeer(.init(passwordAuthentication: false, keyboardInteractive: true))
        let result = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"), extra: ["--trust-on-first-use"]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hostname shop-887"))
        #expect(peer.logText.contains("Accepted keyboard-interactive"))
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func privateKeyLogin() throws {
        let keyFolder = try SSHPeer.temporaryFolder()
        let key = keyFolder.appendingPathComponent("id_ed25519")
        try SSHPeer.shell(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.path])
        let publicKey = try String(contentsOf: keyFolder.appendingPathComponent("id_ed25519.pub"), encoding: .utf8)
        let peer = try SSHPeer(.init(passwordAuthentication: false, keyboardInteractive: false, authorizedKey: publicKey))
        let result = try CLIRunner.run(["collect", peer.target, "--vendor", "cisco-ios", "--user", TestAccount.user,
                                        "--identity", key.path, "--enable-secret-env", "RA_TEST_ENABLE",
                                        "--known-hosts", peer.folder.appendingPathComponent("kh").path, "--trust-on-first-use"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("hostname shop-887"))
        #expect(peer.logText.contains("Accepted publickey for \(TestAccount.user)"))
    }

    @Test(.enabled(if: PeerAvailability.dropbearUsable))
    func passwordScanOverDropbear() throws {
        let peer = try SSHPeer(.init(kind: .dropbear))
        let saved = peer.folder.appendingPathComponent("saved")
        let result = try CLIRunner.run(["scan", "--format", "json"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                                     extra: ["--trust-on-first-use", "--save-config", saved.path]))
        #expect(result.status == 1, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(devices.count == 1)
        #expect(result.stdout.contains("dropbear"), "the ssh session (server version) is recorded in the report")
        _ = try CLIRunner.checkSavedFolder(saved)
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func legacyOnlyPeerNeedsLegacyAlgorithmsAndIsReported() throws {
        let peer = try SSHPeer(.init(legacyOnly: true))
        let knownHosts = peer.folder.appendingPathComponent("kh")
        let refused = try CLIRunner.run(["scan"] + CLIRunner.login(peer, knownHosts: knownHosts, extra: ["--trust-on-first-use"]))
        #expect(refused.status == 2)
        #expect(refused.all.contains("protocol-error"), "\(refused.all)")
        #expect(refused.all.contains("--legacy-algorithms"))

        let accepted = try CLIRunner.run(["scan"] + CLIRunner.login(peer, knownHosts: knownHosts, extra: ["--trust-on-first-use", "--legacy-algorithms"]))
        #expect(accepted.status == 1, "\(accepted.stderr)")
        #expect(accepted.stdout.contains("RA-CRYPTO-004"))
        for weak in ["diffie-hellman-group14-sha1", "ssh-rsa", "aes128-cbc", "hmac-sha1"] {
            #expect(accepted.stdout.contains(weak), "weak algorithm \(weak) not named in the report")
        }
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func hostKeyPolicy() throws {
        let peer = try SSHPeer()
        let knownHosts = peer.folder.appendingPathComponent("kh")
        let (publicLine, fingerprint) = try peer.hostKey()

        // Strict by default: an unknown key is refused, naming its fingerprint.
        let strict = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts))
        #expect(strict.status == 2)
        #expect(strict.stderr.contains("host-key-unknown"))
        #expect(strict.stderr.contains(fingerprint))
        #expect(strict.stderr.contains("127.0.0.1:\(peer.port)"))
        #expect(!FileManager.default.fileExists(atPath: knownHosts.path))

        // A pinned fingerprint: the right one is accepted, a wrong one refused.
        let pinned = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts, extra: ["--host-key-fingerprint", fingerprint]))
        #expect(pinned.status == 0, "\(pinned.stderr)")
        let wrongPin = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts,
                                                                       extra: ["--host-key-fingerprint", "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"]))
        #expect(wrongPin.status == 2)
        #expect(wrongPin.stderr.contains("host-key-mismatch"))

        // Trust on first use records the key in OpenSSH format; the next strict run accepts it.
        let tofu = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts, extra: ["--trust-on-first-use"]))
        #expect(tofu.status == 0, "\(tofu.stderr)")
        let recorded = try String(contentsOf: knownHosts, encoding: .utf8)
        let keyFields = publicLine.split(separator: " ").prefix(2).joined(separator: " ")
        #expect(recorded == "[127.0.0.1]:\(peer.port) \(keyFields)\n")
        let again = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts))
        #expect(again.status == 0, "\(again.stderr)")

        // A changed key is a hard error naming the host and both fingerprints, even with TOFU.
        let otherFolder = try SSHPeer.temporaryFolder()
        try SSHPeer.shell(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", otherFolder.appendingPathComponent("k").path])
        let otherLine = try String(contentsOf: otherFolder.appendingPathComponent("k.pub"), encoding: .utf8)
        let otherPrinted = try SSHPeer.shell(["ssh-keygen", "-l", "-E", "sha256", "-f", otherFolder.appendingPathComponent("k.pub").path])
        let otherFingerprint = try #require(otherPrinted.split(separator: " ").first { $0.hasPrefix("SHA256:") })
        try "[127.0.0.1]:\(peer.port) \(otherLine.split(separator: " ").prefix(2).joined(separator: " "))\n".write(to: knownHosts, atomically: true, encoding: .utf8)
        let changed = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: knownHosts, extra: ["--trust-on-first-use"]))
        #expect(changed.status == 2)
        let line = changed.stderr
        #expect(line.contains("host-key-mismatch") && line.contains("127.0.0.1:\(peer.port)"))
        #expect(line.contains(fingerprint) && line.contains(String(otherFingerprint)), "\(line)")
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func wrongPasswordIsAuthFailed() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let result = try CLIRunner.run(["scan"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"), extra: ["--trust-on-first-use"]),
                                       password: "not-the-password")
        #expect(result.status == 2)
        #expect(result.all.contains("127.0.0.1:\(peer.port): auth-failed"), "\(result.all)")
        #expect(!result.all.contains("not-the-password"))
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func deviceThatStopsAnsweringHitsTheDeadline() throws {
        let peer = try SSHPeer(.init(mode: "hang"))
        let saved = peer.folder.appendingPathComponent("saved")
        let result = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                       extra: ["--trust-on-first-use", "--deadline", "3", "--save-config", saved.path]))
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1:\(peer.port): timed-out"), "\(result.stderr)")
        #expect(result.stderr.contains("show running-config"))
        // The transcript shows how far it got.
        let files = try CLIRunner.checkSavedFolder(saved)
        #expect(files.first { $0.key.hasSuffix("transcript.txt") }?.value.contains("hostname shop-887") == true)
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func deviceThatFloodsHitsTheOutputLimit() throws {
        let peer = try SSHPeer(.init(mode: "flood"))
        let result = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                       extra: ["--trust-on-first-use", "--max-output-bytes", "200000"]))
        #expect(result.status == 2)
        #expect(result.stderr.contains("127.0.0.1:\(peer.port): output-too-large"), "\(result.stderr)")
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func escapeSequencesAreSanitised() throws {
        let peer = try SSHPeer(.init(mode: "escapes"))
        let saved = peer.folder.appendingPathComponent("saved")
        let collect = try CLIRunner.run(["collect"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                        extra: ["--trust-on-first-use"]))
        #expect(collect.status == 0, "\(collect.stderr)")
        #expect(!collect.all.contains("\u{1B}") && !collect.all.contains("\u{07}"))
        #expect(collect.stdout.contains("hostname shop-887"))
        #expect(collect.stdout.contains("! red comment"))
        #expect(!collect.stdout.contains("pwned-title"))
        let scan = try CLIRunner.run(["scan", "--color", "never"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                                    extra: ["--save-config", saved.path]))
        #expect(scan.status == 1)
        #expect(!scan.all.contains("\u{1B}"))
        #expect(scan.stdout.contains("shop-887"))
        _ = try CLIRunner.checkSavedFolder(saved)
    }
}
