import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// Where the real configurations and our device fixtures are, found from this file's path (the
/// corpus lives next to the repository, in ../shared, and is never copied in).
enum PfSensePaths {
    /// Tests/AuditVendorsTests/<this file> → the package root.
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let configs = packageRoot.appendingPathComponent("../shared/corpus/configs").standardizedFileURL
    static func corpus(_ vendor: String) -> URL { configs.appendingPathComponent(vendor) }
    static func fixtures(_ vendor: String) -> URL { packageRoot.appendingPathComponent("device-fixtures/\(vendor)") }
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus("pfsense").path) }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func input(_ url: URL) -> ConfigInput {
        let data = (try? Data(contentsOf: url)) ?? Data()
        return ConfigInput(path: url.lastPathComponent, text: String(decoding: data, as: UTF8.self))
    }

    static func parse(_ vendor: String, _ name: String) -> DeviceConfig {
        let input = input(corpus(vendor).appendingPathComponent(name))
        return vendor == "opnsense" ? OPNsenseSupport().parse([input]) : PfSenseSupport().parse([input])
    }

    static func fixture(_ vendor: String, _ name: String) -> DeviceConfig {
        let input = input(fixtures(vendor).appendingPathComponent(name))
        return vendor == "opnsense" ? OPNsenseSupport().parse([input]) : PfSenseSupport().parse([input])
    }

    /// Detects, parses and prints coverage for every corpus file of a product; returns the shares.
    static func sweep(_ vendor: String, _ id: VendorID) -> [Double] {
        var shares: [Double] = []
        for file in files(in: corpus(vendor)) {
            let input = input(file)
            let detected = VendorRegistry.detect(input.text)
            #expect(detected?.vendor.id == id, "\(file.lastPathComponent) detected as \(String(describing: detected?.vendor.id))")
            let config = id == .opnSense ? OPNsenseSupport().parse([input]) : PfSenseSupport().parse([input])
            let coverage = config.coverage
            print("\(vendor) corpus \(file.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) lines understood "
                  + "(\(Int((coverage.ratio * 100).rounded()))%), \(config.diagnostics.count) diagnostics, detection \(detected?.score.value ?? 0)")
            #expect(coverage.meaningfulLines > 0)
            #expect(coverage.understoodLines <= coverage.meaningfulLines)
            shares.append(coverage.ratio)
        }
        return shares
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}

@Suite("pfSense corpus")
struct PfSenseCorpusTests {
    @Test(.enabled(if: PfSensePaths.corpusAvailable, "../shared/corpus is absent: pfSense corpus test skipped"))
    func everyCorpusFileIsDetectedAndParsed() {
        let shares = PfSensePaths.sweep("pfsense", .pfSense)
        #expect(shares.count >= 11)
        let median = PfSensePaths.median(shares)
        print("pfsense corpus median understood: \(Int((median * 100).rounded()))%")
        #expect(median >= 0.9)
    }

    @Test(.enabled(if: PfSensePaths.corpusAvailable, "../shared/corpus is absent: pfSense corpus test skipped"))
    func corpusModelsMatchTheHandLabels() throws {
        // The pfsensible base: factory admin hash, GUI over HTTP, SSH on, WAN rules for 22/80/443,
        // a port forward of 22022 to an internal SSH server.
        let rules = PfSensePaths.parse("pfsense", "pfsensible__pfsense_rule_config.xml")
        let admin = try #require(rules.accounts.first { $0.name == "admin" })
        #expect(admin.isAdministrator)
        guard case .hashed(.bcrypt, let hash)? = admin.secret?.form else { Issue.record("admin bcrypt"); return }
        #expect(hash.hasPrefix("$2y$10$AMCpA"))
        #expect(rules.service(.http)?.enabled.value == true && rules.service(.https) == nil)
        #expect(rules.service(.ssh)?.enabled.value == true)
        #expect(rules.snmp.communities.isEmpty, "<snmpd> without <enable>: SNMP is off")
        let forward = try #require(rules.portForwards.first)
        #expect(forward.externalPorts == .single(22022) && forward.internalPorts == .single(22))
        #expect(forward.internalAddress == IPAddress("10.255.1.20") && forward.externalRole == .wan)
        let wan = PfSenseTest.userRules(rules, "wan")
        // test_rule_floating_quick is quick floating: it comes first on wan.
        #expect(wan.first?.label == "test_rule_floating_quick")
        #expect(wan.contains { $0.label == "test_rule" && $0.chain == nil && $0.destinationZone == "*" })
        // opt2 is not enabled: its rules are not loaded.
        #expect(PfSenseTest.rules(rules, "opt2").allSatisfy { !$0.enabled })

        // Floating `match` rules never pass or block (the trap in the interface and setup files).
        for name in ["pfsensible__pfsense_interface_config.xml", "pfsensible__pfsense_setup_config.xml"] {
            let config = PfSensePaths.parse("pfsense", name)
            let floating = config.filters.flatMap(\.rules).filter { ($0.label ?? "").hasPrefix("floating_rule") }
            #expect(!floating.isEmpty && floating.allSatisfy { !$0.enabled }, "\(name)")
        }

        // aggregate: no WAN rule passes the forward: reported as dead.
        let aggregate = PfSensePaths.parse("pfsense", "pfsensible__pfsense_aggregate_config.xml")
        #expect(PfSenseTest.diagnostics(aggregate, code: "dead-port-forward").count == 1)

        // IPsec PSK and CARP password, in clear.
        let ipsec = PfSensePaths.parse("pfsense", "pfsensible__pfsense_ipsec_config.xml")
        #expect(ipsec.storedSecrets.contains { $0.purpose == .service("ipsec psk") && $0.secret.form == .cleartext("1234") })
        #expect(ipsec.storedSecrets.contains { $0.purpose == .service("carp") && $0.secret.form == .cleartext("123456") })

        // authserver: RADIUS secret; GUI over HTTPS; WAN blocks private and bogon sources.
        let auth = PfSensePaths.parse("pfsense", "pfsensible__pfsense_authserver_config.xml")
        #expect(auth.storedSecrets.contains { $0.purpose == .service("radius") && $0.owner == "DELRADIUS" })
        #expect(auth.service(.https)?.enabled.value == true && auth.service(.http) == nil)
        #expect(auth.service(.ssh)?.enabled.value == false)

        // The synthetic 2.7 file: placeholder hashes are kept as written (the engine rejects them).
        let synthetic = PfSensePaths.parse("pfsense", "opndossier__config-2.7.x.xml")
        #expect(synthetic.accounts.map(\.name) == ["admin", "operator"])
        #expect(synthetic.service(.ssh)?.enabled.value == true)
        #expect(synthetic.wanInterfaces.map(\.name) == ["wan"])
    }

    // MARK: Device fixtures

    @Test func insecureOfficeFixture() throws {
        let config = PfSensePaths.fixture("pfsense", "insecure-office.xml")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.isEmpty, "\(config.diagnostics)")
        #expect(config.identity.hostname?.value == "fw-office")
        #expect(config.accounts.map(\.name) == ["admin", "tech"] && config.accounts.allSatisfy(\.isAdministrator))
        guard case .hashed(.md5crypt, _)? = config.accounts[1].secret?.form else { Issue.record("tech md5crypt"); return }
        #expect(config.service(.http)?.enabled.value == true)
        #expect(config.service(.ssh)?.settings["PasswordAuth"]?.value == "yes")
        #expect(config.snmp.communities.map(\.name.form) == [.cleartext("public")])
        #expect(config.service(.upnp)?.enabled.value == true)
        #expect(config.portForwards.map(\.externalPorts) == [.single(3389), .single(8080)])
        #expect(config.portForwards[1].internalAddress == IPAddress("192.168.1.50"))
        let wan = PfSenseTest.userRules(config, "wan")
        #expect(wan.contains { $0.label == "temp - allow all while testing VoIP" && $0.matchesEverything && $0.chain == nil })
        #expect(wan.contains { $0.label == "NAT Cameras from home" && $0.destinationZone == "lan" })
        #expect(config.storedSecrets.map(\.owner).sorted() == ["Warehouse", "vhid 1 on lan"])
        #expect(PfSenseTest.rules(config, "lan").first?.label == "anti-lockout rule")
    }

    @Test func hardenedOfficeFixture() throws {
        let config = PfSensePaths.fixture("pfsense", "hardened-office.xml")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.map(\.code) == ["not-running"], "\(config.diagnostics)")
        #expect(config.service(.https)?.effectivePort == 8443 && config.service(.http) == nil)
        #expect(config.service(.ssh)?.settings["PasswordAuth"]?.value == "no")
        #expect(config.snmp.communities.isEmpty && config.service(.upnp) == nil && config.portForwards.isEmpty)
        #expect(config.accounts.map(\.isAdministrator) == [true, false])
        let wan = PfSenseTest.userRules(config, "wan")
        #expect(wan.count == 3 && wan.allSatisfy { $0.chain == .input && $0.source == .object("branch_peers") })
        #expect(PfSenseTest.rules(config, "wan").prefix(6).allSatisfy { $0.action == .deny })
        #expect(config.zone(named: "opt1")?.role.value == .guest)
        #expect(config.storedSecrets.first { $0.owner == "office@isp.example" }?.secret.form == .cleartext("R7f#t9qL@2vx"))
    }

    @Test func fixtureFilesAreDetected() {
        for (vendor, id) in [("pfsense", VendorID.pfSense), ("opnsense", .opnSense)] {
            for file in PfSensePaths.files(in: PfSensePaths.fixtures(vendor)) {
                #expect(VendorRegistry.detect(PfSensePaths.input(file).text)?.vendor.id == id, "\(vendor)/\(file.lastPathComponent)")
            }
        }
    }

    @Test(.enabled(if: PfSensePaths.corpusAvailable, "../shared/corpus is absent: cross-vendor detection test skipped"))
    func otherVendorsCorpusFilesAreNotClaimed() {
        for vendor in PfSensePaths.files(in: PfSensePaths.configs) where !vendor.lastPathComponent.contains(".") {
            guard !["pfsense", "opnsense"].contains(vendor.lastPathComponent) else { continue }
            for file in PfSensePaths.files(in: vendor) {
                let text = PfSensePaths.input(file).text
                let pf = PfSenseSupport().detect(text), opn = OPNsenseSupport().detect(text)
                #expect(pf.value < 20 && opn.value < 20, "\(vendor.lastPathComponent)/\(file.lastPathComponent)")
                // Forced with this parser, another vendor's file never crashes and is not understood.
                let config = PfSenseSupport().parse([ConfigInput(path: file.lastPathComponent, text: text)])
                #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
            }
        }
    }
}

@Suite("OPNsense corpus")
struct OPNsenseCorpusTests {
    @Test(.enabled(if: PfSensePaths.corpusAvailable, "../shared/corpus is absent: OPNsense corpus test skipped"))
    func everyCorpusFileIsDetectedAndParsed() {
        let shares = PfSensePaths.sweep("opnsense", .opnSense)
        #expect(shares.count >= 6)
        let median = PfSensePaths.median(shares)
        print("opnsense corpus median understood: \(Int((median * 100).rounded()))%")
        #expect(median >= 0.9)
    }

    @Test(.enabled(if: PfSensePaths.corpusAvailable, "../shared/corpus is absent: OPNsense corpus test skipped"))
    func corpusModelsMatchTheHandLabels() throws {
        let sample = PfSensePaths.parse("opnsense", "opnsense-core__config.xml.sample")
        let root = try #require(sample.accounts.first)
        #expect(root.name == "root" && root.isAdministrator)
        guard case .hashed(.bcrypt, _)? = root.secret?.form else { Issue.record("root bcrypt"); return }
        #expect(sample.service(.https)?.enabled.value == true && sample.service(.ssh)?.enabled.value == false)
        // The factory LAN rules are MVC automation rules in current releases.
        #expect(PfSenseTest.userRules(sample, "lan").contains { $0.label == "Default allow LAN to any rule" })

        // sample 5: WAN passes tcp to (self):22 although SSH is off.
        let five = PfSensePaths.parse("opnsense", "opndossier__sample.config.5.xml")
        let ssh = try #require(PfSenseTest.userRules(five, "wan").first)
        #expect(ssh.chain == .input && ssh.destination == .any && ssh.destinationPorts == .single(22))
        #expect(five.service(.ssh)?.enabled.value == false)

        // The service-test stub: an empty <rule> is a diagnostic, not an any-any rule.
        let stub = PfSensePaths.parse("opnsense", "opnsense-core-servicetests__config.xml")
        #expect(stub.filters.flatMap(\.rules).isEmpty)
        #expect(PfSenseTest.diagnostics(stub, code: "bad-value").count == 1)
        #expect(stub.accounts.isEmpty && stub.services.isEmpty)
    }

    @Test func insecureOfficeFixture() throws {
        let config = PfSensePaths.fixture("opnsense", "insecure-office.xml")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.isEmpty, "\(config.diagnostics)")
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.enabled.value && ssh.settings["PasswordAuth"]?.value == "yes" && ssh.settings["RootPasswordAuth"]?.value == "yes")
        #expect(config.service(.http)?.enabled.value == true)
        #expect(config.snmp.communities.count == 1 && config.service(.upnp)?.enabled.value == true)
        #expect(config.portForwards.first?.internalPorts == .single(5900))
        #expect(PfSenseTest.userRules(config, "wan").map(\.destinationPorts) == [.single(22), .single(80)])
    }

    @Test func hardenedOfficeFixture() throws {
        let config = PfSensePaths.fixture("opnsense", "hardened-office.xml")
        #expect(config.coverage.ratio == 1, "\(config.diagnostics)")
        #expect(config.diagnostics.map(\.code) == ["not-running"], "\(config.diagnostics)")
        #expect(config.service(.https)?.listen.value == [.interface("lan")])
        #expect(config.service(.ssh)?.listen.value == [.interface("lan")])
        #expect(config.service(.ssh)?.settings["PasswordAuth"]?.value == "no")
        #expect(config.accounts.map(\.name) == ["root", "anna"] && config.accounts.allSatisfy(\.isAdministrator))
        #expect(PfSenseTest.userRules(config, "wan").isEmpty)
        #expect(PfSenseTest.userRules(config, "lan").map(\.label) == ["LAN to any"])
    }
}
