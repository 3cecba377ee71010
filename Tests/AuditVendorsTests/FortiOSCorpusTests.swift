import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus/configs/fortios (never copied into the repository)
/// and the hand-written fixtures in device-fixtures/fortios.
@Suite(.serialized) struct FortiOSCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs/fortios")
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/fortios")

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func model(_ url: URL) throws -> DeviceConfig {
        let text = try #require(read(url))
        return FortiOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
    }

    /// Parses every file, checks detection, prints the share of lines understood; returns the shares.
    @discardableResult
    static func check(folder: URL, minimum: Double) -> [Double] {
        let files = files(in: folder)
        #expect(!files.isEmpty, "no files in \(folder.path)")
        print("coverage of \(folder.lastPathComponent):")
        var shares: [Double] = []
        for url in files {
            guard let text = read(url) else {
                Issue.record("cannot read \(url.path)")
                continue
            }
            let detected = VendorRegistry.detect(text)
            #expect(detected?.vendor.id == .fortiOS, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = FortiOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
            let coverage = config.coverage
            let percent = (coverage.ratio * 1000).rounded() / 10
            shares.append(coverage.ratio)
            print("  \(url.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) = \(percent)% (detection \(detected?.score.value ?? 0))")
            for diagnostic in config.diagnostics where diagnostic.code == "unrecognized-line" {
                print("    \(diagnostic.span.map(\.description) ?? ""): \(diagnostic.message)")
            }
            #expect(coverage.ratio >= minimum, "\(url.lastPathComponent) understood only \(percent)%")
        }
        return shares
    }

    @Test func everyCorpusFileIsDetectedAndMostlyUnderstood() {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            print("skipping: corpus not found at \(Self.corpus.path) (../shared is absent)")
            return
        }
        let shares = Self.check(folder: Self.corpus, minimum: 0.5).sorted()
        let median = shares.isEmpty ? 0 : shares[shares.count / 2]
        print("  median share understood: \((median * 1000).rounded() / 10)%")
        #expect(median >= 0.9)
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
