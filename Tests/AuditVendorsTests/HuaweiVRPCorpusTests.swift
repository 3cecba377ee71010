import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus/configs/huawei-vrp (never copied into the
/// repository) and the hand-written fixtures in device-fixtures/huawei-vrp.
@Suite(.serialized) struct HuaweiVRPCorpusTests {
    static let corpus = CorpusHarness.corpus("huawei-vrp")
    static let fixtures = CorpusHarness.fixtures("huawei-vrp")

    static func read(_ url: URL) -> String? { CorpusHarness.read(url) }

    static func model(_ url: URL) throws -> DeviceConfig {
        let text = try #require(read(url))
        return HuaweiVRPSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
    }

    @discardableResult
    static func check(folder: URL, minimum: Double) -> [Double] {
        CorpusHarness.check(folder: folder, support: HuaweiVRPSupport(), minimum: minimum)
    }

    @Test func everyCorpusFileIsDetectedAndMostlyUnderstood() {
        CorpusHarness.checkCorpus("huawei-vrp", support: HuaweiVRPSupport())
    }

    @Test func fixturesAreDetectedAndFullyUnderstood() {
        Self.check(folder: Self.fixtures, minimum: 1)
    }

    /// The labelled facts of the S5700 fixture, as the model must carry them.
    @Test func basicConfigFacts() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else { return }
        let config = try Self.model(Self.corpus.appendingPathComponent("sentriflow__basic-config.txt"))
        #expect(config.snmp.communities.map(\.name.form) == [.cleartext("public"), .cleartext("private")])
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        let admin = try #require(config.accounts.first)
        #expect(admin.name == "admin" && admin.isAdministrator)
        #expect(admin.secret?.form == .cleartext("Admin@123") && admin.secret?.declaredForm == "irreversible-cipher")
        let console = try #require(config.storedSecrets.first { $0.owner == "console 0" })
        #expect(console.purpose == .linePassword && console.secret.form == .cleartext("Password123"))
        let vty = try #require(config.loginChannels.first { $0.kind == .vty })
        #expect(vty.transportInput.value == [.ssh] && vty.execTimeout.value == 900)
        #expect(config.wanInterfaces.isEmpty, "the default route points at the core through a VLAN interface")
    }

    @Test func insecureFixtureShowsItsProblems() throws {
        let config = try Self.model(Self.fixtures.appendingPathComponent("ar1220-shop-insecure.cfg"))
        #expect(config.wanInterfaces.map(\.name) == ["GigabitEthernet0/0/4"])
        #expect(config.filter(named: "3001")?.rules.first?.matchesEverything == true)
        #expect(config.portForwards.map(\.externalPorts) == [.single(3389), .single(2323)])
        #expect(config.loginChannels.first { $0.kind == .console }?.authentication.value == LoginChannel.Authentication.none)
        #expect(config.loginChannels.first { $0.kind == .vty }?.transportInput.value == [.telnet])
        #expect(config.service(.http)?.enabled.value == true)
        #expect(config.accounts.contains { $0.secret?.form == .cleartext("support") })
    }

    @Test func hardenedFixtureIsClean() throws {
        let config = try Self.model(Self.fixtures.appendingPathComponent("ar651-branch-hardened.cfg"))
        #expect(config.service(.telnet)?.enabled.value == false)
        #expect(config.service(.http)?.enabled.value == false)
        #expect(config.service(.https)?.accessFilter?.value == "2001")
        #expect(config.loginChannels.allSatisfy { $0.execTimeout.value > 0 && $0.execTimeout.value <= 600 })
        #expect(config.loginChannels.filter { $0.kind == .vty }.allSatisfy { $0.accessClass != nil && $0.transportInput.value == [.ssh] })
        #expect(config.allSecrets.allSatisfy { !$0.secret.isRecoverableFromConfig })
        #expect(config.snmp.communities.isEmpty)
        #expect(config.hardening.loginProtection?.value == LoginProtection(blockSeconds: 900, attempts: 3, withinSeconds: 300))
        #expect(config.wanInterfaces.allSatisfy { $0.inboundFilter != nil })
        #expect(config.diagnostics.filter { $0.level != .info }.isEmpty)
    }
}
