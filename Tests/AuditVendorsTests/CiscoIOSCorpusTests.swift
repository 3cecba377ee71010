import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus (never copied into the repository) and the
/// hand-written fixtures in device-fixtures/cisco-ios.
@Suite(.serialized) struct CiscoIOSCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs/cisco-ios")
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/cisco-ios")

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Parses every file, checks detection and prints the share of lines understood.
    static func check(folder: URL, minimum: Double = 0.90) {
        let files = files(in: folder)
        #expect(!files.isEmpty, "no files in \(folder.path)")
        print("coverage of \(folder.lastPathComponent):")
        for url in files {
            guard let text = read(url) else {
                Issue.record("cannot read \(url.path)")
                continue
            }
            let detected = VendorRegistry.detect(text)
            #expect(detected?.vendor.id == .ciscoIOS, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = CiscoIOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
            let coverage = config.coverage
            let percent = (coverage.ratio * 1000).rounded() / 10
            print("  \(url.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) = \(percent)% (detection \(detected?.score.value ?? 0))")
            for diagnostic in config.diagnostics where diagnostic.code == "unrecognized-line" {
                print("    \(diagnostic.span.map(\.description) ?? ""): \(diagnostic.message)")
            }
            #expect(coverage.ratio >= minimum, "\(url.lastPathComponent) understood only \(percent)%")
        }
    }

    @Test func fixturesAreDetectedAndFullyUnderstood() {
        Self.check(folder: Self.fixtures, minimum: 1)
    }

    /// The legacy fixture's exposure rests on IOS 12.4 defaults, which the model must say.
    @Test func legacyFixtureRestsOnDefaults() throws {
        let url = Self.fixtures.appendingPathComponent("soho-1841-legacy-defaults.cfg")
        let text = try #require(Self.read(url))
        let config = CiscoIOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
        let telnet = try #require(config.service(.telnet))
        #expect(telnet.enabled.value && telnet.enabled.origin.isVendorDefault)
        let console = try #require(config.loginChannels.first { $0.kind == .console })
        #expect(console.authentication.value == .aaa(list: "default", methods: ["none"]))
        let vty = try #require(config.loginChannels.first { $0.kind == .vty })
        #expect(vty.authentication.value == .aaa(list: "REMOTE", methods: ["local"]))
        #expect(config.interfaces.first { $0.name == "Dialer0" }?.inboundFilter?.value == "110")
        #expect(config.filter(named: "110")?.rules.count == 4)
        #expect(config.portForwards.first?.externalPorts == .single(3389))
        #expect(config.snmp.communities.first?.accessFilter?.value == "1")
        #expect(config.filterUses["1"] == [.natSelection, .managementAccess("snmp")])
    }

    /// The badly hardened fixture carries every problem it was written to show.
    @Test func insecureFixtureShowsItsProblems() throws {
        let url = Self.fixtures.appendingPathComponent("soho-887-insecure.cfg")
        let text = try #require(Self.read(url))
        let config = CiscoIOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
        #expect(config.service(.telnet)?.enabled.value == true)
        #expect(config.service(.http)?.enabled.value == true)
        #expect(config.service(.ssh)?.settings["version"]?.value == "1")
        #expect(config.storedSecrets.contains { $0.owner == "enable" && $0.secret.form == .cleartext("letmein") })
        #expect(config.accounts.contains { $0.secret?.form == .reversible(scheme: .ciscoType7, encoded: "050A020228421F5B4A") })
        #expect(config.snmp.communities.map(\.name.form) == [.cleartext("public"), .cleartext("private")])
        #expect(config.loginChannels.contains { $0.kind == .vty && $0.execTimeout.value == 0 })
        #expect(config.hardening.loginProtection?.value == nil)
        #expect(config.hardening.passwordEncryption?.value == false)
        let wanFilter = try #require(config.filter(named: "WAN_IN"))
        #expect(wanFilter.rules.first?.matchesEverything == true)
        #expect(config.filterUses["WAN_IN"] == [.interfaceInbound("Dialer1")])
        #expect(config.portForwards.map { $0.externalPorts } == [.single(3389), .single(23)])
        #expect(config.portForwards.allSatisfy { $0.externalRole == .wan })
        #expect(config.wanInterfaces.map(\.name) == ["Dialer1"], "the ATM carrier under the dialer has no role of its own")
    }

    /// The well hardened fixture gives the checks nothing to report.
    @Test func hardenedFixtureIsClean() throws {
        let url = Self.fixtures.appendingPathComponent("soho-887-hardened.cfg")
        let text = try #require(Self.read(url))
        let config = CiscoIOSSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
        #expect(config.service(.telnet)?.enabled.value == false)
        #expect(config.service(.http)?.enabled.value == false)
        #expect(config.service(.https)?.enabled.value == false)
        #expect(config.service(.ssh)?.accessFilter?.value == "MGMT_HOSTS")
        #expect(config.service(.ssh)?.settings["version"]?.value == "2")
        #expect(config.service(.snmp) == nil)
        #expect(config.allSecrets.allSatisfy { !$0.secret.isRecoverableFromConfig })
        #expect(config.loginChannels.allSatisfy { $0.execTimeout.value > 0 && $0.execTimeout.value <= 600 })
        #expect(config.hardening.passwordEncryption?.value == true)
        #expect(config.hardening.loginProtection?.value != nil)
        #expect(config.portForwards.isEmpty)
        #expect(config.diagnostics.filter { $0.level != .info }.isEmpty)
    }

    @Test func everyCorpusFileIsDetectedAndMostlyUnderstood() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            print("skipping: corpus not found at \(Self.corpus.path) (../shared is absent)")
            return
        }
        Self.check(folder: Self.corpus)
    }
}
