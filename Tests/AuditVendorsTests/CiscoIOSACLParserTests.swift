import AuditCore
import AuditVendors
import Testing

/// Step one for access lists: one entry's words to a rule.
@Suite struct CiscoIOSACLParserTests {
    static let origin = Provenance.line("acl.cfg", 1)

    static func rule(_ text: String, _ grammar: CiscoACLParser.Grammar = .extended) -> CiscoACLEntry {
        CiscoACLParser.parse(text.split(separator: " ").map { Substring($0) }, from: 0, grammar: grammar, origin: origin)
    }

    @Test func permitIPAnyAnyMatchesEverything() throws {
        let entry = Self.rule("permit ip any any")
        let rule = try #require(entry.rule)
        #expect(rule.action == .permit)
        #expect(rule.matchesEverything)
        #expect(rule.family == 4)
        #expect(entry.problem == nil)
    }

    @Test func hostsWildcardsAndNamedPorts() throws {
        let rule = try #require(Self.rule("deny tcp host 10.0.0.1 eq telnet 207.46.248.0 0.0.0.255 range ftp-data ftp log").rule)
        #expect(rule.action == .deny)
        #expect(rule.protocols == .only([.tcp]))
        #expect(rule.source == .prefix(IPPrefix("10.0.0.1/32")!))
        #expect(rule.sourcePorts == .single(23))
        #expect(rule.destination == .prefix(IPPrefix("207.46.248.0/24")!))
        #expect(rule.destinationPorts == .ranges([20...21]))
    }

    @Test func discontiguousWildcardIsKept() throws {
        let rule = try #require(Self.rule("permit ip 10.0.0.0 0.0.255.0 any").rule)
        #expect(rule.source == .wildcard(address: 0x0A00_0000, wildcard: 0x0000_FF00))
    }

    @Test func portOperators() throws {
        #expect(try #require(Self.rule("permit udp any any neq 53").rule).destinationPorts == .ranges([0...52, 54...65535]))
        #expect(try #require(Self.rule("permit tcp any any lt 1024").rule).destinationPorts == .ranges([0...1023]))
        #expect(try #require(Self.rule("permit tcp any any gt 1023").rule).destinationPorts == .ranges([1024...65535]))
        #expect(try #require(Self.rule("permit udp any eq ntp any").rule).sourcePorts == .single(123))
        #expect(try #require(Self.rule("permit tcp any any eq www 443 8080").rule).destinationPorts == .ranges([80...80, 443...443, 8080...8080]))
        #expect(try #require(Self.rule("permit udp any any eq isakmp non500-isakmp").rule).destinationPorts == .ranges([500...500, 4500...4500]))
    }

    @Test func optionsEstablishedICMPAndSequence() throws {
        let established = try #require(Self.rule("10 permit tcp any any established").rule)
        #expect(established.establishedOnly)
        #expect(established.label == "10")
        let icmp = try #require(Self.rule("permit icmp any any time-exceeded").rule)
        #expect(icmp.icmpTypes == ["time-exceeded"])
        #expect(try #require(Self.rule("permit icmp any any 3 4 log-input").rule).icmpTypes == ["3/4"])
        let dscp = try #require(Self.rule("permit ip any any dscp ef fragments log").rule)
        #expect(dscp.matchesEverything)
    }

    @Test func protocolsByNameAndNumber() throws {
        #expect(try #require(Self.rule("permit esp any any").rule).protocols == .only([.esp]))
        #expect(try #require(Self.rule("permit ahp any any").rule).protocols == .only([.ah]))
        #expect(try #require(Self.rule("permit gre any any").rule).protocols == .only([.gre]))
        #expect(try #require(Self.rule("permit 41 any any").rule).protocols == .only([.number(41)]))
        #expect(try #require(Self.rule("permit ospf any any").rule).protocols == .only([.number(89)]))
    }

    @Test func timeRangeKeepsTheRuleWithANote() throws {
        let entry = Self.rule("permit tcp any any eq 22 time-range OFFICE")
        #expect(entry.rule != nil)
        #expect(entry.notes.contains { $0.contains("OFFICE") })
    }

    @Test func objectGroupsBecomeObjects() throws {
        let entry = Self.rule("permit object-group WEB object-group INSIDE any")
        let rule = try #require(entry.rule)
        #expect(rule.source == .object("INSIDE"))
        #expect(rule.protocols == .any)
        #expect(entry.objectGroups == ["WEB", "INSIDE"])
        #expect(!entry.notes.isEmpty)
    }

    @Test func standardEntries() throws {
        #expect(try #require(Self.rule("permit 172.16.0.1", .standard).rule).source == .prefix(IPPrefix("172.16.0.1/32")!))
        #expect(try #require(Self.rule("permit 172.16.1.0 0.0.0.255", .standard).rule).source == .prefix(IPPrefix("172.16.1.0/24")!))
        let any = try #require(Self.rule("deny any log", .standard).rule)
        #expect(any.action == .deny && any.source == .any && any.destination == .any)
    }

    @Test func ipv6Entries() throws {
        let rule = try #require(Self.rule("sequence 20 permit tcp 2001:db8::/32 host 2001:db8::1 eq 22", .ipv6).rule)
        #expect(rule.family == 6)
        #expect(rule.label == "20")
        #expect(rule.source == .prefix(IPPrefix("2001:db8::/32")!))
        #expect(rule.destination == .prefix(IPPrefix("2001:db8::1/128")!))
        #expect(try #require(Self.rule("deny ipv6 any any", .ipv6).rule).matchesEverything)
        #expect(try #require(Self.rule("permit icmp any any nd-na", .ipv6).rule).protocols == .only([.icmpv6]))
    }

    @Test func remarksAndBadValues() throws {
        #expect(Self.rule("remark permit anything else").kind == .remark)
        let broken = Self.rule("permit esp host any any")
        #expect(broken.problem != nil)
        #expect(broken.rule.map { if case .unparsed = $0.origin { true } else { false } } == true)
        #expect(Self.rule("permit tcp any host 1.2.").problem != nil)
        #expect(Self.rule("frobnicate any any").problem != nil)
    }
}
