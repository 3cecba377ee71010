import Foundation
import Testing

/// `routeraudit fix` as a user runs it.
struct FixCommandTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("routeraudit-fix-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func writesApplyRollbackAndReadmePerDevice() throws {
        let out = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try CommandLineTests.run(["fix", "--out", out.path, Fixtures.path("cisco-ios/soho-887-insecure.cfg"), Fixtures.path("openwrt/insecure-home-router")])
        #expect(result.status == 0, "\(result.stderr)")
        for file in ["shop-887/apply.ios", "shop-887/rollback.ios", "shop-887/README", "HomeRouter/apply.sh", "HomeRouter/rollback.sh", "HomeRouter/README"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file) missing")
        }
        let readme = try String(contentsOf: out.appendingPathComponent("shop-887/README"), encoding: .utf8)
        #expect(readme.contains("How to confirm") && readme.contains("How to roll back") && readme.contains("Not fixed automatically"))
        let apply = try String(contentsOf: out.appendingPathComponent("shop-887/apply.ios"), encoding: .utf8)
        #expect(apply.contains("configure terminal") && apply.contains("reload in 15") && apply.contains("transport input ssh"))
        let shell = try String(contentsOf: out.appendingPathComponent("HomeRouter/apply.sh"), encoding: .utf8)
        #expect(shell.contains("uci batch <<EOF") && shell.contains("uci revert firewall") && shell.contains("uci commit firewall"))
    }

    @Test func verifyProvesEveryFixOnTheFixtures() throws {
        let result = try CommandLineTests.run(["fix", "--show", "--verify", Fixtures.path("cisco-ios/soho-887-insecure.cfg"), Fixtures.path("openwrt/insecure-home-router")])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.components(separatedBy: ": passed").count == 3)
        #expect(!result.stdout.contains("\n  STILL") && !result.stdout.contains("\n  NEW "))
    }

    @Test func checkAndSeveritySelectFindings() throws {
        let result = try CommandLineTests.run(["fix", "--show", "--check", "RA-MGMT-002", Fixtures.path("cisco-ios/soho-887-insecure.cfg")])
        #expect(result.status == 0)
        #expect(result.stdout.contains("no ip http server"))
        #expect(!result.stdout.contains("transport input ssh"))
        let high = try CommandLineTests.run(["fix", "--show", "--min-severity", "critical", Fixtures.path("cisco-ios/soho-887-insecure.cfg")])
        #expect(!high.stdout.contains("exec-timeout 10 0"), "medium findings are not fixed at --min-severity critical")
    }

    @Test func staleEvidenceIsRefusedWithOneLine() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("router.cfg")
        let report = folder.appendingPathComponent("report.json")
        try Fixtures.text("cisco-ios/soho-887-insecure.cfg").write(to: config, atomically: true, encoding: .utf8)
        // The evidence key lives in the test's folder, not in the developer's home.
        let key = ["ROUTERAUDIT_EVIDENCE_KEY_FILE": folder.appendingPathComponent("evidence.key").path]
        _ = try CommandLineTests.run(["audit", "--format", "json", "-o", report.path, config.path], environment: key)

        let fresh = try CommandLineTests.run(["fix", "--show", "--from-report", report.path, config.path], environment: key)
        #expect(fresh.status == 0, "\(fresh.stderr)")

        // Someone edits an evidence line after the audit.
        let edited = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: " transport input telnet", with: " transport input telnet ssh")
        try edited.write(to: config, atomically: true, encoding: .utf8)
        let stale = try CommandLineTests.run(["fix", "--out", folder.appendingPathComponent("out").path, "--from-report", report.path, config.path], environment: key)
        #expect(stale.status == 3)
        let lines = stale.stderr.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(stale.stderr.contains("router.cfg") && stale.stderr.contains("changed since the audit"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/shop-887/apply.ios").path), "no script for a refused device")
    }

    /// A change only inside a secret reads the same masked; the report's keyed digest sees it.
    @Test func changedSecretIsRefusedAndTheReportDoesNotHoldIt() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("router.cfg")
        let report = folder.appendingPathComponent("report.json")
        let key = ["ROUTERAUDIT_EVIDENCE_KEY_FILE": folder.appendingPathComponent("evidence.key").path]
        try Fixtures.text("cisco-ios/soho-887-insecure.cfg").write(to: config, atomically: true, encoding: .utf8)
        _ = try CommandLineTests.run(["audit", "--format", "json", "-o", report.path, config.path], environment: key)
        let json = try String(contentsOf: report, encoding: .utf8)
        #expect(json.contains("\"secretDigest\"") && json.contains("\"evidenceKeyID\""))
        #expect(!json.contains("support123") && !json.contains("letmein"), "the report holds neither the secrets nor the key")
        let keyText = try String(contentsOf: folder.appendingPathComponent("evidence.key"), encoding: .utf8)
        #expect(!json.contains(keyText.trimmingCharacters(in: .whitespacesAndNewlines)))

        let edited = try String(contentsOf: config, encoding: .utf8).replacingOccurrences(of: "username support password 0 support123", with: "username support password 0 support124")
        try edited.write(to: config, atomically: true, encoding: .utf8)
        let stale = try CommandLineTests.run(["fix", "--show", "--from-report", report.path, config.path], environment: key)
        #expect(stale.status == 3)
        #expect(stale.stderr.split(separator: "\n").count == 1)
        #expect(stale.stderr.contains("the secret on line 44") && stale.stderr.contains("audit again"), "\(stale.stderr)")
        #expect(!stale.stderr.contains("support12"))

        // Without the key the report was made with, a change inside a secret cannot be ruled out.
        let otherKey = ["ROUTERAUDIT_EVIDENCE_KEY_FILE": folder.appendingPathComponent("other.key").path]
        try edited.replacingOccurrences(of: "support124", with: "support123").write(to: config, atomically: true, encoding: .utf8)
        let elsewhere = try CommandLineTests.run(["fix", "--show", "--from-report", report.path, config.path], environment: otherKey)
        #expect(elsewhere.status == 3 && elsewhere.stderr.contains("evidence key"), "\(elsewhere.stderr)")
        let back = try CommandLineTests.run(["fix", "--show", "--from-report", report.path, config.path], environment: key)
        #expect(back.status == 0, "the original secret again: \(back.stderr)")
    }
}
