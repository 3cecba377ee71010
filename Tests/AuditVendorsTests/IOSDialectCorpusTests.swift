import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus/configs/other: Cisco ASA and Arista EOS, read as
/// dialects of the IOS parser, and Netgate TNSR. Each must be detected as its own vendor and
/// parsed without a crash; the facts below are the ones its labels rest on.
@Suite(.serialized) struct IOSDialectCorpusTests {
    static let corpus = CorpusHarness.corpus("other")

    static func model(_ name: String, _ support: any VendorSupport) throws -> DeviceConfig? {
        let url = corpus.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipping: \(url.path) not found (../shared is absent)")
            return nil
        }
        let text = try #require(CorpusHarness.read(url))
        #expect(VendorRegistry.detect(text)?.vendor.id == support.id, "\(name) is not detected as \(support.id)")
        let config = support.parse([ConfigInput(path: name, text: text)])
        print("\(name): \(config.coverage.understoodLines)/\(config.coverage.meaningfulLines) lines understood")
        return config
    }

    @Test func asaSample() throws {
        guard let config = try Self.model("ciscoconfparse__sample_01.asa", CiscoASASupport()) else { return }
        #expect(config.vendor == .ciscoASA)
        #expect(config.identity.firmware?.value == "ASA 9.0(3)")
        let enable = try #require(config.storedSecrets.first { $0.purpose == .privilege })
        #expect(enable.secret.form == .hashed(scheme: .pixMD5, encoded: "2KFQnbNIdI.2KYOU"))
        let user = try #require(config.accounts.first { $0.name == "mpenning" })
        #expect(user.isAdministrator && user.secret?.form == .hashed(scheme: .asaMD5, encoded: "dXRTaA5wrZ3OL8gz"))
        // ASDM is HTTPS only, admitted from the inside network.
        #expect(config.service(.http) == nil)
        let https = try #require(config.service(.https))
        #expect(https.enabled.value && https.allowedSources?.value == [IPPrefix("192.0.2.0/24")!])
        #expect(config.service(.telnet)?.enabled.value == false)
        #expect(config.service(.ssh)?.allowedSources?.value == [IPPrefix("192.0.2.0/24")!, IPPrefix("10.0.0.0/8")!])
        #expect(config.references.contains { $0.name == "TSUNAMI_addrs" })
        #expect(!config.references.contains { $0.name == "GOOGLE_addrs" })
        // SNMP polls are answered only from the `snmp-server host` station (name Machine01).
        #expect(config.snmp.communities.first?.allowedSources == [IPPrefix("192.0.2.13/32")!])
    }

    @Test func eosFullConfig() throws {
        guard let config = try Self.model("netutils__eos_full_sent.txt", AristaEOSSupport()) else { return }
        let ntc = try #require(config.accounts.first { $0.name == "ntc" })
        #expect(ntc.isAdministrator)
        guard case .hashed(.sha512crypt, _)? = ntc.secret?.form else {
            Issue.record("ntc's secret is not read as sha512-crypt: \(String(describing: ntc.secret?.form))")
            return
        }
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.service(.http)?.enabled.value == true, "eAPI over HTTP with no shutdown")
        #expect(config.service(.telnet)?.enabled.value == false, "EOS turns telnet off by default")
        #expect(config.service(.ssh)?.enabled.value == true)
    }

    @Test func eosShortConfig() throws {
        guard let config = try Self.model("oxidized__eos_DCS-7050SX3-48YC8_4.29.2F_output.txt", AristaEOSSupport()) else { return }
        #expect(config.snmp.communities.map(\.name.form) == [.cleartext("publiccom")])
        #expect(config.service(.http) == nil && config.service(.https) == nil, "eAPI is off unless configured")
    }

    @Test func tnsrConfig() throws {
        let name = "oxidized__tnsr_TNSR_25.02-2_long-config-and-pager-at-last-line_output.txt"
        guard let config = try Self.model(name, NetgateTNSRSupport()) else { return }
        let community = try #require(config.snmp.communities.first)
        #expect(community.name.form == .cleartext("public") && community.allowedSources == [IPPrefix("10.0.0.1/32")!])
        #expect(config.accounts.map(\.name) == ["nagios"])
        #expect(config.service(.snmp)?.enabled.value == true)
    }
}
