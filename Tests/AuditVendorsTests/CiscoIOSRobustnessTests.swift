import AuditCore
import AuditVendors
import Testing

/// Damaged or hostile input: the parser never crashes and always says what it saw.
@Suite struct CiscoIOSRobustnessTests {
    static func parse(_ text: String) -> DeviceConfig {
        CiscoIOSSupport().parse([ConfigInput(path: "bad.cfg", text: text)])
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
        version 15.2
        hostname r1
        interface Dialer1
         ip access-group EXT_IN in
        ip access-list extended EXT_IN
         permit tcp any any eq 22
         permit tcp any host 203.0.
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" })
        #expect(config.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 7 })
        let list = try #require(config.filter(named: "EXT_IN"))
        #expect(list.rules.count == 2)
        #expect(list.rules.last.map { if case .unparsed = $0.origin { true } else { false } } == true)
    }

    @Test func oneMegabyteOfRandomLines() {
        var generator = SystemRandomNumberGenerator()
        let words = ["interface", "ip", "access-list", "permit", "deny", "line", "vty", "banner", "motd", "^C", "!", "any",
                     "host", "10.0.0.1", "255.255.255.0", "username", "password", "7", "snmp-server", "community", "end",
                     "router", "bgp", "neighbor", "\"", "exit", "crypto", "pki", "-", "#", "aaa", "new-model"]
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

    /// The bar is 100,000 lines in under a second in release builds (`swift test -c release`);
    /// unoptimised builds are tens of times slower, so they parse a fifth of it with no time limit.
    @Test func aLargeConfigurationParsesQuickly() {
        #if DEBUG
        let target = 20_000
        #else
        let target = 100_000
        #endif
        var lines = ["version 15.2", "hostname big"]
        var count = 0
        while lines.count < target {
            count += 1
            lines += ["interface GigabitEthernet0/\(count)", " ip address 10.\(count / 250 % 250).\(count % 250).1 255.255.255.0",
                      " ip access-group BIG in", " no ip proxy-arp", "!"]
            lines.append("access-list 101 permit tcp host 10.0.\(count % 250).1 any eq \(count % 65535 + 1)")
        }
        lines.append("end")
        let clock = ContinuousClock()
        var config: DeviceConfig?
        let elapsed = clock.measure { config = Self.parse(lines.joined(separator: "\n")) }
        print("\(lines.count)-line configuration parsed in \(elapsed)")
        #expect(config?.coverage.ratio == 1)
        #expect(config?.filter(named: "101")?.rules.count == count)
        #if !DEBUG
        #expect(elapsed < .seconds(1))
        #endif
    }
}
