import AuditCore
import Testing
@testable import AuditVendors

/// Interfaces and roles, rule-sets and zones, NAT: conversion on small inline snippets.
@Suite struct VyattaFirewallTests {
    static func edge(_ text: String) -> DeviceConfig { EdgeOSSupport().parse([ConfigInput(path: "c", text: text)]) }
    static func vyos(_ text: String) -> DeviceConfig { VyOSSupport().parse([ConfigInput(path: "c", text: text)]) }

    // MARK: - Roles

    @Test func rolesFromDHCPPPPoEDefaultRouteAndDescription() {
        let config = Self.vyos("""
            set interfaces ethernet eth0 address '203.0.113.2/30'
            set interfaces ethernet eth1 address '192.168.1.1/24'
            set interfaces ethernet eth1 vif 30 address '192.168.30.1/24'
            set interfaces ethernet eth1 vif 30 description 'Guest wifi'
            set interfaces ethernet eth2 address 'dhcp'
            set interfaces ethernet eth3 pppoe 0 user-id 'isp'
            set interfaces ethernet eth4 address '198.51.100.9/24'
            set protocols static route 0.0.0.0/0 next-hop 203.0.113.1
            """)
        let roles = Dictionary(uniqueKeysWithValues: config.interfaces.map { ($0.name, $0.role.value) })
        #expect(roles == ["eth0": .wan, "eth1": .lan, "eth1.30": .guest, "eth2": .wan, "eth3": .unknown, "pppoe0": .wan,
                          "eth4": .unknown])
        let eth0 = config.interfaces.first { $0.name == "eth0" }
        // The default route's next hop and the address that holds it.
        #expect(eth0?.role.origin == .derived([SourceSpan(file: "c", start: 1), SourceSpan(file: "c", start: 8)]))
        #expect(config.interfaces.first { $0.name == "eth4" }?.role.origin.isVendorDefault == true)
    }

    // MARK: - Rule-sets and zones

    static let edgeRouter = """
        firewall {
            group {
                address-group ADMINS {
                    address 198.51.100.7
                    address 198.51.100.8
                }
                port-group WEB {
                    port 80
                    port 443
                }
            }
            name WAN_IN {
                default-action drop
                rule 10 {
                    action accept
                    state {
                        established enable
                        related enable
                    }
                }
                rule 20 {
                    action drop
                    state {
                        invalid enable
                    }
                }
            }
            name WAN_LOCAL {
                rule 10 {
                    action accept
                    destination {
                        group {
                            port-group WEB
                        }
                    }
                    protocol tcp
                    source {
                        group {
                            address-group ADMINS
                        }
                    }
                }
                rule 20 {
                    action accept
                    destination {
                        port 22
                    }
                    protocol tcp
                    tcp {
                        flags SYN
                    }
                }
            }
        }
        interfaces {
            ethernet eth0 {
                address dhcp
                firewall {
                    in {
                        name WAN_IN
                    }
                    local {
                        name WAN_LOCAL
                    }
                }
            }
            ethernet eth1 {
                address 192.168.1.1/24
            }
        }
        """

    @Test func attachedRulesetsBecomeZoneRules() throws {
        let config = Self.edge(Self.edgeRouter)
        let wan = try #require(config.zone(named: "eth0"))
        #expect(wan.role.value == .wan && wan.members == ["eth0"])
        #expect(wan.forward.value == .deny && wan.forward.origin == .derived([SourceSpan(file: "c", start: 13),
                                                                             SourceSpan(file: "c", start: 60)]))
        // WAN_LOCAL has no default-action: drop, by vendor default.
        #expect(wan.input.value == .deny && wan.input.origin.isVendorDefault)
        // Nothing attached on the LAN: everything accepted, by vendor default.
        let lan = try #require(config.zone(named: "eth1"))
        #expect(lan.role.value == .lan && lan.input.value == .permit && lan.input.origin.isVendorDefault)

        let wanIn = try #require(config.filter(named: "WAN_IN"))
        #expect(wanIn.kind == .zoneRules && wanIn.defaultAction.value == .deny)
        #expect(wanIn.rules.map(\.establishedOnly) == [true, false])
        #expect(wanIn.rules[1].conditions == ["state invalid"] && !wanIn.rules[1].matchesEverything)
        #expect(wanIn.rules.allSatisfy { $0.chain == .forward && $0.sourceZone == "eth0" && $0.destinationZone == "*" })
        #expect(wanIn.rules[0].origin == .source(SourceSpan(file: "c", start: 14, end: 18)))

        let local = try #require(config.filter(named: "WAN_LOCAL"))
        // The address group expands to one rule per address; the port group to its ports.
        #expect(local.rules.count == 3)
        #expect(local.rules[0].source == .prefix(IPPrefix("198.51.100.7/32")!))
        #expect(local.rules[1].source == .prefix(IPPrefix("198.51.100.8/32")!))
        #expect(local.rules[0].destinationPorts == .ranges([80...80, 443...443]))
        #expect(local.rules.allSatisfy { $0.chain == .input && $0.sourceZone == "eth0" && $0.destinationZone == nil })
        #expect(local.rules[2].conditions == ["tcp flags SYN"])
        #expect(config.references.filter { $0.kind == .filter }.map(\.name) == ["WAN_IN", "WAN_LOCAL"])
        #expect(config.filterUses["WAN_IN"] == [.interfaceInbound("eth0")])
        #expect(config.filterUses["WAN_LOCAL"] == [.other("local on eth0")])
    }

    @Test func undefinedRulesetIsAReferenceAndFiltersNothing() throws {
        let config = Self.vyos("""
            set interfaces ethernet eth0 address 'dhcp'
            set interfaces ethernet eth0 firewall local name 'MISSING'
            """)
        #expect(config.references.map(\.name) == ["MISSING"])
        #expect(config.references.first?.filtersTraffic == true)
        #expect(config.zone(named: "eth0")?.input.value == .permit)
    }

    @Test func unusedRulesetIsStillAnalysed() throws {
        let config = Self.vyos("""
            set firewall name test rule 1 action 'drop'
            set firewall name test rule 1 protocol 'tcp'
            set firewall name test rule 2 action 'drop'
            set firewall name test rule 2 protocol 'tcp'
            set firewall name test rule 2 destination port '22'
            """)
        let list = try #require(config.filter(named: "test"))
        #expect(list.rules.count == 2 && list.rules.allSatisfy { $0.chain == nil })
        #expect(list.rules[1].destinationPorts == .single(22))
    }

    @Test func ipv6RulesetsCarryTheirFamily() throws {
        let config = Self.edge("""
            firewall {
                ipv6-name WAN6_IN {
                    default-action drop
                    rule 10 {
                        action accept
                        protocol icmpv6
                        icmpv6 {
                            type-name echo-request
                        }
                    }
                }
            }
            interfaces {
                ethernet eth0 {
                    address dhcp
                    firewall {
                        in {
                            ipv6-name WAN6_IN
                        }
                    }
                }
            }
            """)
        let list = try #require(config.filter(named: "WAN6_IN"))
        #expect(list.rules.first?.family == 6 && list.rules.first?.icmpTypes == ["echo-request"])
        #expect(list.rules.first?.protocols == .only([.icmpv6]))
        #expect(config.filterUses["WAN6_IN"] == [.interfaceInbound("eth0")])
        #expect(config.interfaces.first?.ipv6Enabled == nil)
        // The IPv4 side has no rule-set: the zone forwards everything.
        #expect(config.zone(named: "eth0")?.forward.value == .permit)
    }

    @Test func vyos14BaseChainsAndJumps() throws {
        let config = Self.vyos("""
            set firewall ipv4 input filter default-action 'drop'
            set firewall ipv4 input filter rule 10 action 'accept'
            set firewall ipv4 input filter rule 10 state 'established'
            set firewall ipv4 input filter rule 10 state 'related'
            set firewall ipv4 input filter rule 20 action 'jump'
            set firewall ipv4 input filter rule 20 inbound-interface name 'eth0'
            set firewall ipv4 input filter rule 20 jump-target 'WAN_LOCAL'
            set firewall ipv4 name WAN_LOCAL default-action 'drop'
            set firewall ipv4 name WAN_LOCAL rule 10 action 'accept'
            set firewall ipv4 name WAN_LOCAL rule 10 destination port '22'
            set firewall ipv4 name WAN_LOCAL rule 10 protocol 'tcp'
            set interfaces ethernet eth0 address 'dhcp'
            set interfaces ethernet eth1 address '10.0.0.1/24'
            """)
        let input = try #require(config.filter(named: "ipv4 input filter"))
        #expect(input.defaultAction.value == .deny)
        #expect(input.rules.map(\.label) == ["ipv4 input filter rule 10", "WAN_LOCAL rule 10", "WAN_LOCAL default-action"])
        #expect(input.rules[0].establishedOnly && input.rules[0].sourceZone == "*")
        #expect(input.rules[1].sourceZone == "eth0" && input.rules[1].chain == .input && input.rules[1].destinationPorts == .single(22))
        #expect(input.rules[2].action == .deny && input.rules[2].origin == .line("c", 8))
        #expect(config.zone(named: "eth0")?.input.value == .deny)
        // No forward chain: forwarding is accepted by the base chain default.
        #expect(config.zone(named: "eth0")?.forward.value == .permit)
        #expect(config.references.contains { $0.name == "WAN_LOCAL" && $0.kind == .filter })
    }

    @Test func zonePolicy() throws {
        let config = Self.vyos("""
            set firewall name LAN-WAN default-action 'accept'
            set firewall name WAN-LAN default-action 'drop'
            set firewall name WAN-LAN rule 10 action 'accept'
            set firewall name WAN-LAN rule 10 state established 'enable'
            set firewall name WAN-LOCAL default-action 'drop'
            set interfaces ethernet eth0 address 'dhcp'
            set interfaces ethernet eth1 address '10.0.0.1/24'
            set zone-policy zone LAN from WAN firewall name 'WAN-LAN'
            set zone-policy zone LAN interface 'eth1'
            set zone-policy zone LOCAL from WAN firewall name 'WAN-LOCAL'
            set zone-policy zone LOCAL local-zone
            set zone-policy zone WAN from LAN firewall name 'LAN-WAN'
            set zone-policy zone WAN interface 'eth0'
            """)
        #expect(config.zones.map(\.name) == ["LAN", "WAN"])
        let wan = try #require(config.zone(named: "WAN"))
        #expect(wan.role.value == .wan && wan.members == ["eth0"] && wan.input.value == .deny)
        let lan = try #require(config.zone(named: "LAN"))
        // LAN has no `from LAN` in the local zone: the local zone's default (drop).
        #expect(lan.input.value == .deny && lan.input.origin.isVendorDefault)
        let rules = config.filter(named: "WAN-LAN")?.rules ?? []
        #expect(rules.first?.sourceZone == "WAN" && rules.first?.destinationZone == "LAN" && rules.first?.establishedOnly == true)
        #expect(config.interfaces.first { $0.name == "eth1" }?.zone == "LAN")
    }

    // MARK: - Port forwards

    @Test func edgePortForwardAndDestinationNAT() {
        let config = Self.edge("""
            port-forward {
                rule 1 {
                    description Camera
                    forward-to {
                        address 192.168.1.20
                        port 80
                    }
                    original-port 8080
                    protocol tcp
                }
                rule 2 {
                    forward-to {
                        address 192.168.1.21
                    }
                    original-port 5000-5010
                    protocol tcp_udp
                }
                wan-interface eth0
            }
            service {
                nat {
                    rule 1 {
                        destination {
                            port 3389
                        }
                        inbound-interface eth0
                        inside-address {
                            address 192.168.1.30
                        }
                        protocol tcp
                        type destination
                    }
                    rule 5000 {
                        outbound-interface eth0
                        type masquerade
                    }
                }
            }
            interfaces {
                ethernet eth0 {
                    address 203.0.113.10/24
                }
            }
            """)
        #expect(config.portForwards.map(\.label) == ["Camera", "port-forward rule 2", "service nat rule 1"])
        #expect(config.portForwards.map(\.externalPorts) == [.single(8080), .ranges([5000...5010]), .single(3389)])
        #expect(config.portForwards.map(\.internalPorts) == [.single(80), .ranges([5000...5010]), .single(3389)])
        #expect(config.portForwards.map(\.internalAddress) == ["192.168.1.20", "192.168.1.21", "192.168.1.30"].map { IPAddress($0) })
        #expect(config.portForwards.allSatisfy { $0.externalRole == .wan && $0.externalInterface == "eth0" })
        #expect(config.portForwards[1].protocols == .only([.tcp, .udp]))
        #expect(config.portForwards[0].origin == .source(SourceSpan(file: "c", start: 2, end: 9)))
        // The masquerade made eth0 WAN (it has a public address and nothing else says so).
        #expect(config.interfaces.first?.role.value == .wan)
    }

    @Test func vyosDestinationNAT() {
        let config = Self.vyos("""
            set interfaces pppoe pppoe0 source-interface 'eth0'
            set nat destination rule 10 destination port '22'
            set nat destination rule 10 inbound-interface name 'pppoe0'
            set nat destination rule 10 protocol 'tcp'
            set nat destination rule 10 translation address '192.168.0.5'
            set nat destination rule 10 translation port '2222'
            set nat destination rule 20 destination port '53'
            set nat destination rule 20 inbound-interface 'eth1'
            set nat destination rule 20 exclude
            set nat destination rule 30 destination port '80'
            set nat destination rule 30 protocol 'tcp'
            set nat destination rule 30 source address '198.51.100.0/24'
            set nat destination rule 30 translation address '192.168.0.6'
            set nat destination rule 30 disable
            """)
        #expect(config.portForwards.count == 2)
        let ssh = config.portForwards[0]
        #expect(ssh.externalInterface == "pppoe0" && ssh.externalRole == .wan)
        #expect(ssh.externalPorts == .single(22) && ssh.internalPorts == .single(2222) && ssh.protocols == .only([.tcp]))
        let web = config.portForwards[1]
        #expect(web.externalInterface == nil && web.externalRole == nil && !web.enabled)
        #expect(web.allowedSources == .prefix(IPPrefix("198.51.100.0/24")!))
    }
}
