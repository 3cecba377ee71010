import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// Bad input for every vendor in the registry: a truncated file, another vendor's file forced
/// through this vendor's parser (`--vendor`), binary noise. Each must give a diagnostic a user can
/// read and never crash. The samples are the hand-written fixtures (or, for the IOS dialects and
/// TNSR, which have none, small snippets in their documented syntax).
@Suite struct VendorBadInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("device-fixtures")

    static let fixtureFiles: [String: String] = [
        "cisco-ios": "cisco-ios/soho-887-insecure.cfg", "openwrt": "openwrt/insecure-home-router.uci-export",
        "junos": "junos/srx300-branch-insecure.conf", "routeros": "routeros/insecure-office.rsc",
        "fortios": "fortios/fg60f-shop-insecure.conf", "huawei-vrp": "huawei-vrp/ar1220-shop-insecure.cfg",
        "pfsense": "pfsense/insecure-office.xml", "opnsense": "opnsense/insecure-office.xml",
        "edgeos": "edgeos/er-x-insecure.config.boot", "vyos": "vyos/branch-insecure.commands",
        "zyxel": "zyxel/usg-insecure.conf", "draytek": "draytek/vigor-insecure.txt",
    ]

    static let snippets: [String: String] = [
        "cisco-asa": """
            : Saved
            ASA Version 9.12(4)
            !
            hostname fw
            enable password 8Ry2YjIyt7RRXU24 encrypted
            interface GigabitEthernet0/0
             nameif outside
             security-level 0
             ip address dhcp setroute
            !
            interface GigabitEthernet0/1
             nameif inside
             security-level 100
             ip address 192.168.1.1 255.255.255.0
            !
            ssh 0.0.0.0 0.0.0.0 outside
            telnet 192.168.1.0 255.255.255.0 inside
            http server enable
            : end

            """,
        "arista-eos": """
            ! Command: show running-config
            ! device: leaf1 (DCS-7050SX-64, EOS-4.22.1F)
            !
            transceiver qsfp default-mode 4x10G
            !
            hostname leaf1
            !
            spanning-tree mode mstp
            !
            username admin privilege 15 role network-admin secret sha512 $6$abcdefgh$Zk3q1mKlqL0s9yJ6n7t8w2x4c5v6b7n8m9a0s1d2f3g4h5j6k7l8z9x0c1v2b3n4m5q6w7e8r9t0y1u2i3o4p5a6
            !
            management api http-commands
               no shutdown
            !
            end

            """,
        "netgate-tnsr": """
            !                 tnsr-release 25.02-2
            !                         tnsr 25.02-2
            nacm disable
            nacm group admin
                member root
            exit
            auth user admin
                password $6$abcdefgh$Zk3q1mKlqL0s9yJ6n7t8w2x4c5v6b7n8m9a0s1d2f3g4h5j6k7l8z9x0c1v2b3n4m5q6w7e8r9t0y1u2i3
            exit
            snmp community community-name public source default security-name public-sec

            """,
    ]

    /// Parsers that share a dialect read each other's files on purpose.
    static let families: [[String]] = [["cisco-ios", "cisco-asa", "arista-eos"], ["pfsense", "opnsense"], ["edgeos", "vyos"]]

    static func sample(_ vendor: String) throws -> String {
        if let snippet = snippets[vendor] { return snippet }
        let path = try #require(fixtureFiles[vendor], "no bad-input sample for \(vendor)")
        let url = fixtures.appendingPathComponent(path)
        return try #require(FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) })
    }

    static func parse(_ text: String, as vendor: any VendorSupport) -> DeviceConfig {
        vendor.parse([ConfigInput(path: "bad-input", text: text)])
    }

    static var vendorIDs: [String] { VendorRegistry.all.map(\.id.rawValue) }

    static func support(_ id: String) throws -> any VendorSupport {
        try #require(VendorRegistry.all.first { $0.id.rawValue == id })
    }

    @Test(arguments: vendorIDs)
    func sampleIsDetectedAsItsVendor(_ id: String) throws {
        let found = VendorRegistry.detect(try Self.sample(id))
        #expect(found?.vendor.id.rawValue == id, "detected as \(found?.vendor.id.rawValue ?? "nothing")")
    }

    /// Cut two thirds of the way through, in the middle of a line and (for block syntaxes) of an
    /// open block or element.
    @Test(arguments: vendorIDs)
    func truncatedFileIsReported(_ id: String) throws {
        let text = try Self.sample(id)
        let cut = String(decoding: Array(text.utf8.prefix(text.utf8.count * 2 / 3)), as: UTF8.self)
        let config = Self.parse(cut, as: try Self.support(id))
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        let reported = config.diagnostics.filter { $0.level >= .warning }
        print("\(id) truncated: \(reported.map(\.code).uniqued().joined(separator: ", "))")
        // A RouterOS export has no closing line and the cut line still reads as a command.
        if id == "routeros" {
            withKnownIssue("RouterOS does not notice a file cut in the middle of a line") {
                #expect(!reported.isEmpty, "\(id): nothing says the file is cut short")
            }
        } else {
            #expect(!reported.isEmpty, "\(id): nothing says the file is cut short")
        }
    }

    /// Every other vendor's file forced through this parser: mostly not understood, and said so.
    @Test(arguments: vendorIDs)
    func anotherVendorsFileForcedIsReported(_ id: String) throws {
        let parser = try Self.support(id)
        let family = Self.families.first { $0.contains(id) } ?? [id]
        for other in Self.vendorIDs where !family.contains(other) {
            let config = Self.parse(try Self.sample(other), as: parser)
            let coverage = config.coverage
            // Zyxel ZLD shares much of the IOS and VRP vocabulary (`interface`, `ip address`,
            // `snmp-server`), so it may understand many lines; never all of them.
            let message: Comment = "\(id) understood \(coverage.understoodLines) of \(coverage.meaningfulLines) lines of a \(other) file"
            if id == "huawei-vrp" && other == "vyos" {
                withKnownIssue("the Huawei VRP reader takes VyOS `set` lines as understood") {
                    #expect(coverage.understoodLines < coverage.meaningfulLines, message)
                }
            } else {
                // No meaningful line at all: the parser refused the file as a whole (said below).
                #expect(coverage.understoodLines < coverage.meaningfulLines || coverage.meaningfulLines == 0, message)
            }
            #expect(config.diagnostics.contains { $0.level >= .warning }, "\(id) reading a \(other) file says nothing")
        }
    }

    @Test(arguments: vendorIDs)
    func binaryNoiseIsReported(_ id: String) throws {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<8_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let config = Self.parse(String(decoding: bytes, as: UTF8.self), as: try Self.support(id))
        let reported = config.diagnostics.contains { $0.level == .error }
        if id == "netgate-tnsr" {
            withKnownIssue("the TNSR reader has no binary-input check") { #expect(reported) }
        } else {
            #expect(reported, "\(id): \(config.diagnostics.prefix(3).map(\.code))")
        }
    }
}

/// Zyxel VMG / ZyNOS CPE keep their configuration in a binary ROM file (`rom-0`) or behind the
/// web interface; the only text is a CI command session, which is not a configuration export.
/// Neither may be taken for a vendor this tool reads (DrayTek's `sys` commands look alike).
@Suite struct ZyNOSIsNotMistakenTests {
    @Test func ciCommandSessionIsNotDetected() {
        let session = """
        ras> sys hostname P-660HN
        ras> sys view autoexec.net
        ras> ip nat server load 1
        ras> ip nat server set 1 23 192.168.1.33
        ras> ip nat server save
        ras> sys firewall active yes
        ras> wan adsl status
        """
        let found = VendorRegistry.detect(session)
        #expect(found == nil, "detected as \(found?.vendor.id.rawValue ?? "") (\(found?.score.reason ?? ""))")
    }

    @Test func romFileIsNotDetected() {
        // A ROM file's shape: a short binary header with the "dbgarea"/"spt.dat" names, then
        // compressed data (LZS), modelled here with random bytes.
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = Array(repeating: 0, count: 8192)
        bytes += Array("dbgarea".utf8) + Array(repeating: 0, count: 9) + Array("spt.dat".utf8) + Array(repeating: 0, count: 9)
        bytes += (0..<16_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(VendorRegistry.detect(String(decoding: bytes, as: UTF8.self)) == nil)
    }
}

private extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen: Set<Element> = []
        return filter { seen.insert($0).inserted }
    }
}
