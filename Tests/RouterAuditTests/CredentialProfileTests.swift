import Testing
import Foundation
import AuditCore
import AuditCredentials
import RouterAudit

struct CredentialProfileTests {
    @Test func shippedCredentialFilesValidate() throws {
        let folder = Fixtures.root.appendingPathComponent("profiles/credentials")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(names.count >= 4)
        for name in names {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            _ = try CredentialProfileLoader.merge(text, file: name, into: .builtIn)
        }
    }

    @Test func anOperatorsOwnDefaultIsFound() throws {
        let knowledge = try CredentialProfileLoader.merge("""
            version: 1
            vendors:
              cisco-ios:
                - {user: isp, password: Kpn-Support-2019, protocol: any, source: "our CPE template"}
            """, file: "isp.yaml", into: .builtIn)
        let engine = CredentialEngine(knowledge: knowledge)
        let result = engine.assess(Secret(.cleartext("Kpn-Support-2019"), origin: .line("x", 1)), owner: "isp",
                                   purpose: .login, vendor: .ciscoIOS, minimumLength: 8)
        #expect(result.matchesDefault?.contains("our CPE template") == true)
    }

    @Test(arguments: [
        ("version: 2\n", 1, "unsupported version"),
        ("version: 1\nvendors:\n  cisco-ios:\n    - {user: a, protocol: any, source: x}\n", 4, "no password"),
        ("version: 1\nvendors:\n  cisco-ios:\n    - {user: a, password: b}\n", 4, "no source"),
        ("version: 1\nvendors:\n  cisco-ios:\n    - {user: a, password: b, source: c, colour: red}\n", 4, "unknown login field"),
        ("version: 1\npasswords: {a: 1}\n", 2, "must be a list"),
        ("version: 1\nwords: [a]\n", 2, "unknown key"),
    ])
    func malformedFilesNameTheLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try CredentialProfileLoader.merge(text, file: "bad.yaml", into: .builtIn)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml:\(line):"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
