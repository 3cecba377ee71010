import AuditCore
import Testing
@testable import AuditVendors

/// Damaged, hostile and foreign input: the FortiOS reader never crashes and says what it saw.
@Suite struct FortiOSRobustnessTests {
    static func parse(_ text: String) -> DeviceConfig {
        FortiOSSupport().parse([ConfigInput(path: "bad.conf", text: text)])
    }

    @Test func emptyText() {
        let config = Self.parse("")
        #expect(config.coverage.meaningfulLines == 0)
        #expect(config.diagnostics.contains { $0.code == "empty" })
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let config = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(config.diagnostics.contains { $0.code == "binary" && $0.level == .error })
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func truncatedInTheMiddleOfAPolicy() throws {
        let config = Self.parse("""
        config firewall policy
            edit 1
                set srcintf "port1"
                set dstintf "port2"
                set action accept
                set srcaddr "all
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .warning })
        #expect(config.filter(named: "firewall policy")?.rules.count == 1)
    }

    @Test func misnestedBlocks() {
        let config = Self.parse("""
        config system interface
            edit "port1"
                config ipv6
                    set ip6-allowaccess ping
            next
            edit "port2"
                set allowaccess ssh
            next
        end
        end
        next
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" })
        #expect(config.interfaces.map(\.name) == ["port1", "port2"])
        #expect(config.service(.ssh)?.listen.value == [.interface("port2")])
    }

    @Test func badValuesAreReported() {
        let config = Self.parse("""
        config system interface
            edit "port1"
                set ip 10.0.0.300 255.255.255.0
                set allowaccess ping gopher
            next
        end
        config system admin
            edit "admin"
                set trusthost1 not-an-address
            next
        end
        """)
        #expect(config.diagnostics.filter { $0.code == "bad-value" }.compactMap(\.span?.start) == [3, 4, 9])
    }

    @Test func anotherVendorsFileForcedThroughThisParser() {
        let config = Self.parse("""
        hostname cpe
        interface GigabitEthernet0/0
         ip address 192.0.2.1 255.255.255.0
        line vty 0 4
         transport input telnet
        end
        """)
        #expect(config.coverage.understoodLines == 0)
        #expect(config.interfaces.isEmpty && config.services.isEmpty)
        #expect(config.diagnostics.contains { $0.code == "unrecognized-line" })
    }

    @Test func otherVendorsAndProseScoreLow() {
        let samples = [
            "hostname cpe\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\nline vty 0 4\n transport input ssh\nend\n",
            "config interface 'lan'\n\toption proto 'static'\n\toption ipaddr '192.168.1.1'\nconfig interface 'wan'\n\toption proto 'dhcp'\n",
            "set system host-name srx\nset interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n",
            "#\n sysname AR\n#\ninterface GigabitEthernet0/0/1\n ip address 192.0.2.1 255.255.255.0\n#\nreturn\n",
            "The quick brown fox jumps over the lazy dog.\nconfig files are fun.\n",
        ]
        for sample in samples {
            #expect(FortiOSSupport().detect(sample).value < 20, "\(sample.prefix(30))")
        }
    }

    @Test func hostileNestingIsCutOff() {
        let text = String(repeating: "config a\n", count: 100_000)
        let config = Self.parse(text)
        #expect(config.diagnostics.contains { $0.code == "too-deep" })
        #expect(config.coverage.meaningfulLines == 100_000)
    }

    @Test func oneMegabyteOfRandomLines() {
        var generator = SystemRandomNumberGenerator()
        let words = ["config", "edit", "next", "end", "set", "unset", "append", "system", "interface", "firewall", "policy",
                     "\"", "'", "\\", "ENC", "SH2x", "allowaccess", "https", "srcintf", "any", "all", "10.0.0.1", "#",
                     "vdom", "global", "password", "trusthost1", "255.255.255.0"]
        var text = ""
        text.reserveCapacity(1_100_000)
        while text.utf8.count < 1_000_000 {
            let indent = String(repeating: " ", count: Int.random(in: 0...8, using: &generator))
            let line = (0..<Int.random(in: 0...6, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            text += indent + line.joined(separator: " ") + "\n"
        }
        let config = Self.parse(text)
        #expect(config.coverage.meaningfulLines > 0)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        #expect(!config.diagnostics.isEmpty)
    }
}
