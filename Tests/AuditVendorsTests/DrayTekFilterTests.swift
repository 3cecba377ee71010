import AuditCore
import Testing
@testable import AuditVendors

/// DrayTek IP filter rules (`ipf rule`, `ipf set`) into zone rules, on snippets written from the
/// Vigor3912 User's Guide "Telnet Command: ipf rule / ipf set" syntax.
@Suite struct DrayTekFilterTests {
    static func rules(_ text: String) throws -> [FilterRule] {
        let config = DrayTekTests.parse(text)
        #expect(config.coverage.ratio == 1, "\(config.diagnostics.map(\.message))")
        return try #require(config.filter(named: "ip-filter")).rules
    }

    @Test func directionsBecomeZonesAndChains() throws {
        let rules = try Self.rules("""
        ipf rule 2 1 -e 1 -D 0 -F "0 0"
        ipf rule 2 2 -e 1 -D 1 -F "1 0"
        ipf rule 2 3 -e 1 -D 2 -F "0 0"
        ipf rule 2 4 -e 1 -D 3 -F "1 1"
        """)
        #expect(rules.map(\.sourceZone) == ["LAN", "WAN", "LAN", "WAN"])
        #expect(rules.map(\.destinationZone) == ["WAN", "LAN", "LAN", nil])
        #expect(rules.map(\.chain) == [.forward, .forward, .forward, .input])
        #expect(rules.map(\.action) == [.permit, .deny, .permit, .deny])
        #expect(rules[0].matchesEverything && rules[0].enabled)
    }

    @Test func addressesAndServices() throws {
        let rules = try Self.rules("""
        ipf rule 1 1 -e 1 -D 1 -s "u 0 198.51.100.77 255.255.255.0" -d "u 1 192.168.1.10" -S "u 6 0,1,65535 0,3389,3389" -F "0 0"
        ipf rule 1 2 -e 1 -D 1 -s "u 3 203.0.113.4 203.0.113.7" -S "u 17 0,1,65535 2,5000,0" -F "0 0"
        ipf rule 1 3 -e 1 -D 1 -s "o 1 2" -S "o 3" -F "0 0"
        ipf rule 1 4 -e 1 -D 1 -s "u 2" -S "u 255 0,1,65535 1,20,21" -F "0 0"
        """)
        #expect(rules[0].source == .prefix(IPPrefix("198.51.100.0/24")!))
        #expect(rules[0].destination == .prefix(IPPrefix("192.168.1.10/32")!))
        #expect(rules[0].protocols == .only([.tcp]) && rules[0].destinationPorts == .single(3389) && rules[0].sourcePorts == .any)
        #expect(rules[1].source == .prefix(IPPrefix("203.0.113.4/30")!))
        #expect(rules[1].protocols == .only([.udp]) && rules[1].destinationPorts == .ranges([5000...65535]))
        #expect(rules[2].source == .object("ip object 1 2") && rules[2].conditions == ["service object 3"])
        #expect(!rules[2].matchesEverything)
        #expect(rules[3].source == .any && rules[3].protocols == .only([.tcp, .udp]))
        #expect(rules[3].destinationPorts == .ranges([1...19, 22...65535]))
    }

    /// Immediate rules decide in order; "if no further match" rules only when no later rule
    /// matches: after every immediate rule, the last of them first.
    @Test func noFurtherMatchRulesComeAfterImmediateOnes() throws {
        let rules = try Self.rules("""
        ipf rule 2 1 -e 1 -D 1 -F "2 0" -M a
        ipf rule 2 2 -e 1 -D 1 -F "1 0" -M b
        ipf rule 2 3 -e 1 -D 1 -F "3 0" -M c
        ipf rule 2 4 -e 1 -D 1 -F "0 0" -M d
        """)
        #expect(rules.map(\.label) == ["filter set 2 rule 2 b", "filter set 2 rule 4 d", "filter set 2 rule 3 c", "filter set 2 rule 1 a"])
    }

    @Test func setsRunFromTheDataFilterStartAlongTheChain() throws {
        let rules = try Self.rules("""
        ipf set -d 3
        ipf set 3 -n 1
        ipf rule 1 1 -e 1 -D 1 -F "0 0"
        ipf rule 2 1 -e 1 -D 1 -F "0 0"
        ipf set 3 rule 1 -e 1 -D 1 -F "1 0"
        """)
        #expect(rules.compactMap(\.label) == ["filter set 3 rule 1", "filter set 1 rule 1", "filter set 2 rule 1"])
        let off = try Self.rules("ipf set -d 0\nipf rule 2 1 -e 1 -D 1 -F \"0 0\"\n")
        #expect(off.allSatisfy { !$0.enabled })
    }

    @Test func rulesAreOffUntilEnabledAndKeepEveryLineAsEvidence() throws {
        let rules = try Self.rules("ipf rule 2 1 -D 1 -F \"0 0\"\nipf rule 2 1 -e 1\nipf rule 2 2 -D 1 -F \"0 0\"\nipf rule 2 2 -U up\n")
        #expect(rules.count == 2)
        #expect(rules[0].label == "filter set 2 rule 1" && !rules[0].enabled, "rule 2 moved above rule 1, which was never enabled")
        #expect(rules[0].origin.spans.map(\.start) == [3, 4])
        #expect(rules[1].enabled && rules[1].origin.spans.map(\.start) == [1, 2])
    }

    @Test func incompleteOrUnreadableRulesAreReported() throws {
        let config = DrayTekTests.parse("ipf rule 2 1 -e 1 -F \"0 0\"\nipf rule 2 2 -e 1 -D 9\nipf rule 2 3 -e 1 -D 1 -s \"u 0 10.0.0.1\" -F \"0 0\"\nipf rule 2 4 -Q 1\n")
        #expect(config.diagnostics.contains { $0.code == "incomplete-rule" && $0.message.contains("direction") && $0.span?.start == 1 })
        #expect(config.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 2 })
        #expect(config.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 3 })
        #expect(config.diagnostics.contains { $0.code == "bad-value" && $0.message.contains("-Q") })
    }
}
