import AuditCore
import AuditVendors
import Testing

/// Detection from content, and damaged or hostile input: the parser never crashes and always
/// says what it saw.
@Suite struct JunosRobustnessTests {
    static func parse(_ text: String) -> DeviceConfig {
        JunosSupport().parse([ConfigInput(path: "bad.conf", text: text)])
    }

    static func score(_ text: String) -> Int { JunosSupport().detect(text).value }

    @Test func detectsEachForm() {
        #expect(Self.score("version 12.1X44-D40.2;\nsystem {\n    host-name fw;\n}\ninterfaces {\n    ge-0/0/0 {\n        unit 0;\n    }\n}\n") >= 50)
        #expect(Self.score("set system host-name fw\nset interfaces ge-0/0/0 unit 0 family inet dhcp\n") >= 50)
        #expect(Self.score("<rpc-reply><configuration><system><host-name>fw</host-name></system></configuration></rpc-reply>") >= 20)
        #expect(Self.score("set system syslog file messages any notice\nset system host-name fw\n") >= 20)
    }

    @Test func otherSyntaxesScoreLow() {
        let others = [
            "hostname r1\n!\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n!\nline vty 0 4\n login\nend\n",
            "set system host-name vyos\nset interfaces ethernet eth0 address dhcp\nset service ssh port 22\nset firewall name WAN_IN default-action drop\n",
            "interfaces {\n    ethernet eth0 {\n        address dhcp\n    }\n}\nservice {\n    ssh {\n        port 22\n    }\n}\n",
            "/ip service\nset telnet disabled=yes\nset [ find default-name=ether1 ] comment=wan\nset version disabled=yes\n",
            "config system global\n    set hostname \"fg\"\nend\nconfig system interface\n    edit \"port1\"\n        set ip 10.0.0.1 255.255.255.0\n    next\nend\n",
            "<?xml version=\"1.0\"?>\n<pfsense><system><hostname>pf</hostname></system></pfsense>\n",
            "<?xml version=\"1.0\"?>\n<configuration><appSettings><add key=\"a\" value=\"b\"/></appSettings></configuration>\n",
            "package firewall\nconfig zone\n\toption name 'wan'\n",
            "Lorem ipsum dolor sit amet; consectetur adipiscing elit {\n sed do eiusmod; }\n",
        ]
        for text in others {
            #expect(Self.score(text) < 20, "scored \(Self.score(text)): \(text.prefix(40))")
        }
    }

    @Test func emptyText() {
        let config = Self.parse("")
        #expect(config.coverage.meaningfulLines == 0)
        #expect(config.diagnostics.contains { $0.code == "empty" })
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        var bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        bytes[10] = 0
        let config = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(config.diagnostics.contains { $0.code == "binary" && $0.level == .error })
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func randomBytesWithoutNUL() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<50_000).map { _ in UInt8.random(in: 1...255, using: &generator) }
        let config = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func truncatedInTheMiddleOfAPolicy() throws {
        let config = Self.parse("""
            security {
                zones {
                    security-zone untrust {
                        interfaces {
                            ge-0/0/0.0;
                        }
                    }
                }
                policies {
                    from-zone untrust to-zone trust {
                        policy web {
                            match {
                                source-address any;
                                destination-address any;
                                application junos-http;
                            }
                            then {
                                permit;
            """)
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
        let policies = try #require(config.filter(named: "security-policies"))
        #expect(policies.rules.count == 1)
        #expect(config.zones.count == 1)
    }

    @Test func mismatchedBracesAndXML() {
        let braces = Self.parse("system {\n    host-name fw;\n}\n}\n}\nsnmp {\n    community public;\n}\n")
        #expect(braces.diagnostics.contains { $0.code == "bad-syntax" })
        #expect(braces.snmp.communities.count == 1)
        let xml = Self.parse("<configuration><system><services><telnet/></system></services><snmp></configuration>")
        #expect(xml.diagnostics.contains { $0.level >= .warning })
        #expect(xml.service(.telnet) != nil)
    }

    @Test func anotherVendorForcedThroughThisParser() {
        let cisco = Self.parse("""
            hostname r1
            interface GigabitEthernet0/0
             ip address 10.0.0.1 255.255.255.0
            line vty 0 4
             password cisco
            end
            """)
        #expect(cisco.coverage.understoodLines == 0)
        #expect(cisco.coverage.meaningfulLines > 0)
        #expect(cisco.diagnostics.contains { $0.code == "unrecognized-line" })
        let vyos = Self.parse("interfaces {\n    ethernet eth0 {\n        address dhcp\n    }\n}\n")
        #expect(vyos.diagnostics.contains { $0.code == "bad-syntax" })
    }

    @Test func oneMegabyteOfRandomWords() {
        var generator = SystemRandomNumberGenerator()
        let words = ["set", "system", "services", "ssh", "{", "}", ";", "[", "]", "\"", "security", "zones", "security-zone",
                     "interfaces", "unit", "0", "family", "inet", "address", "10.0.0.1/24", "policy", "from-zone", "to-zone",
                     "inactive:", "deactivate", "apply-groups", "groups", "<*>", "$9$abc", "/*", "*/", "#", "<", ">", "</a>",
                     "pre-shared-key", "ascii-text", "snmp", "community", "clients", "firewall", "filter", "term", "then"]
        var text = ""
        text.reserveCapacity(1_100_000)
        while text.utf8.count < 1_000_000 {
            let line = (0..<Int.random(in: 0...8, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            text += line.joined(separator: " ") + "\n"
        }
        let config = Self.parse(text)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        #expect(!config.diagnostics.isEmpty)
    }

    @Test func deeplyNestedBlocksAndGroupLoops() {
        let deep = String(repeating: "a {\n", count: 5_000) + "b;\n" + String(repeating: "}\n", count: 5_000)
        let config = Self.parse(deep)
        #expect(config.coverage.meaningfulLines == 1)
        let loop = Self.parse("""
            set groups g1 apply-groups g2
            set groups g2 apply-groups g1
            set groups g1 system host-name x
            set apply-groups g1
            """)
        #expect(loop.identity.hostname?.value == "x")
    }

    /// The bar is 100,000 lines in well under a second in release builds; unoptimised builds
    /// parse a fifth of it with no time limit.
    @Test func aLargeConfigurationParsesQuickly() {
        #if DEBUG
        let target = 20_000
        #else
        let target = 100_000
        #endif
        var lines = ["set version 21.4R3", "set system host-name big"]
        var count = 0
        while lines.count < target {
            count += 1
            lines += [
                "set interfaces ge-0/0/\(count) unit 0 family inet address 10.\(count / 250 % 250).\(count % 250).1/24",
                "set security zones security-zone z\(count % 20) interfaces ge-0/0/\(count).0",
                "set security address-book global address h\(count) 10.\(count / 250 % 250).\(count % 250).10/32",
                "set security policies from-zone z\(count % 20) to-zone z\((count + 1) % 20) policy p\(count) match source-address any",
                "set security policies from-zone z\(count % 20) to-zone z\((count + 1) % 20) policy p\(count) match destination-address h\(count)",
                "set security policies from-zone z\(count % 20) to-zone z\((count + 1) % 20) policy p\(count) match application junos-https",
                "set security policies from-zone z\(count % 20) to-zone z\((count + 1) % 20) policy p\(count) then permit",
            ]
        }
        let clock = ContinuousClock()
        var config: DeviceConfig?
        let elapsed = clock.measure { config = Self.parse(lines.joined(separator: "\n")) }
        print("\(lines.count)-line Junos configuration parsed in \(elapsed)")
        #expect(config?.coverage.ratio == 1)
        #expect(config?.filter(named: "security-policies")?.rules.count == count)
        #if !DEBUG
        #expect(elapsed < .seconds(1))
        #endif
    }
}
