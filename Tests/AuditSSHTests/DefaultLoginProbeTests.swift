import Foundation
import Testing

/// `scan --try-defaults` against real OpenSSH running the fake Cisco CLI. The test account's
/// password plays the part of a published default, given through `--credentials` (the built-in
/// defaults are for real vendors' accounts, which this machine does not have). sshd's own log
/// counts the attempts: the limit is checked on the server side, not on what the tool says.
@Suite(.serialized)
struct DefaultLoginProbeTests {
    /// Defaults for cisco-ios, documented ("vendor-doc") so they rank above the built-in ones.
    static func credentialsFile(in folder: URL, passwords: [String]) throws -> URL {
        var text = "version: 1\nvendors:\n  cisco-ios:\n"
        for (index, password) in passwords.enumerated() {
            text += "  - {user: \(TestAccount.user), password: '\(password)', protocol: ssh, source: 'vendor-doc:test-\(index + 1)'}\n"
        }
        let file = folder.appendingPathComponent("defaults.yaml")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func acceptedDefaultIsACriticalFindingAndNeverShown() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let defaults = try Self.credentialsFile(in: peer.folder, passwords: ["not-it-1", TestAccount.password, "not-it-2"])
        let result = try CLIRunner.run(["scan", peer.target, "--vendor", "cisco-ios", "--try-defaults", "--default-attempt-delay", "0.1",
                                        "--credentials", defaults.path, "--enable-secret-env", "RA_TEST_ENABLE",
                                        "--known-hosts", peer.folder.appendingPathComponent("kh").path, "--trust-on-first-use",
                                        "--deadline", "20", "--format", "json"])
        #expect(result.status == 1, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let device = try #require((document["devices"] as? [[String: Any]])?.first)
        let findings = try #require(device["findings"] as? [[String: Any]])
        let accepted = try #require(findings.first { $0["id"] as? String == "RA-CRED-011" },
                                    "no RA-CRED-011 in \(findings.compactMap { $0["id"] as? String })")
        #expect(accepted["severity"] as? String == "critical")
        let message = accepted["message"] as? String ?? ""
        #expect(message.contains("vendor default for \(TestAccount.user) (source: vendor-doc:test-2)"), "\(message)")
        #expect(message.contains("on attempt 2 of at most 3"), "\(message)")
        // The configuration was read with the accepted login and audited as usual.
        #expect(result.stdout.contains("RA-MGMT-001"))
        #expect(result.stderr.contains("trying vendor default for \(TestAccount.user) (source: vendor-doc:test-1) [1/3]"))
        #expect(!result.stderr.contains("vendor-doc:test-3"), "stops at the first accepted login")
        // Server side: one refused password, then the accepted one (probe) and the collection's login.
        let log = peer.logText
        #expect(Self.count("Failed password for \(TestAccount.user)", in: log) == 1, "\(log)")
        #expect(Self.count("Accepted password for \(TestAccount.user)", in: log) == 2, "\(log)")
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func refusedDefaultsStopAtTheLimitsCountedByTheServer() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        // Three wrong passwords for the test account, one for an account sshd does not allow,
        // then the right one: the per-account cap (2) skips the third wrong one, the device cap
        // (3) ends the probe before the right one.
        let logins = [(TestAccount.user, "wrong-1"), (TestAccount.user, "wrong-2"), (TestAccount.user, "wrong-3"),
                      ("ra-no-such-user", "wrong-4"), (TestAccount.user, TestAccount.password)]
        var text = "version: 1\nvendors:\n  cisco-ios:\n"
        for (index, login) in logins.enumerated() {
            text += "  - {user: \(login.0), password: '\(login.1)', protocol: ssh, source: 'vendor-doc:test-\(index + 1)'}\n"
        }
        let defaults = peer.folder.appendingPathComponent("defaults.yaml")
        try text.write(to: defaults, atomically: true, encoding: .utf8)
        let started = Date()
        let result = try CLIRunner.run(["scan", peer.target, "--vendor", "cisco-ios", "--try-defaults", "--max-default-attempts", "3",
                                        "--default-attempt-delay", "0.5", "--credentials", defaults.path,
                                        "--known-hosts", peer.folder.appendingPathComponent("kh").path, "--trust-on-first-use"])
        let elapsed = Date().timeIntervalSince(started)
        // Nothing could be collected (no login of its own, no default accepted): exit 2 as `audit`.
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains("no default login accepted (3 refused,"), "\(result.stderr)")
        #expect(!result.stderr.contains("vendor-doc:test-3"), "a third try for one account")
        #expect(!result.all.contains("RA-CRED-011"))
        let log = peer.logText
        #expect(Self.count("Failed password for ", in: log) == 3, "sshd saw other than 3 failed logins: \(log)")
        #expect(Self.count("Failed password for \(TestAccount.user)", in: log) == 2, "\(log)")
        #expect(!log.contains("Accepted"), "the right password must never be tried: \(log)")
        #expect(elapsed >= 1.0, "the delay between attempts was not kept")
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func ownLoginStillCollectsWhenNoDefaultIsAccepted() throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let defaults = try Self.credentialsFile(in: peer.folder, passwords: ["wrong-1"])
        let result = try CLIRunner.run(["scan"] + CLIRunner.login(peer, knownHosts: peer.folder.appendingPathComponent("kh"),
                                                                    extra: ["--trust-on-first-use", "--try-defaults", "--max-default-attempts", "1",
                                                                            "--credentials", defaults.path]))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("RA-MGMT-001"))
        #expect(!result.stdout.contains("RA-CRED-011"))
        #expect(Self.count("Failed password for \(TestAccount.user)", in: peer.logText) == 1)
    }

    @Test func attemptLimitIsValidated() throws {
        let result = try CLIRunner.run(["scan", "127.0.0.1:9", "--vendor", "cisco-ios", "--try-defaults", "--max-default-attempts", "50"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--max-default-attempts must be 1 to 5"), "\(result.stderr)")
    }
}
