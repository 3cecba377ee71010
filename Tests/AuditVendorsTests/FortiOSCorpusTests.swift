import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus/configs/fortios (never copied into the repository)
/// and the hand-written fixtures in device-fixtures/fortios.
@Suite(.serialized) struct FortiOSCorpusTests {
    static let corpus = CorpusHarness.corpus("fortios")
    static let fixtures = CorpusHarness.fixtures("fortios")

    static func read(_ url: URL) -> String? { CorpusHarness.read(url) }

    static func model(_ url: URL) throws -> DeviceConfig {
        let text = try #require(read(url))
        return FortiOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
    }

    @discardableResult
    static func check(folder: URL, minimum: Double) -> [Double] {
        CorpusHarness.check(folder: folder, support: FortiOSSupport(), minimum: minimum)
    }

    @Test func everyCorpusFileIsDetectedAndMostlyUnderstood() {
        CorpusHarness.checkCorpus("fortios", support: FortiOSSupport())
    }

    @Test func fixturesAreDetectedAndUnderstood() {
        // The insecure fixture keeps an IPsec tunnel (weak proposals) the model does not hold.
        Self.check(folder: Self.fixtures, minimum: 0.9)
    }

    /// The labels of the corpus, as the model must carry them.
    @Test func corpusFactsTheChecksNeed() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else { return }
        let ignored = try Self.model(Self.corpus.appendingPathComponent("batfish-testconfigs__fortios_ignored"))
        let admin = try #require(ignored.accounts.first { $0.name == "admin" })
        #expect(admin.isAdministrator && admin.secret?.form == .empty)
        #expect(admin.allowedSources?.value == [.anyV4])
        #expect(ignored.storedSecrets.first { $0.owner == "api-user monitoring" }?.secret.form
                == .opaque(scheme: "redacted", encoded: "<removed>"))

        let policy = try Self.model(Self.corpus.appendingPathComponent("batfish-testconfigs__firewall_policy"))
        let rules = try #require(policy.filter(named: "firewall policy")?.rules)
        #expect(rules.first { $0.label == "policy 2" }?.matchesEverything == true)
        #expect(rules.first { $0.label == "policy 2" }?.sourceZone == "*")
        #expect(rules.filter { $0.label?.hasPrefix("policy 3 ") == true }.count == 8)
        #expect(rules.first { $0.label == "policy 0" }?.enabled == false)

        let sample = try Self.model(Self.corpus.appendingPathComponent("ftnt-dspille-fortiparse__sample_config.txt"))
        #expect(sample.service(.http)?.listen.value == [.interface("port1")])
        #expect(Set(sample.references.map(\.name)) == ["port5", "Users_Subnet", "Server001"])

        let backup = try Self.model(Self.corpus.appendingPathComponent("netutils__fortios_backup.txt"))
        #expect(backup.service(.https)?.settings["tls-versions"]?.value == "tlsv1-1 tlsv1-2 tlsv1-3")
        #expect(backup.hardening.loginProtection?.value == LoginProtection(blockSeconds: 60, attempts: 3, withinSeconds: 0))
        #expect(backup.interfaces.first { $0.name == "mgmt" }?.role.value == .mgmt)

        let vdoms = try Self.model(Self.corpus.appendingPathComponent("oxidized__fortigate_FortiGate-501E_vdomHAdown_output.txt"))
        #expect(vdoms.interfaces.first { $0.name == "port1" }?.role.value == .wan, "alias WAN")
        #expect(vdoms.services.allSatisfy { $0.listen.value == [.interface("mgmt")] })
    }

    @Test func insecureFixtureShowsItsProblems() throws {
        let config = try Self.model(Self.fixtures.appendingPathComponent("fg60f-shop-insecure.conf"))
        #expect(config.identity.hostname?.value == "SHOP-FW")
        #expect(config.accounts.first { $0.name == "admin" }?.secret?.form == .empty)
        #expect(config.service(.telnet)?.listen.value == [.interface("wan1")])
        #expect(config.service(.http)?.settings["admin-https-redirect"]?.value == "disable")
        #expect(config.snmp.communities.first?.name.form == .cleartext("public"))
        #expect(config.portForwards.filter(\.enabled).map(\.label) == ["NAS-RDP"])
        #expect(config.portForwards.first { $0.label == "CAMERA-WEB" }?.enabled == false)
        #expect(config.wanInterfaces.map(\.name) == ["wan1", "wan2"])
        let rules = try #require(config.filter(named: "firewall policy")?.rules)
        #expect(rules.first { $0.label == "policy 3 (temp allow all)" }?.matchesEverything == true)
        #expect(config.storedSecrets.contains { $0.owner == "vpn ipsec phase1-interface to-home" })
    }

    @Test func hardenedFixtureIsClean() throws {
        let config = try Self.model(Self.fixtures.appendingPathComponent("fg60f-branch-hardened.conf"))
        #expect(config.service(.telnet) == nil && config.service(.http) == nil)
        #expect(config.service(.https)?.effectivePort == 8443)
        #expect(config.accounts.allSatisfy { !($0.allowedSources?.value.contains(where: \.isAny) ?? true) })
        #expect(config.allSecrets.allSatisfy { !$0.secret.isRecoverableFromConfig })
        #expect(config.snmp.communities.allSatisfy { $0.isRestricted })
        #expect(config.portForwards.isEmpty)
        #expect(config.diagnostics.filter { $0.level != .info }.isEmpty)
        #expect(config.coverage.ratio == 1)
    }
}
