import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// Damaged or hostile input: the parser never crashes and always says what it saw.
@Suite("pfSense robustness")
struct PfSenseRobustnessTests {
    @Test func emptyInput() {
        let config = PfSenseTest.parse("")
        #expect(config.sources.count == 1 && config.coverage.meaningfulLines == 0)
        #expect(PfSenseTest.diagnostics(config, code: "empty").count == 1)
        #expect(PfSenseTest.diagnostics(config, code: "not-xml").count == 1)
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) } + [0]
        let config = PfSenseTest.parse(String(decoding: bytes, as: UTF8.self), path: "blob")
        #expect(PfSenseTest.diagnostics(config, code: "binary").count == 1)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        #expect(config.accounts.isEmpty && config.filters.allSatisfy { $0.rules.isEmpty })
    }

    @Test func anotherVendorsFileForcedWithThisParser() {
        let cisco = "hostname r1\n!\ninterface Dialer1\n ip address negotiated\n ip nat outside\n!\nline vty 0 4\n transport input telnet\nend\n"
        let config = PfSenseTest.parse(cisco, path: "r1.cfg")
        #expect(config.coverage.meaningfulLines == 9 && config.coverage.understoodLines == 0)
        #expect(PfSenseTest.diagnostics(config, code: "unrecognized-line").count == 1)
        let junos = "<rpc-reply><configuration><system><host-name>r1</host-name></system></configuration></rpc-reply>\n"
        let xml = PfSenseTest.parse(junos, .opnSense, path: "junos.xml")
        #expect(PfSenseTest.diagnostics(xml, code: "unexpected-root").count == 1)
        #expect(xml.coverage.understoodLines == 0)
        #expect(xml.accounts.isEmpty && xml.services.isEmpty)
    }

    @Test func mismatchedXMLStillYieldsTheRest() throws {
        let config = PfSenseTest.parse(PfSenseTest.document("""
            <system>
              <user><name>admin</name><bcrypt-hash>$2y$10$x</bcrypt-hash>
              <webgui><protocol>http</protocol></webgui>
            </system>
            <interfaces><wan><enable/><if>em0</if><ipaddr>dhcp</ipaddr></wan></interfaces>
            """))
        #expect(!PfSenseTest.diagnostics(config, code: "mismatched-tag").isEmpty)
        #expect(config.accounts.map(\.name) == ["admin"])
        #expect(config.wanInterfaces.map(\.name) == ["wan"])
    }

    @Test func truncatedAnywhere() throws {
        let url = PfSensePaths.fixtures("pfsense").appendingPathComponent("insecure-office.xml")
        let text = PfSensePaths.input(url).text
        try #require(text.utf8.count > 1000, "fixture insecure-office.xml is missing")
        let bytes = Array(text.utf8)
        for cut in Array(stride(from: 1, to: bytes.count, by: 97)) + [bytes.count - 2] {
            let config = PfSenseTest.parse(String(decoding: bytes.prefix(cut), as: UTF8.self))
            #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
            if cut > 40 {
                #expect(!PfSenseTest.diagnostics(config, code: "truncated").isEmpty, "cut at \(cut)")
            }
        }
        // Cut in the middle of the filter: what was read is kept.
        let filterEnd = try #require(text.range(of: "Remote admin for the contractor"))
        let config = PfSenseTest.parse(String(text[..<filterEnd.upperBound]))
        #expect(config.accounts.count == 2 && config.portForwards.count == 2)
        #expect(PfSenseTest.userRules(config, "wan").contains { $0.label == "Remote admin for the contractor" })
    }

    @Test func hugeInput() {
        var text = "<?xml version=\"1.0\"?>\n<pfsense>\n<interfaces><wan><enable/><if>em0</if><ipaddr>dhcp</ipaddr></wan></interfaces>\n<filter>\n"
        for index in 0..<20_000 {
            text += "<rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source>"
                + "<destination><network>(self)</network><port>\(index % 65535 + 1)</port></destination><descr>r\(index)</descr></rule>\n"
        }
        text += "</filter>\n" + String(repeating: "<unknownthing>x</unknownthing>\n", count: 5_000) + "</pfsense>\n"
        let config = PfSenseTest.parse(text)
        #expect(PfSenseTest.rules(config, "wan").count == 20_000)
        #expect(config.coverage.meaningfulLines == 20_000 + 5_000 + 3)
        #expect(config.coverage.understoodLines == 20_003)
        let unrecognized = PfSenseTest.diagnostics(config, code: "unrecognized-line")
        #expect(unrecognized.count == PfSenseConversion.unrecognizedWarningsPerFile + 1)
    }

    @Test func throughputIsPrinted() {
        let inputs = [("pfsense", "insecure-office.xml"), ("pfsense", "hardened-office.xml"),
                      ("opnsense", "insecure-office.xml"), ("opnsense", "hardened-office.xml")]
            .map { PfSensePaths.input(PfSensePaths.fixtures($0.0).appendingPathComponent($0.1)) }
        let pfSense = PfSenseSupport(), opnSense = OPNsenseSupport()
        let rounds = 100
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<rounds {
                for input in inputs {
                    let product = pfSense.detect(input.text).value >= opnSense.detect(input.text).value ? PfSenseFlavor.pfSense : .opnSense
                    _ = PfSenseParser.parse([input], as: product)
                }
            }
        }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        print("pfsense/opnsense throughput: \(Int(Double(rounds * inputs.count) / seconds)) configs/s (detect + parse) in this build")
    }
}
