import AuditCore
import AuditVendors
import Testing

/// Damaged or hostile input: the parser never crashes and says what it saw.
@Suite struct VyattaRobustnessTests {
    static func parse(_ text: String) -> DeviceConfig {
        VyOSSupport().parse([ConfigInput(path: "bad", text: text)])
    }

    @Test func emptyAndBinary() {
        let empty = Self.parse("")
        #expect(empty.coverage.meaningfulLines == 0 && empty.diagnostics.contains { $0.code == "empty" })

        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let binary = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(binary.diagnostics.contains { $0.code == "binary" && $0.level == .error })
    }

    @Test func truncatedInsideARule() throws {
        let config = Self.parse("""
            firewall {
                name WAN_LOCAL {
                    default-action drop
                    rule 10 {
                        action accept
                        destination {
                            port 22
            """)
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
        let rule = try #require(config.filter(named: "WAN_LOCAL")?.rules.first)
        #expect(rule.destinationPorts == .single(22))
    }

    @Test func badValuesAreDiagnosed() {
        let config = Self.parse("""
            set interfaces ethernet eth0 address '300.1.1.1/24'
            set firewall name X rule 10 action 'teleport'
            set firewall name X rule 20 action 'accept'
            set firewall name X rule 20 destination port 'sixty'
            set service ssh port '99999'
            """)
        let bad = config.diagnostics.filter { $0.code == "bad-value" }.compactMap(\.span?.start)
        #expect(bad == [1, 2, 4, 5])
        #expect(config.filter(named: "X")?.rules.first?.enabled == false)
        #expect(config.service(.ssh)?.effectivePort == 22)
    }

    @Test func anotherVendorsFileForced() {
        let junos = Self.parse("""
            system {
                host-name r1;
                services {
                    ssh;
                }
            }
            interfaces {
                ge-0/0/0 {
                    unit 0 {
                        family inet {
                            address 192.0.2.1/24;
                        }
                    }
                }
            }
            """)
        #expect(junos.coverage.understoodLines < junos.coverage.meaningfulLines)
        #expect(junos.diagnostics.contains { $0.code == "unrecognized-line" })

        let cisco = EdgeOSSupport().parse([ConfigInput(path: "ios", text: "hostname r1\ninterface Gi0/0\n ip address dhcp\n!\nend\n")])
        #expect(cisco.coverage.understoodLines == 0)
        #expect(cisco.services.isEmpty && cisco.accounts.isEmpty)
    }

    @Test func oneMegabyteOfRandomLines() {
        var generator = SystemRandomNumberGenerator()
        let words = ["set", "interfaces", "ethernet", "eth0", "{", "}", "\"", "'", "firewall", "name", "rule", "10", "action",
                     "accept", "/*", "*/", "//", "address", "dhcp", "service", "ssh", "system", "login", "user", "password",
                     "port-forward", "nat", "destination", "port", "22", "!", "group", "state", "established", "enable"]
        var text = ""
        text.reserveCapacity(1_100_000)
        while text.utf8.count < 1_000_000 {
            let line = (0..<Int.random(in: 0...8, using: &generator)).map { _ in words.randomElement(using: &generator)! }
            text += String(repeating: " ", count: Int.random(in: 0...4, using: &generator)) + line.joined(separator: " ") + "\n"
        }
        let config = Self.parse(text)
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
        #expect(!config.diagnostics.isEmpty)
    }

    @Test func deepJSONNestingStops() {
        let deep = String(repeating: "{\"a\": ", count: 500) + "1" + String(repeating: "}", count: 500)
        let config = EdgeOSSupport().parse([ConfigInput(path: "deep.json", text: deep)])
        #expect(config.diagnostics.contains { $0.code == "bad-json" })
    }

    /// 100,000 lines in well under a second in release builds; debug builds parse a fifth, untimed.
    @Test func aLargeConfigurationParsesQuickly() {
        #if DEBUG
        let rules = 4_000
        #else
        let rules = 20_000
        #endif
        var lines = ["set interfaces ethernet eth0 address 'dhcp'", "set interfaces ethernet eth0 firewall local name 'BIG'"]
        for rule in 1...rules {
            lines.append("set firewall name BIG rule \(rule) action 'accept'")
            lines.append("set firewall name BIG rule \(rule) destination port '\(rule % 65535 + 1)'")
            lines.append("set firewall name BIG rule \(rule) protocol 'tcp'")
            lines.append("set firewall name BIG rule \(rule) source address '10.\(rule / 250 % 250).\(rule % 250).0/24'")
            lines.append("set firewall name BIG rule \(rule) description 'rule \(rule)'")
        }
        let clock = ContinuousClock()
        var config: DeviceConfig?
        let elapsed = clock.measure { config = Self.parse(lines.joined(separator: "\n")) }
        print("\(lines.count)-line VyOS configuration parsed in \(elapsed)")
        #expect(config?.coverage.ratio == 1)
        #expect(config?.filter(named: "BIG")?.rules.count == rules)
        #if !DEBUG
        #expect(elapsed < .seconds(1))
        #endif
    }
}
