import Testing
import Foundation
import AuditCore
import AuditChecks
import AuditCredentials
import AuditVendors

/// A vendor default stored under each one-way format is found; a random 16-character password
/// under the same formats is not. The fixtures were hashed by Python (hashlib, crypt), not by us.
struct DefaultSecretFormatsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("device-fixtures/credentials")
    let context = AuditContext(secrets: CredentialEngine())

    func findings(inCisco name: String) throws -> [Finding] {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let config = CiscoIOSSupport().parse([ConfigInput(path: name, text: text)])
        return DefaultCredential().run(on: config, context: context)
    }

    @Test func ciscoType5Type8Type9DefaultsAreFound() throws {
        let found = try findings(inCisco: "cisco-default-secrets.cfg")
        let lines = Set(found.compactMap { $0.primarySpan?.start })
        #expect(lines == [5, 6, 7], "expected enable secret 8, secret 9 and secret 5 to be reported, got \(found.map(\.message.description))")
    }

    @Test func ciscoRandomSecretsAreNotDefaults() throws {
        #expect(try findings(inCisco: "cisco-random-secrets.cfg").isEmpty)
    }

    func rows(_ name: String) throws -> [(vendor: String, owner: String, scheme: HashScheme, hash: String)] {
        try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t").map(String.init) }
            .map { ($0[0], $0[1], HashScheme(rawValue: $0[2])!, $0[3]) }
    }

    @Test func cryptFamilyDefaultsAreFound() throws {
        let engine = CredentialEngine()
        for row in try rows("crypt-default-hashes.tsv") {
            let result = engine.assess(Secret(.hashed(scheme: row.scheme, encoded: row.hash), origin: .line("t", 1)),
                                       owner: row.owner, purpose: .login, vendor: VendorID(row.vendor), minimumLength: 8)
            #expect(result.matchesDefault != nil, "\(row.scheme) default not found")
        }
    }

    @Test func cryptFamilyRandomPasswordsAreNotFound() throws {
        let engine = CredentialEngine()
        for row in try rows("crypt-random-hashes.tsv") {
            let result = engine.assess(Secret(.hashed(scheme: row.scheme, encoded: row.hash), origin: .line("t", 1)),
                                       owner: row.owner, purpose: .login, vendor: VendorID(row.vendor), minimumLength: 8)
            #expect(result.matchesDefault == nil && result.weakness == nil && result.recovered == nil)
        }
    }
}
