import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus/configs/huawei-vrp (never copied into the
/// repository) and the hand-written fixtures in device-fixtures/huawei-vrp.
@Suite(.serialized) struct HuaweiVRPCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs/huawei-vrp")
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/huawei-vrp")

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
        return HuaweiVRPSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
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
            #expect(detected?.vendor.id == .huaweiVRP, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = HuaweiVRPSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
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
