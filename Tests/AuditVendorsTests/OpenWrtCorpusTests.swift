import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// Where the real configurations and our device fixtures are, found from this file's path (the
/// corpus lives next to the repository, in ../shared, and is never copied in).
enum OpenWrtPaths {
    /// Tests/AuditVendorsTests/<this file> → the package root.
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("../shared/corpus/configs/openwrt").standardizedFileURL
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/openwrt")
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.path) }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func input(_ url: URL, path: String? = nil) -> ConfigInput {
        let data = (try? Data(contentsOf: url)) ?? Data()
        return ConfigInput(path: path ?? url.lastPathComponent, text: String(decoding: data, as: UTF8.self))
    }

    /// Every file of a device folder, as one device.
    static func device(_ name: String) -> DeviceConfig {
        let folder = fixtures.appendingPathComponent(name)
        return OpenWrtSupport().parse(files(in: folder).map { input($0, path: "\(name)/\($0.lastPathComponent)") })
    }
}

@Suite("OpenWrt corpus")
struct OpenWrtCorpusTests {
    @Test(.enabled(if: OpenWrtPaths.corpusAvailable, "../shared/corpus is absent: OpenWrt corpus test skipped"))
    func everyCorpusFileIsDetectedAndParsed() {
        let files = OpenWrtPaths.files(in: OpenWrtPaths.corpus)
        #expect(files.count >= 8)
        for file in files {
            let input = OpenWrtPaths.input(file)
            let detected = VendorRegistry.detect(input.text)
            #expect(detected?.vendor.id == .openWrt, "\(file.lastPathComponent) detected as \(String(describing: detected?.vendor.id))")
            let config = OpenWrtSupport().parse([input])
            let coverage = config.coverage
            let percent = Int((coverage.ratio * 100).rounded())
            print("openwrt corpus \(file.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) lines understood (\(percent)%), "
                  + "\(config.diagnostics.count) diagnostics, detection \(detected?.score.value ?? 0)")
            #expect(coverage.meaningfulLines > 0)
            #expect(coverage.ratio >= 0.95, "\(file.lastPathComponent): \(config.diagnostics.filter { $0.code == "unrecognized-line" })")
        }
    }

    @Test(.enabled(if: OpenWrtPaths.corpusAvailable, "../shared/corpus is absent: OpenWrt corpus test skipped"))
    func corpusModelsMatchTheHandLabels() throws {
        func parse(_ name: String) -> DeviceConfig {
            OpenWrtSupport().parse([OpenWrtPaths.input(OpenWrtPaths.corpus.appendingPathComponent(name))])
        }
        // fw4 default firewall: wan input REJECT, ESP/ISAKMP forwarded wan → lan, redirects commented out.
        let fw4 = parse("firewall4__firewall")
        let wan = try #require(fw4.zone(named: "wan"))
        #expect(wan.role.value == .wan)
        #expect(wan.input.value == .reject)
        #expect(wan.forward.value == .deny)
        let rules = fw4.filter(named: "rules")?.rules ?? []
        let esp = try #require(rules.first { $0.label == "Allow-IPSec-ESP" })
        #expect(esp.chain == .forward && esp.sourceZone == "wan" && esp.destinationZone == "lan" && esp.action == .permit)
        #expect(esp.protocols == .only([.esp]))
        let forwardToAll = try #require(rules.first { $0.label == "Allow-ICMPv6-Forward" })
        #expect(forwardToAll.destinationZone == "*" && forwardToAll.family == 6)
        #expect(fw4.portForwards.isEmpty)

        // fw3 default: `config defaults` input ACCEPT, but the wan zone says REJECT.
        let fw3 = parse("openwrt__firewall.config")
        #expect(fw3.zone(named: "wan")?.input.value == .reject)
        #expect(fw3.zone(named: "lan")?.input.value == .permit)
        #expect(fw3.portForwards.isEmpty)

        let dropbear = try #require(parse("openwrt__dropbear.config").service(.ssh))
        #expect(dropbear.settings["PasswordAuth"]?.value == "1")
        #expect(dropbear.settings["RootPasswordAuth"]?.value == "1")
        #expect(dropbear.settings["PasswordAuth"]?.origin.isVendorDefault == false)
        #expect(dropbear.listen.value == [.any])

        let uhttpd = parse("openwrt__uhttpd.config")
        #expect(uhttpd.service(.https)?.enabled.value == true)
        #expect(uhttpd.service(.http)?.settings["redirect_https"]?.value == "1")

        // openvpn sample: commented password lines must not become secrets.
        let openvpn = parse("openwrt-packages__openvpn.config")
        #expect(openvpn.storedSecrets.isEmpty)
        #expect(openvpn.interfaces.map(\.name) == ["custom_config", "sample_server", "sample_client"])

        #expect(parse("aredn__system").identity.hostname?.value == "NOCALL")
    }

    // MARK: Device fixtures

    @Test func insecureHomeRouterFixture() throws {
        let config = OpenWrtPaths.device("insecure-home-router")
        #expect(config.sources.count == 8)
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.isEmpty, "\(config.diagnostics)")
        #expect(config.identity.hostname?.value == "HomeRouter")
        let wan = try #require(config.zone(named: "wan"))
        #expect(wan.input.value == .permit)
        #expect(config.zoneForwardings.contains { $0.from == "wan" && $0.to == "lan" && $0.enabled })
        #expect(config.portForwards.map(\.externalPorts) == [.single(3389), .single(22)])
        #expect(config.portForwards.allSatisfy { $0.externalRole == .wan && $0.enabled })
        #expect(config.portForwards[1].internalPorts == .single(22))
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.listen.value == [.any] && ssh.settings["PasswordAuth"]?.value == "1")
        let http = try #require(config.service(.http))
        #expect(http.enabled.value && http.listen.value == [.any])
        #expect(config.service(.https)?.enabled.value == false)
        #expect(config.service(.upnp)?.enabled.value == true)
        #expect(config.snmp.communities.map(\.name.form) == [.cleartext("public"), .cleartext("private")])
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        let root = try #require(config.accounts.first { $0.name == "root" })
        #expect(root.secret?.isEmpty == true && root.passwordLoginAllowed?.value == true)
        #expect(config.wanInterfaces.map(\.name) == ["wan", "wan6"])
        #expect(config.wanInterfaces.first?.ipv6Enabled?.value == true)
        #expect(config.storedSecrets.map(\.owner) == ["wan"])
    }

    @Test func hardenedRouterFixture() throws {
        let config = OpenWrtPaths.device("hardened-router")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.isEmpty, "\(config.diagnostics)")
        let wan = try #require(config.zone(named: "wan"))
        #expect(wan.input.value == .reject && wan.forward.value == .reject)
        #expect(config.zoneForwardings.allSatisfy { $0.from != "wan" })
        #expect(config.portForwards.isEmpty)
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.listen.value == [.interface("lan")])
        #expect(ssh.settings["PasswordAuth"]?.value == "0")
        #expect(config.service(.https)?.enabled.value == true)
        #expect(config.service(.http)?.settings["redirect_https"]?.value == "1")
        #expect(config.service(.http)?.listen.value == [.address(IPAddress("192.168.1.1")!)])
        #expect(config.service(.upnp)?.enabled.value == false)
        #expect(config.service(.snmp)?.enabled.value == false)
        #expect(config.snmp.communities.allSatisfy { $0.isRestricted })
        let root = try #require(config.accounts.first { $0.name == "root" })
        guard case .hashed(.sha512crypt, _)? = root.secret?.form else {
            Issue.record("root should have a sha512crypt hash")
            return
        }
        #expect(root.passwordLoginAllowed?.value == false)
    }

    @Test func exportDumpReadsLikeTheFolder() {
        let folder = OpenWrtPaths.device("insecure-home-router")
        let export = OpenWrtSupport().parse([OpenWrtPaths.input(OpenWrtPaths.fixtures.appendingPathComponent("insecure-home-router.uci-export"))])
        #expect(VendorRegistry.detect(export.sources[0].lines.joined(separator: "\n"))?.vendor.id == .openWrt)
        #expect(export.coverage.ratio == 1, "\(export.diagnostics)")
        #expect(export.zones.map(\.name) == folder.zones.map(\.name))
        #expect(export.filter(named: "rules")?.rules.count == folder.filter(named: "rules")?.rules.count)
        #expect(export.portForwards.count == folder.portForwards.count)
        #expect(export.services.map(\.kind) == folder.services.map(\.kind))
        #expect(export.snmp.communities.count == folder.snmp.communities.count)
        #expect(export.interfaces.map(\.name) == folder.interfaces.map(\.name))
        // The export has no shadow: no accounts.
        #expect(export.accounts.isEmpty)
    }

    @Test(.enabled(if: OpenWrtPaths.corpusAvailable, "../shared/corpus is absent: cross-vendor detection test skipped"))
    func otherVendorsCorpusFilesAreNotClaimed() {
        let configs = OpenWrtPaths.corpus.deletingLastPathComponent()
        for vendor in OpenWrtPaths.files(in: configs) where vendor.lastPathComponent != "openwrt" {
            for file in OpenWrtPaths.files(in: vendor) {
                let score = OpenWrtSupport().detect(OpenWrtPaths.input(file).text)
                #expect(score.value < 20, "\(vendor.lastPathComponent)/\(file.lastPathComponent): \(score.reason)")
            }
        }
    }

    @Test func fixtureFilesAreEachDetectedAsOpenWrt() {
        for folder in ["insecure-home-router", "hardened-router"] {
            for file in OpenWrtPaths.files(in: OpenWrtPaths.fixtures.appendingPathComponent(folder)) {
                let text = OpenWrtPaths.input(file).text
                #expect(VendorRegistry.detect(text)?.vendor.id == .openWrt, "\(folder)/\(file.lastPathComponent)")
            }
        }
    }

    // MARK: Damaged input

    @Test func emptyInput() {
        let config = OpenWrtTest.parse("", path: "empty")
        #expect(config.sources.count == 1)
        #expect(config.coverage.meaningfulLines == 0)
        #expect(OpenWrtTest.diagnostics(config, code: "empty").count == 1)
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]
        let config = OpenWrtTest.parse(String(decoding: bytes, as: UTF8.self), path: "blob")
        #expect(OpenWrtTest.diagnostics(config, code: "binary").count == 1)
        #expect(config.zones.isEmpty)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func unterminatedQuote() {
        let config = OpenWrtTest.parse("config zone\n\toption name 'wan\n\toption input 'ACCEPT'\n")
        #expect(OpenWrtTest.diagnostics(config, code: "truncated").count == 1)
        #expect(config.zones.first?.name == "wan")
    }

    @Test func truncatedFile() throws {
        let firewall = OpenWrtPaths.input(OpenWrtPaths.fixtures.appendingPathComponent("insecure-home-router/firewall"))
        try #require(firewall.text.utf8.count > 300, "fixture insecure-home-router/firewall is missing")
        for cut in [1, 17, 211, firewall.text.utf8.count / 2, firewall.text.utf8.count - 3] {
            let text = String(decoding: Array(firewall.text.utf8.prefix(cut)), as: UTF8.self)
            let config = OpenWrtTest.parse(text, path: "firewall")
            #expect(config.sources.count == 1)
            #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        }
        // Cut inside a quoted value: reported as truncated.
        let cut = try #require(firewall.text.range(of: "option name 'wa"))
        let config = OpenWrtTest.parse(String(firewall.text[..<cut.upperBound]), path: "firewall")
        #expect(OpenWrtTest.diagnostics(config, code: "truncated").count == 1)
    }

    @Test func hugeInput() {
        var text = ""
        for index in 0..<20_000 {
            text += "config rule\n\toption name 'r\(index)'\n\toption src 'wan'\n\toption dest_port '\(index % 65535)'\n\toption target 'ACCEPT'\n"
        }
        text += String(repeating: "this is not uci at all\n", count: 5_000)
        let config = OpenWrtTest.parse(text, path: "huge")
        #expect(config.filter(named: "rules")?.rules.count == 20_000)
        #expect(config.coverage.meaningfulLines == 105_000)
        #expect(config.coverage.understoodLines == 100_000)
        // Unrecognised lines are summarised past a limit instead of flooding the report.
        let unrecognized = OpenWrtTest.diagnostics(config, code: "unrecognized-line")
        #expect(unrecognized.count == OpenWrtConversion.unrecognizedWarningsPerFile + 1)
    }

    // MARK: Throughput

    @Test func throughputIsPrinted() {
        let inputs = OpenWrtPaths.files(in: OpenWrtPaths.fixtures.appendingPathComponent("insecure-home-router"))
            .map { OpenWrtPaths.input($0) }
        let support = OpenWrtSupport()
        let rounds = 200
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for input in inputs { _ = support.detect(input.text) }
                _ = support.parse(inputs)
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("openwrt throughput: \(Int(Double(rounds) / seconds)) devices/s (8 files each, detect + parse) in this build")
    }
}
