import AuditChecks
import AuditCore
import AuditCredentials
import AuditVendors
import Foundation
import Testing

/// The Zyxel and DrayTek fixtures (written from the vendors' CLI references, since no public
/// configurations exist) through detection and every check: the insecure ones show the checks
/// that matter firing on the right lines, the hardened ones do not.
@Suite struct ZyxelDrayTekFixtureTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("device-fixtures")
    static let context = AuditContext(policy: AuditPolicy(), secrets: CredentialEngine())

    /// Findings by check id, each with the sorted evidence lines in the fixture.
    static func audit(_ path: String, as vendor: VendorID) throws -> [String: [[Int]]] {
        let url = folder.appendingPathComponent(path)
        let text = try #require(FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) })
        let detected = try #require(VendorRegistry.detect(text), "\(path) not detected")
        #expect(detected.vendor.id == vendor, "\(path) detected as \(detected.vendor.id): \(detected.score.reason)")
        let config = detected.vendor.parse([ConfigInput(path: path, text: text)])
        #expect(config.coverage.ratio == 1, "\(path): \(config.diagnostics.map(\.message))")
        var result: [String: [[Int]]] = [:]
        for check in BuiltInChecks.all {
            for finding in check.run(on: config, context: Self.context) {
                let lines = Set(finding.evidence.flatMap(\.spans).filter { $0.file == path }.map(\.start)).sorted()
                result[finding.checkID, default: []].append(lines)
                print("\(path): \(finding.checkID) \(lines) \(finding.message)")
            }
        }
        return result
    }

    @Test func zyxelInsecureFixtureFiresTheChecksThatMatter() throws {
        let findings = try Self.audit("zyxel/usg-insecure.conf", as: .zyxel)
        #expect(findings["RA-CRED-001"]?.contains([8]) == true, "admin/1234 is the factory login")
        #expect(findings["RA-MGMT-001"]?.contains { $0.contains(38) } == true, "ip telnet server")
        #expect(findings["RA-MGMT-002"]?.contains { $0.contains(35) } == true, "ip http server")
        #expect(findings["RA-MGMT-003"]?.contains { $0.contains(48) } == true, "management reachable from the WAN through policy 1")
        #expect(findings["RA-SNMP-001"]?.contains([45]) == true && findings["RA-SNMP-001"]?.contains([46]) == true)
        #expect(findings["RA-FW-001"]?.contains([48]) == true, "any-any from WAN to the device")
        // Policy 2 (WAN to LAN1, RDP to NAS) admits exactly what the NAS_RDP virtual server
        // declares: it is the rule that lets that forward through, not exposure beyond it.
        #expect(findings["RA-FW-003"] == nil, "\(findings["RA-FW-003"] ?? [])")
        #expect(findings["RA-FW-004"]?.count == 2, "RDP and Telnet forwards")
        #expect(findings["RA-FW-004"]?.contains([58, 78]) == true, "the RDP forward and the policy that passes it")
        #expect(findings["RA-SVC-001"] != nil, "ip upnp")
    }

    @Test func zyxelHardenedFixtureIsQuiet() throws {
        let findings = try Self.audit("zyxel/usg-hardened.conf", as: .zyxel)
        for id in ["RA-CRED-001", "RA-MGMT-001", "RA-MGMT-002", "RA-MGMT-003", "RA-SNMP-001", "RA-FW-001", "RA-FW-004", "RA-SVC-001"] {
            #expect(findings[id] == nil, "\(id): \(findings[id] ?? [])")
        }
    }

    @Test func drayTekInsecureFixtureFiresTheChecksThatMatter() throws {
        let findings = try Self.audit("draytek/vigor-insecure.txt", as: .drayTek)
        #expect(findings["RA-CRED-001"] != nil, "admin/admin is never changed")
        #expect(findings["RA-MGMT-001"] != nil, "telnet answers")
        #expect(findings["RA-MGMT-003"]?.contains { $0.contains(7) } == true, "mngt rmtcfg enable opens management to the WAN")
        #expect(findings["RA-SNMP-001"]?.contains([10]) == true)
        #expect(findings["RA-FW-004"]?.map(\.first) == [11, 12], "RDP redirection and the Telnet open port")
        #expect(findings["RA-SVC-001"]?.contains([13]) == true)
        #expect(findings["RA-FW-001"]?.contains([17]) == true, "ipf rule 2 3 passes everything from the WAN")
        #expect(findings["RA-FW-003"]?.contains([16]) == true, "ipf rule 2 2 passes SMB from the WAN to a LAN host")
    }

    @Test func drayTekHardenedFixtureIsQuiet() throws {
        let findings = try Self.audit("draytek/vigor-hardened.txt", as: .drayTek)
        for id in ["RA-CRED-001", "RA-MGMT-003", "RA-SNMP-001", "RA-FW-001", "RA-FW-003", "RA-FW-004", "RA-SVC-001"] {
            #expect(findings[id] == nil, "\(id): \(findings[id] ?? [])")
        }
    }
}
