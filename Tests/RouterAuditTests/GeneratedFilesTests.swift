import Testing
import Foundation
import Yams
import AuditCredentials
import RouterAudit

/// Files generated from a source of truth must match it; each failure says how to regenerate.
struct GeneratedFilesTests {
    static let root = Fixtures.root

    @Test func checkCatalogueIsCurrent() throws {
        let committed = try String(contentsOf: Self.root.appendingPathComponent("docs/checks.md"), encoding: .utf8)
        #expect(committed == CheckCatalogue.markdown(),
                "docs/checks.md is stale: run `swift run routeraudit checks catalogue > docs/checks.md`")
    }

    /// Compared on raw scalars: YAML resolvers disagree about plain words like `y` or `NULL`.
    @Test func embeddedCredentialsMatchTheYAML() throws {
        let folder = Self.root.appendingPathComponent("profiles/credentials")
        let defaults = try #require(try Yams.compose(yaml: String(contentsOf: folder.appendingPathComponent("defaults.yaml"), encoding: .utf8)))
        let vendors = try #require(defaults["vendors"]?.mapping)
        var fromYAML: [String] = []
        for (vendor, entries) in vendors {
            for entry in entries.sequence ?? [] {
                let fields = ["user", "password", "protocol"].map { entry[$0]?.string ?? "" }
                fromYAML.append(([vendor.string ?? ""] + fields).joined(separator: "|"))
            }
        }
        let embedded = CredentialKnowledge.builtIn.defaults.map { "\($0.vendor)|\($0.user)|\($0.password)|\($0.protocol)" }
        #expect(fromYAML.sorted() == embedded.sorted(), "BuiltInCredentials.generated.swift is stale: run scripts/build-credential-profiles.py --swift")

        let weak = try #require(try Yams.compose(yaml: String(contentsOf: folder.appendingPathComponent("weak-passwords.yaml"), encoding: .utf8)))
        let words = (weak["passwords"]?.sequence ?? []).map { $0.string ?? "" }
        let builtIn = CredentialKnowledge.builtIn.weakPasswords
        #expect(words.count == builtIn.count && words == builtIn,
                "weak-password list is stale (\(words.count) in YAML, \(builtIn.count) embedded; first difference: \(zip(words, builtIn).first { $0 != $1 }.map { "\($0) vs \($1)" } ?? "length")): run scripts/build-credential-profiles.py --swift")
    }

    @Test func embeddedPoliciesMatchTheFiles() throws {
        let folder = Self.root.appendingPathComponent("profiles/policies")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }
        #expect(!names.isEmpty)
        for name in names {
            let policy = try PolicyLoader.load(nameOrPath: String(name.dropLast(5)), knownCheckIDs: RouterAuditFacade.checkIDs)
            let fromFile = try PolicyLoader.load(nameOrPath: folder.appendingPathComponent(name).path, knownCheckIDs: RouterAuditFacade.checkIDs)
            #expect(policy.name == fromFile.name && policy.severityOverrides == fromFile.severityOverrides
                    && policy.minimumPasswordLength == fromFile.minimumPasswordLength && policy.disabledChecks == fromFile.disabledChecks,
                    "EmbeddedProfiles.generated.swift is stale for \(name): run scripts/embed-profiles.py")
        }
    }
}
