import Testing
import Foundation
import AuditCore
import AuditCredentials
import RouterAudit

/// Runs the built `routeraudit` executable as a user would.
struct CommandLineTests {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The executable sits next to the test bundle in the build folder.
    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("routeraudit").path) && folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("routeraudit")
    }

    static func run(_ arguments: [String], environment extra: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // Reports follow LANG; these tests read the English text whatever the developer's locale.
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func insecureFixtureFailsWithFindingsAndHidesSecrets() throws {
        let result = try Self.run(["audit", Fixtures.path("cisco-ios/soho-887-insecure.cfg")])
        #expect(result.status == 1)
        #expect(result.stdout.contains("RA-MGMT-001"))
        #expect(result.stdout.contains("devices audited") || result.stdout.contains("device audited"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        let secrets = Fixtures.secrets(in: "cisco-ios/soho-887-insecure.cfg")
        #expect(!secrets.isEmpty)
        // A secret that is also a word of the tool's own text ("cisco" in "cisco-ios") cannot be
        // told apart in the output; its hash and every other secret still can.
        let ownWords = (CheckCatalogue.markdown() + RouterAuditFacade.vendorIDs.joined(separator: " ")).lowercased()
        for secret in secrets where !ownWords.contains(secret.lowercased()) {
            #expect(!result.stdout.contains(secret), "secret '\(secret)' printed without --show-secrets")
        }
        #expect(secrets.contains { !ownWords.contains($0.lowercased()) })
    }

    @Test func jsonIsParseableAndVersioned() throws {
        let result = try Self.run(["audit", "--format", "json", Fixtures.path("cisco-ios/soho-887-insecure.cfg")])
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["schemaVersion"] as? Int == 1)
        let devices = try #require(document["devices"] as? [[String: Any]])
        let findings = try #require(devices.first?["findings"] as? [[String: Any]])
        #expect(!findings.isEmpty)
        #expect(findings.allSatisfy { $0["fingerprint"] is String && $0["severity"] is String })
    }

    @Test func hardenedFixturePassesAtHigh() throws {
        let result = try Self.run(["audit", "--fail-on", "high", Fixtures.path("cisco-ios/soho-887-hardened.cfg")])
        #expect(result.status == 0, "\(result.stdout)")
    }

    @Test func usageErrorsExitWithTwo() throws {
        #expect(try Self.run(["audit", "--vendor", "acme", Fixtures.path("cisco-ios/soho-887-insecure.cfg")]).status == 2)
        #expect(try Self.run(["audit", "--policy", "/nonexistent.yaml", Fixtures.path("cisco-ios/soho-887-insecure.cfg")]).status == 2)
        let nothing = try Self.run(["audit", "/nonexistent/router.cfg"])
        #expect(nothing.status == 2)
        #expect(nothing.stdout.contains("/nonexistent/router.cfg: no such file"))
    }

    @Test func checksListAndShow() throws {
        let list = try Self.run(["checks", "list"])
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").count >= 15)
        let show = try Self.run(["checks", "show", "RA-MGMT-001"])
        #expect(show.stdout.contains("transport input ssh"))
        #expect(try Self.run(["checks", "show", "RA-NOPE-999"]).status != 0)
    }
}

extension Fixtures {
    /// Every secret the configuration gives away (cleartext, decoded type 7, SNMP communities),
    /// worked out from the parse, so the leak test knows what must never be printed.
    static func secrets(in relative: String) -> [String] {
        guard case .success(let audit) = Auditor().audit(inputs: [ConfigInput(path: path(relative), text: text(relative))]) else {
            return []
        }
        let engine = CredentialEngine()
        var found: [String] = []
        for stored in audit.config.allSecrets {
            let assessment = engine.assess(stored.secret, owner: stored.owner, purpose: stored.purpose,
                                           vendor: audit.config.vendor, minimumLength: 8)
            if let plain = assessment.recovered, plain.count >= 4 { found.append(plain) }
            if case .hashed(_, let hash) = stored.secret.form { found.append(hash) }
        }
        for community in audit.config.snmp.communities {
            if case .cleartext(let name) = community.name.form { found.append(name) }
        }
        return found
    }
}
