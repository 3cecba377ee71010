import AuditCore
import Testing
@testable import AuditVendors

/// Firewall package → zones, forwardings, the `rules` list and port forwards, as fw4 reads it.
@Suite("OpenWrt firewall conversion")
struct OpenWrtFirewallTests {
    // MARK: Zones

    @Test func zonePoliciesFallBackToDefaultsThenToFw4Drop() throws {
        let config = OpenWrtTest.parse("""
            config defaults
            \toption input 'REJECT'
            \toption forward 'ACCEPT'

            config zone
            \toption name 'wan'
            \toption forward 'DROP'
            """, path: "firewall")
        let wan = try #require(config.zone(named: "wan"))
        // input: not on the zone, taken from `config defaults` line 2.
        #expect(wan.input == Sourced(.reject, .line("firewall", 2)))
        // forward: the zone's own line wins over defaults.
        #expect(wan.forward == Sourced(.deny, .line("firewall", 7)))
        // output: set nowhere, fw4 uses DROP.
        #expect(wan.output.value == .deny)
        #expect(wan.output.origin.isVendorDefault)
        #expect(wan.masquerade?.value == false)
    }

    @Test func withoutDefaultsEveryUnsetPolicyIsFw4Drop() throws {
        let config = OpenWrtTest.parse("config zone\n\toption name 'lan'\n\toption input 'ACCEPT'\n")
        let lan = try #require(config.zone(named: "lan"))
        #expect(lan.input.value == .permit)
        #expect(lan.forward.value == .deny)
        #expect(lan.forward.origin == .vendorDefault(profile: "openwrt", statement:
            "fw4 drops forward traffic of a zone when neither the zone nor 'config defaults' sets 'forward'"))
    }

    @Test func zoneRoleComesFromItsNameOrNetworks() {
        let config = OpenWrtTest.parse("""
            config zone
            \toption name 'wan'
            config zone
            \toption name 'internet'
            \tlist network 'wan6'
            config zone
            \toption name 'guest'
            config zone
            \toption name 'iot'
            \tlist network 'iot'
            config zone
            \toption name 'lan'
            \toption network 'lan wlan'
            \toption masq '1'
            """, path: "firewall")
        let roles = config.zones.map { "\($0.name)=\($0.role.value)" }
        #expect(roles == ["wan=wan", "internet=wan", "guest=guest", "iot=unknown", "lan=lan"])
        #expect(config.zones[0].role.origin == .line("firewall", 2))
        #expect(config.zones[1].role.origin == .derived([SourceSpan(file: "firewall", start: 4), SourceSpan(file: "firewall", start: 5)]))
        #expect(config.zones[3].role.origin.isVendorDefault)
        #expect(config.zones[4].members == ["lan", "wlan"])
        #expect(config.zones[4].masquerade == Sourced(true, .line("firewall", 14)))
    }

    @Test func disabledAndNamelessZonesAreLeftOutWithADiagnostic() {
        let config = OpenWrtTest.parse("""
            config zone
            \toption name 'dmz'
            \toption enabled '0'
            config zone
            \toption input 'ACCEPT'
            """)
        #expect(config.zones.isEmpty)
        #expect(config.diagnostics.contains { $0.code == "disabled" })
        #expect(config.diagnostics.contains { $0.code == "bad-value" })
    }

    @Test func badPolicyIsUnparsedNotTrusted() throws {
        let config = OpenWrtTest.parse("config zone\n\toption name 'wan'\n\toption input 'ALLOW'\n", path: "fw")
        let wan = try #require(config.zone(named: "wan"))
        #expect(wan.input.origin == .unparsed(SourceSpan(file: "fw", start: 3)))
        #expect(OpenWrtTest.diagnostics(config, code: "bad-value").count == 1)
    }

    @Test func forwardingsAndZoneReferences() {
        let config = OpenWrtTest.parse("""
            config zone
            \toption name 'lan'
            config forwarding
            \toption src 'lan'
            \toption dest 'wan'
            config forwarding
            \toption src 'wan'
            \toption dest 'lan'
            \toption enabled 'no'
            """, path: "firewall")
        #expect(config.zoneForwardings.map { "\($0.from)>\($0.to):\($0.enabled)" } == ["lan>wan:true", "wan>lan:false"])
        #expect(config.zoneForwardings[0].origin == .source(SourceSpan(file: "firewall", start: 3, end: 5)))
        #expect(config.references.map(\.name) == ["lan", "wan", "wan", "lan"])
        #expect(config.references.allSatisfy { $0.kind == .zone })
    }

    // MARK: Rules

    private func rules(_ text: String) -> [FilterRule] {
        OpenWrtTest.parse(text, path: "firewall").filter(named: "rules")?.rules ?? []
    }

    @Test func ruleChainsFollowFw4() {
        let rules = rules("""
            config rule
            \toption src 'wan'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption dest 'lan'
            \toption target 'ACCEPT'
            config rule
            \toption dest 'wan'
            \toption target 'REJECT'
            config rule
            \toption target 'DROP'
            config rule
            \toption src 'wan'
            \toption dest '*'
            \toption target 'ACCEPT'
            config rule
            \toption src '*'
            \toption target 'ACCEPT'
            """)
        #expect(rules.map(\.chain) == [.input, .forward, .output, .output, .forward, .input])
        #expect(rules.map(\.action) == [.permit, .permit, .reject, .deny, .permit, .permit])
        #expect(rules[4].destinationZone == "*")
        #expect(rules[5].sourceZone == "*")
        #expect(rules[2].sourceZone == nil)
        #expect(rules[2].destinationZone == "wan")
    }

    @Test func protocolDefaultsToTcpAndUdp() {
        let rules = rules("""
            config rule
            \toption src 'wan'
            \toption dest_port '22'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption proto 'all'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption proto 'esp'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption proto 'icmp'
            \toption family 'ipv6'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \tlist proto 'tcp'
            \tlist proto 'gre'
            \toption target 'ACCEPT'
            """)
        #expect(rules.map(\.protocols) == [.only([.tcp, .udp]), .any, .only([.esp]), .only([.icmpv6]), .only([.tcp, .gre])])
        #expect(rules[0].destinationPorts == .single(22))
        #expect(rules[3].family == 6)
    }

    @Test func disabledRulesStayInTheListDisabled() {
        let rules = rules("""
            config rule
            \toption src 'wan'
            \toption target 'ACCEPT'
            \toption enabled '0'
            config rule
            \toption src 'wan'
            \toption target 'ACCEPT'
            \toption enabled 'false'
            config rule
            \toption src 'wan'
            \toption target 'ACCEPT'
            \toption enabled '1'
            """)
        #expect(rules.map(\.enabled) == [false, false, true])
    }

    @Test func taggingTargetsAndMissingTargetsDoNotFilter() {
        let config = OpenWrtTest.parse("""
            config rule
            \toption src 'lan'
            \toption target 'MARK'
            \toption set_mark '0x1'
            config rule
            \toption src 'wan'
            \toption target 'NOTRACK'
            config rule
            \toption src 'wan'
            \toption proto 'udp'
            """)
        let rules = config.filter(named: "rules")?.rules ?? []
        #expect(rules.count == 3)
        #expect(rules.allSatisfy { !$0.enabled })
        #expect(OpenWrtTest.diagnostics(config, code: "not-filtering").count == 3)
        #expect(OpenWrtTest.diagnostics(config, code: "not-filtering").allSatisfy { $0.level == .info })
    }

    @Test func portsAddressesAndFamilies() {
        let rules = rules("""
            config rule
            \toption name 'Ranges'
            \toption src 'wan'
            \toption proto 'tcp'
            \toption dest_port '1000-2000 3000:3100 22'
            \toption src_port '1024-65535'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption src_ip '192.168.10.0/255.255.255.0'
            \toption dest_ip '10.0.0.1'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \toption src_ip 'fe80::/10'
            \toption target 'ACCEPT'
            config rule
            \toption src 'wan'
            \tlist src_ip '10.0.0.0/8'
            \tlist src_ip '172.16.0.0/12'
            \toption target 'DROP'
            config rule
            \toption src 'wan'
            \toption ipset 'blocklist'
            \toption target 'DROP'
            """)
        #expect(rules[0].label == "Ranges")
        #expect(rules[0].destinationPorts == .ranges([1000...2000, 3000...3100, 22...22]))
        #expect(rules[0].sourcePorts == .ranges([1024...65535]))
        // A netmask reads as a prefix length; a bare address is a host.
        #expect(rules[1].source == .prefix(IPPrefix("192.168.10.0/24")!))
        #expect(rules[1].destination == .prefix(IPPrefix("10.0.0.1/32")!))
        #expect(rules[1].family == 4)
        #expect(rules[2].source == .prefix(IPPrefix("fe80::/10")!))
        #expect(rules[2].family == 6)
        // Two sources: one model rule per address, same origin.
        #expect(rules[3].source == .prefix(IPPrefix("10.0.0.0/8")!))
        #expect(rules[4].source == .prefix(IPPrefix("172.16.0.0/12")!))
        #expect(rules[3].origin == rules[4].origin)
        #expect(rules[3].family == 4)
        #expect(rules[5].source == .object("blocklist"))
    }

    /// An IPv4 source with an IPv6 destination matches nothing: fw4 emits no rule for it.
    @Test func mixedFamilyAddressPairsAreDropped() {
        let rules = rules("""
            config rule
            \toption src 'wan'
            \toption src_ip '192.168.10.0/24'
            \toption dest_ip '2001:db8::/32'
            \toption target 'ACCEPT'
            """)
        #expect(rules.isEmpty)
    }

    @Test func unreadableValuesAreReportedAndReadBroadly() {
        let config = OpenWrtTest.parse("""
            config rule
            \toption src 'wan'
            \toption proto 'tcp'
            \toption dest_port 'ssh'
            \toption src_ip '!192.168.1.0/24'
            \toption target 'ACCEPT'
            """)
        let rule = config.filter(named: "rules")?.rules.first
        #expect(rule?.destinationPorts == .any)
        #expect(rule?.source == .any)
        #expect(OpenWrtTest.diagnostics(config, code: "bad-value").count == 1)
        #expect(OpenWrtTest.diagnostics(config, code: "not-modelled").count == 1)
    }

    @Test func ruleListKindAndOrigin() throws {
        let config = OpenWrtTest.parse("config rule\n\toption src wan\n\toption target ACCEPT\n", path: "firewall")
        let list = try #require(config.filter(named: "rules"))
        #expect(list.kind == .zoneRules)
        #expect(list.rules[0].origin == .source(SourceSpan(file: "firewall", start: 1, end: 3)))
        #expect(list.defaultAction.origin.isVendorDefault)
    }

    // MARK: Redirects

    @Test func redirectsBecomePortForwards() throws {
        let config = OpenWrtTest.parse("""
            config zone
            \toption name 'wan'
            config redirect
            \toption name 'RDP'
            \toption src 'wan'
            \toption src_dport '3389'
            \toption dest 'lan'
            \toption dest_ip '192.168.1.50'
            \toption proto 'tcp'
            \toption src_ip '203.0.113.0/24'
            config redirect
            \toption src 'wan'
            \toption src_dport '2222'
            \toption dest_ip '192.168.1.20'
            \toption dest_port '22'
            \toption enabled '0'
            config redirect
            \toption src 'lan'
            \toption dest 'wan'
            \toption src_dip '198.51.100.1'
            \toption target 'SNAT'
            """, path: "firewall")
        #expect(config.portForwards.count == 2)
        let rdp = config.portForwards[0]
        #expect(rdp.label == "RDP")
        #expect(rdp.externalInterface == "wan")
        #expect(rdp.externalRole == .wan)
        #expect(rdp.protocols == .only([.tcp]))
        #expect(rdp.externalPorts == .single(3389))
        // dest_port absent: fw4 uses src_dport.
        #expect(rdp.internalPorts == .single(3389))
        #expect(rdp.internalAddress == IPAddress("192.168.1.50"))
        #expect(rdp.allowedSources == .prefix(IPPrefix("203.0.113.0/24")!))
        #expect(rdp.enabled)
        #expect(rdp.origin == .source(SourceSpan(file: "firewall", start: 3, end: 10)))
        let ssh = config.portForwards[1]
        // proto absent: tcp and udp.
        #expect(ssh.protocols == .only([.tcp, .udp]))
        #expect(ssh.externalPorts == .single(2222))
        #expect(ssh.internalPorts == .single(22))
        #expect(ssh.allowedSources == .any)
        #expect(!ssh.enabled)
    }

    @Test func redirectWithoutSourceZoneIsSkippedByFw4() {
        let config = OpenWrtTest.parse("config redirect\n\toption src_dport '80'\n\toption dest_ip '192.168.1.2'\n")
        #expect(config.portForwards.first?.enabled == false)
        #expect(config.portForwards.first?.externalPorts == .single(80))
    }
}
