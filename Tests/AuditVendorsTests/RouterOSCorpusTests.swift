import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// Where the real configurations and our device fixtures are, found from this file's path (the
/// corpus lives next to the repository, in ../shared, and is never copied in).
enum RouterOSPaths {
    /// Tests/AuditVendorsTests/<this file> → the package root.
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("../shared/corpus/configs/routeros").standardizedFileURL
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/routeros")
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func input(_ url: URL) -> ConfigInput {
        let data = (try? Data(contentsOf: url)) ?? Data()
        return ConfigInput(path: url.lastPathComponent, text: String(decoding: data, as: UTF8.self))
    }

    static func corpusFile(_ name: String) -> DeviceConfig {
        RouterOSSupport().parse([input(corpus.appendingPathComponent(name))])
    }

    static func fixture(_ name: String) -> DeviceConfig {
        RouterOSSupport().parse([input(fixtures.appendingPathComponent(name))])
    }
}

@Suite("RouterOS corpus")
struct RouterOSCorpusTests {
    @Test(.enabled(if: RouterOSPaths.corpusAvailable, "../shared/corpus is absent: RouterOS corpus test skipped"))
    func everyCorpusFileIsDetectedAndParsed() {
        let files = RouterOSPaths.files(in: RouterOSPaths.corpus)
        #expect(files.count >= 9)
        var ratios: [Double] = []
        for file in files {
            let input = RouterOSPaths.input(file)
            let detected = VendorRegistry.detect(input.text)
            #expect(detected?.vendor.id == .routerOS, "\(file.lastPathComponent) detected as \(String(describing: detected?.vendor.id))")
            let config = RouterOSSupport().parse([input])
            let coverage = config.coverage
            ratios.append(coverage.ratio)
            let percent = Int((coverage.ratio * 100).rounded())
            print("routeros corpus \(file.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) lines understood (\(percent)%), "
                  + "\(config.diagnostics.count) diagnostics, detection \(detected?.score.value ?? 0)")
            #expect(coverage.meaningfulLines > 0)
            #expect(coverage.ratio >= 0.9, "\(file.lastPathComponent): \(config.diagnostics.filter { $0.code == "unrecognized-line" })")
        }
        let median = ratios.sorted()[ratios.count / 2]
        print("routeros corpus median share understood: \(Int((median * 100).rounded()))%")
        #expect(median >= 0.9)
    }

    @Test(.enabled(if: RouterOSPaths.corpusAvailable, "../shared/corpus is absent: RouterOS corpus test skipped"))
    func corpusModelsMatchTheHandLabels() throws {
        // RouterOS 6.42 unit-test export: ether1 is a DHCP client, nothing filters it.
        let facts = RouterOSPaths.corpusFile("community-routeros__facts_export")
        #expect(facts.identity.firmware?.value == "6.42.5")
        #expect(facts.wanInterfaces.map(\.name) == ["ether1"])
        #expect(facts.zone(named: "ether1")?.input.value == .permit)
        #expect(facts.zone(named: "ether1")?.input.origin.isVendorDefault == true)
        #expect(facts.service(.telnet)?.enabled.value == true && facts.service(.telnet)?.enabled.origin.isVendorDefault == true)

        // CCR1036: services partly disabled, api restricted, one input drop that is not a policy.
        for name in ["netutils__routeros_backup.txt", "netutils__routeros_full_sent.txt"] {
            let ccr = RouterOSPaths.corpusFile(name)
            #expect(ccr.identity.hostname?.value == "ag1.123site.nwk.nj")
            #expect(ccr.service(.telnet)?.enabled.value == false)
            #expect(ccr.service(.http)?.enabled.value == false)
            #expect(ccr.service(.ssh)?.enabled.value == true)
            #expect(ccr.service(.winbox)?.enabled.value == true)
            #expect(ccr.service(.api)?.allowedSources?.value.count == 3)
            #expect(ccr.service(.snmp)?.enabled.value == true)
            #expect(ccr.snmp.communities.map(\.name.form) == [.cleartext("public"), .cleartext("somestringa")])
            #expect(ccr.snmp.communities.allSatisfy { !$0.isRestricted })
            let rules = try #require(ccr.filter(named: RouterOSConversion.filterListName)?.rules)
            #expect(rules.count == 1 && rules[0].action == .deny && !rules[0].conditions.isEmpty)
            #expect(ccr.portForwards.count == 1)
            #expect(ccr.portForwards.first?.internalAddress == IPAddress("10.1.15.10"))
            #expect(ccr.portForwards.first?.externalPorts == .single(443))
            let ipsec = try #require(ccr.storedSecrets.first { $0.purpose == .service("ipsec") })
            guard case .opaque = ipsec.secret.form else {
                Issue.record("the masked IPsec secret must stay opaque")
                continue
            }
        }

        let chr = RouterOSPaths.corpusFile("oxidized__routeros_CHR_7.10.1_output.txt")
        #expect(chr.identity.firmware?.value == "7.10.1")
        #expect(chr.wanInterfaces.map(\.name) == ["ether1"])
        #expect(chr.service(.ssh)?.settings["always-allow-password-login"]?.value == "yes")

        let basic = RouterOSPaths.corpusFile("sentriflow__basic-config.txt")
        #expect(basic.identity.hostname?.value == "EDGE-ROUTER-01")
        #expect(basic.wanInterfaces.map(\.name) == ["WAN"])
        #expect(basic.service(.dns)?.enabled.value == true)
        let netadmin = try #require(basic.accounts.first { $0.name == "netadmin" })
        #expect(netadmin.secret?.form == .cleartext("securepassword123") && netadmin.isAdministrator)
        let admin = try #require(basic.accounts.first { $0.name == "admin" })
        #expect(admin.passwordLoginAllowed?.value == false && admin.secret?.isEmpty == false)

        let tutorial = RouterOSPaths.corpusFile("tmaskpl-2wans__config.rsc")
        #expect(Set(tutorial.wanInterfaces.map(\.name)) == ["WAN", "bonding1"])
        #expect(tutorial.diagnostics.contains { $0.code == "unrecognized-line" && $0.span?.start == 38 })
    }

    @Test(.enabled(if: RouterOSPaths.corpusAvailable, "../shared/corpus is absent: cross-vendor detection test skipped"))
    func otherVendorsCorpusFilesAreNotClaimed() {
        let configs = RouterOSPaths.corpus.deletingLastPathComponent()
        for vendor in RouterOSPaths.files(in: configs) where vendor.lastPathComponent != "routeros" {
            for file in RouterOSPaths.files(in: vendor) {
                let score = RouterOSSupport().detect(RouterOSPaths.input(file).text)
                #expect(score.value < 20, "\(vendor.lastPathComponent)/\(file.lastPathComponent): \(score.reason)")
            }
        }
    }

    // MARK: Device fixtures

    @Test func insecureOfficeFixture() throws {
        let config = RouterOSPaths.fixture("insecure-office.rsc")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.filter { $0.level != .info }.isEmpty, "\(config.diagnostics)")
        #expect(VendorRegistry.detect(config.sources[0].lines.joined(separator: "\n"))?.vendor.id == .routerOS)
        #expect(Set(config.wanInterfaces.map(\.name)) == ["ether1-gateway", "pppoe-out1"])
        #expect(config.zone(named: "pppoe-out1")?.input.value == .permit)
        #expect(config.portForwards.map(\.externalPorts) == [.single(3389), .single(8080)])
        #expect(config.portForwards.allSatisfy { $0.externalRole == .wan && $0.enabled })
        #expect(config.service(.socks)?.enabled.value == true)
        #expect(config.service(.upnp)?.enabled.value == true)
        #expect(config.service(.dns)?.enabled.value == true)
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.accounts.first { $0.name == "support" }?.secret?.form == .cleartext("support"))
        #expect(Set(config.storedSecrets.map(\.owner)) == ["pppoe-out1", "homeoffice", "office"])
        // The PPPoE password sits on the continuation line of its statement.
        #expect(config.secretSpans.contains { $0.line == 12 })
    }

    @Test func hardenedOfficeFixture() throws {
        let config = RouterOSPaths.fixture("hardened-office.rsc")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.filter { $0.level != .info }.isEmpty, "\(config.diagnostics)")
        let wan = try #require(config.zone(named: "ether1"))
        #expect(wan.input.value == .deny && wan.forward.value == .deny)
        for kind: ServiceKind in [.telnet, .ftp, .http, .api, .apiSSL] {
            #expect(config.service(kind)?.enabled.value == false, "\(kind)")
        }
        for kind: ServiceKind in [.ssh, .winbox, .https] {
            #expect(config.service(kind)?.allowedSources?.value == [IPPrefix("192.168.88.0/24")!], "\(kind)")
        }
        #expect(config.service(.macTelnet)?.listen.value == [.interface("bridge")])
        #expect(config.snmp.communities.allSatisfy { $0.isRestricted })
        #expect(config.storedSecrets.map(\.owner) == ["wifi1"])
        #expect(config.portForwards.first?.externalPorts == .single(25565))
    }

    // MARK: Damaged input

    @Test func emptyInput() {
        let config = RouterOSTest.parse("", path: "empty")
        #expect(config.sources.count == 1)
        #expect(config.coverage.meaningfulLines == 0)
        #expect(RouterOSTest.diagnostics(config, code: "empty").count == 1)
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]
        let config = RouterOSTest.parse(String(decoding: bytes, as: UTF8.self), path: "blob")
        #expect(RouterOSTest.diagnostics(config, code: "binary").count == 1)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func truncatedFixture() throws {
        let fixture = RouterOSPaths.input(RouterOSPaths.fixtures.appendingPathComponent("hardened-office.rsc"))
        try #require(fixture.text.utf8.count > 1000, "fixture hardened-office.rsc is missing")
        for cut in [1, 17, 211, 777, fixture.text.utf8.count / 2, fixture.text.utf8.count - 3] {
            let text = String(decoding: Array(fixture.text.utf8.prefix(cut)), as: UTF8.self)
            let config = RouterOSTest.parse(text, path: "cut")
            #expect(config.sources.count == 1)
            #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        }
        // Cut inside a quoted comment: reported as truncated.
        let cut = try #require(fixture.text.firstRange(of: "comment=\"defconf: acc"))
        let config = RouterOSTest.parse(String(fixture.text[..<cut.upperBound]), path: "cut")
        #expect(RouterOSTest.diagnostics(config, code: "truncated").count == 1)
    }

    @Test func anotherVendorsFileForcedThroughThisParser() {
        let text = """
        hostname cpe
        interface Dialer1
         ip address negotiated
        line vty 0 4
         transport input telnet
        config zone
        \toption name 'wan'
        set system host-name r1
        """
        let config = RouterOSTest.parse(text, path: "other")
        #expect(config.coverage.understoodLines == 0)
        #expect(RouterOSTest.diagnostics(config, code: "not-routeros").count == 1)
        #expect(RouterOSSupport().detect(text).value < 20)
    }

    @Test func hugeInput() {
        var text = "/ip firewall filter\n"
        for index in 0..<20_000 {
            text += "add action=accept chain=input dst-port=\(index % 65535) protocol=tcp in-interface=ether1 comment=\"r\(index)\"\n"
        }
        text += String(repeating: "this is not routeros at all\n", count: 5_000)
        let config = RouterOSTest.parse(text, path: "huge")
        #expect(config.filter(named: RouterOSConversion.filterListName)?.rules.count == 20_000)
        #expect(config.coverage.meaningfulLines == 25_001)
        #expect(config.coverage.understoodLines == 20_001)
        #expect(RouterOSTest.diagnostics(config, code: "unrecognized-line").count == RouterOSConversion.unrecognizedWarningsPerFile + 1)
    }

    // MARK: Throughput

    @Test func throughputIsPrinted() {
        let inputs = RouterOSPaths.files(in: RouterOSPaths.fixtures).map { RouterOSPaths.input($0) }
        let support = RouterOSSupport()
        let rounds = 200
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for input in inputs {
                    _ = support.detect(input.text)
                    _ = support.parse([input])
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("routeros throughput: \(Int(Double(rounds * inputs.count) / seconds)) configs/s (detect + parse) in this build")
    }
}
