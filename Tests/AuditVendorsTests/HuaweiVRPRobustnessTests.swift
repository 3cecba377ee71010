import AuditCore
import Testing
@testable import AuditVendors

/// Damaged, hostile and foreign input: the VRP reader never crashes and says what it saw.
@Suite struct HuaweiVRPRobustnessTests {
    static func parse(_ text: String) -> DeviceConfig {
        HuaweiVRPSupport().parse([ConfigInput(path: "bad.cfg", text: text)])
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

    @Test func truncatedInTheMiddleOfAnACL() throws {
        let config = Self.parse("""
        acl number 3001
         rule 5 permit tcp destination-port eq 22
         rule 10 permit tcp source 203.0.
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" })
        #expect(config.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 3 })
        let list = try #require(config.filter(named: "3001"))
        #expect(list.rules.count == 2)
        #expect(list.rules.last.map { if case .unparsed = $0.origin { true } else { false } } == true)
    }

    @Test func badValuesAreReported() {
        let config = Self.parse("""
        interface GigabitEthernet0/0/1
         ip address 10.0.0.300 255.255.255.0
        user-interface vty 0 4
         idle-timeout forever
        aaa
         local-user admin password
        #
        return
        """)
        #expect(config.diagnostics.filter { $0.code == "bad-value" }.compactMap(\.span?.start) == [2, 4, 6])
    }

    @Test func anotherVendorsFileForcedThroughThisParser() {
        let config = Self.parse("""
        config system interface
            edit "port1"
                set allowaccess ping https ssh telnet
            next
        end
        """)
        #expect(config.coverage.understoodLines == 0)
        #expect(config.services.isEmpty && config.interfaces.isEmpty)
        #expect(config.diagnostics.contains { $0.code == "unrecognized-line" })
    }

    @Test func otherVendorsAndProseScoreLow() {
        let samples = [
            "hostname cpe\n!\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\nline vty 0 4\n transport input ssh\n!\nend\n",
            "config system global\n    set hostname fw\nend\nconfig system interface\n    edit port1\n    next\nend\n",
            "set system host-name srx\nset interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24\n",
            "/ip address\nadd address=192.168.88.1/24 interface=bridge\n/ip service\nset telnet disabled=yes\n",
            "interfaces {\n    ethernet eth0 {\n        address dhcp\n    }\n}\n",
            "The quick brown fox jumps over the lazy dog.\nreturn to sender\n",
        ]
        for sample in samples {
            #expect(HuaweiVRPSupport().detect(sample).value < 20, "\(sample.prefix(30))")
        }
    }

    @Test func oneMegabyteOfRandomLines() {
        var generator = SystemRandomNumberGenerator()
        let words = ["interface", "ip", "address", "acl", "number", "rule", "permit", "deny", "source", "any", "#", "return",
                     "user-interface", "vty", "0", "4", "local-user", "password", "cipher", "simple", "nat", "server",
                     "global", "inside", "snmp-agent", "community", "read", "undo", "10.0.0.1", "255.255.255.0", "eq"]
        var text = ""
        text.reserveCapacity(1_100_000)
        while text.utf8.count < 1_000_000 {
            let indent = String(repeating: " ", count: Int.random(in: 0...3, using: &generator))
            let line = (0..<Int.random(in: 0...8, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            text += indent + line.joined(separator: " ") + "\n"
        }
        let config = Self.parse(text)
        #expect(config.coverage.meaningfulLines > 0)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        #expect(!config.diagnostics.isEmpty)
    }
}
