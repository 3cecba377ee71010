import AuditCore

/// `interfaces`: one model interface per logical unit (`ge-0/0/0.0`, the name zones use), with
/// its addresses, filters and the hints that tell an uplink (DHCP or PPPoE client, the interface
/// the default route leaves by) or a management port (fxp0, me0, em0). Roles are settled after
/// the zones are read (`applyInterfaceRoles`).
extension JunosConverter {
    static let managementPorts: Set<Substring> = ["fxp0", "fxp1", "me0", "em0", "em1", "vme"]

    static let physicalKnown: Set<Substring> = [
        "vlan-tagging", "flexible-vlan-tagging", "stacked-vlan-tagging", "encapsulation", "mtu", "gigether-options",
        "ether-options", "speed", "link-mode", "native-vlan-id", "redundant-ether-options", "fabric-options",
        "aggregated-ether-options", "mac", "hold-time", "traceoptions", "apply-groups", "apply-groups-except",
        "per-unit-scheduler", "hierarchical-scheduler", "esi", "auto-negotiation", "no-auto-negotiation",
        "optics-options", "framing", "clocking", "sonet-options", "serial-options", "dsl-options", "vdsl-options",
        "shdsl-options", "e1-options", "t1-options", "mtu-discovery", "damping", "no-gratuitous-arp-request",
        "passive-monitor-mode", "interface-mode", "vlan-id-list", "cellular-options", "dialer-options", "wireless-options",
        "satop-options", "alias", "enable", "tunnel", "logical-tunnel-options", "flexible-vlan-tagging", "unit-count",
        "speed-auto", "media-type", "otn-options", "ima-link-options", "atm-options", "dce", "no-keepalives", "keepalives",
        "link-degrade-monitor", "forwarding-class-accounting", "promiscuous-mode", "gratuitous-arp-reply", "receive-bucket",
        "transmit-bucket", "ppp-options", "fastether-options", "eight-queue-mode", "mac-learn-enable",
    ]

    static let unitKnown: Set<Substring> = [
        "vlan-id", "vlan-tags", "encapsulation", "ppp-options", "pppoe-options", "dial-options", "tunnel", "point-to-point",
        "input-vlan-map", "output-vlan-map", "proxy-arp", "apply-groups", "apply-groups-except", "peer-unit",
        "traps", "no-traps", "bandwidth", "mtu", "accounting-profile", "vlan-id-range", "vlan-id-list", "demux-source",
        "demux-options", "dialer-options", "interface-shared-with", "native-inner-vlan-id", "inner-vlan-id-range",
        "clear-dont-fragment-bit", "copy-tos-to-outer-ip-header", "reassemble-packets", "alias", "arp-resp",
        "family", "description", "disable", "multicast-only", "passive-monitor-mode", "actual-transit-statistics",
        "layer2-policer", "backup-options", "l2tp-options", "ethernet-switching", "xconnect", "enable",
        "atm-scheduler-map", "vci", "vpi", "encapsulation-overhead", "shaping", "oam-liveness", "oam-period",
        "keepalives", "no-keepalives", "radio-router", "family-mode",
    ]

    static let familyKnown: Set<Substring> = [
        "mtu", "sampling", "rpf-check", "no-redirects", "policer", "targeted-broadcast", "primary", "description",
        "disable", "service", "accounting", "mac-validate", "unnumbered-address", "receive-ttl-exceeded", "receive-options-packets",
        "simple-filter", "apply-groups", "apply-groups-except", "ipsec-sa", "demux-source", "demux-destination",
        "no-neighbor-learn", "dad-disable", "nd6-stale-time", "address-assignment", "ndp-router-advertisement",
        "destination-class-usage", "source-class-usage", "kernel-forwarding-disable", "multi-homing", "dhcpv6-client",
        "autoconf", "next-hop-tunnel", "interface-mode", "vlan", "port-mode", "native-vlan-id",
    ]

    mutating func readInterfaces() {
        guard let interfaces = tree.child(Self.root, "interfaces") else { return }
        understand(interfaces)
        for physical in children(interfaces) {
            switch word(physical) {
            case "interface-range":
                understandSubtree(physical)
                diagnose(.info, "not-modelled", "interface-range settings are not applied to their member interfaces",
                         at: physical)
            case "apply-groups", "apply-groups-except", "traceoptions":
                understandSubtree(physical)
            default:
                readPhysical(physical)
            }
        }
    }

    private mutating func readPhysical(_ node: Int32) {
        understand(node)
        let physical = word(node)
        var units: [Int32] = []
        var disabled = false
        var description: String?
        for child in children(node) {
            switch word(child) {
            case "unit":
                understand(child)
                for unit in children(child) { units.append(unit) }
            case "disable":
                disabled = true
                understand(child)
            case "description":
                description = tree.firstChild(child).map(text)
                understandSubtree(child)
            default:
                if Self.physicalKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
        if Self.managementPorts.contains(physical) {
            interfaceHints[String(physical)] = Sourced(.mgmt, source(node))
        }
        if units.isEmpty {
            addInterface(Interface(name: String(physical), role: Sourced(.unknown, source(node)), shutdown: disabled,
                                   description: description, origin: source(node)))
            return
        }
        for unit in units {
            readUnit(unit, physical: physical, physicalDisabled: disabled, physicalDescription: description)
        }
    }

    private mutating func readUnit(_ unit: Int32, physical: Substring, physicalDisabled: Bool, physicalDescription: String?) {
        understand(unit)
        let name = "\(physical).\(word(unit))"
        var interface = Interface(name: name, role: Sourced(.unknown, source(unit)), shutdown: physicalDisabled,
                                  description: physicalDescription, origin: source(unit))
        if Self.managementPorts.contains(physical) {
            interfaceHints[name] = Sourced(.mgmt, source(unit))
        } else if physical == "pp0" {
            interfaceHints[name] = Sourced(.wan, .derived([span(unit)]))
        }
        for child in children(unit) {
            switch word(child) {
            case "family":
                understand(child)
                for family in children(child) {
                    switch word(family) {
                    case "inet": readFamily(family, version: 4, into: &interface)
                    case "inet6": readFamily(family, version: 6, into: &interface)
                    default: understandSubtree(family)
                    }
                }
            case "description":
                interface.description = tree.firstChild(child).map(text)
                understandSubtree(child)
            case "disable":
                interface.shutdown = true
                understand(child)
            case "pppoe-options":
                understandSubtree(child)
                if !Self.managementPorts.contains(physical) {
                    interfaceHints[name] = Sourced(.wan, .derived([span(child)]))
                }
            default:
                if Self.unitKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
        addInterface(interface)
    }

    private mutating func readFamily(_ family: Int32, version: Int, into interface: inout Interface) {
        understand(family)
        if version == 6 {
            interface.ipv6Enabled = Sourced(true, source(family))
        }
        for child in children(family) {
            switch word(child) {
            case "address":
                understand(child)
                for address in children(child) {
                    understandSubtree(address)
                    if let prefix = IPPrefix(word(address)) {
                        interface.addresses.append(prefix)
                    } else {
                        badValue("'\(word(address))' is not an address with a prefix length", at: address)
                    }
                }
            case "dhcp", "dhcp-client", "dhcpv6-client":
                understandSubtree(child)
                if interfaceHints[interface.name] == nil {
                    interfaceHints[interface.name] = Sourced(.wan, .derived([span(child)]))
                }
            case "negotiate-address":
                understand(child)
                if interfaceHints[interface.name] == nil {
                    interfaceHints[interface.name] = Sourced(.wan, .derived([span(child)]))
                }
            case "filter":
                understand(child)
                readInterfaceFilters(child, version: version, into: &interface)
            default:
                if Self.familyKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
    }

    /// `filter { input F; output F; input-list [ A B ]; output-list [ ... ]; }`. A list's filters
    /// are evaluated in turn; the model keeps the first as the interface's filter and records
    /// every one as used.
    private mutating func readInterfaceFilters(_ node: Int32, version: Int, into interface: inout Interface) {
        for child in children(node) {
            let keyword = word(child)
            guard ["input", "output", "input-list", "output-list"].contains(keyword) else {
                if keyword == "group" || keyword == "apply-groups" { understandSubtree(child) }
                continue
            }
            understand(child)
            let inbound = keyword.hasPrefix("input")
            var first = true
            for value in children(child) {
                understand(value)
                let listName = filterListName(String(word(value)), family: version)
                let use: FilterUse = inbound ? .interfaceInbound(interface.name) : .interfaceOutbound(interface.name)
                if device.filterUses[listName]?.contains(use) != true {
                    device.filterUses[listName, default: []].append(use)
                }
                device.references.append(ObjectReference(
                    kind: .filter, name: listName,
                    context: "family \(version == 6 ? "inet6" : "inet") filter \(keyword) on \(interface.name)",
                    filtersTraffic: true, origin: source(value)))
                guard first else { continue }
                first = false
                let sourced = Sourced(listName, source(value))
                if version == 6 {
                    if inbound { interface.ipv6InboundFilter = sourced }
                } else if inbound {
                    interface.inboundFilter = sourced
                } else {
                    interface.outboundFilter = sourced
                }
            }
        }
    }

    /// The model name of a filter: the Junos name, with ` (inet6)` added when an IPv4 filter of
    /// the same name exists.
    func filterListName(_ name: String, family: Int) -> String {
        filterNames[JunosFilterKey(family: family, name: name)] ?? name
    }

    mutating func addInterface(_ interface: Interface) {
        if let existing = interfaceIndex[interface.name] {
            device.interfaces[existing] = interface
        } else {
            interfaceIndex[interface.name] = device.interfaces.count
            device.interfaces.append(interface)
        }
    }

    /// `routing-options static route 0.0.0.0/0 next-hop X`: the interface X is on (or named) is
    /// an uplink, unless something else already told its role.
    mutating func readDefaultRoute() {
        guard let options = tree.child(Self.root, "routing-options") else { return }
        var statics: [Int32] = []
        if let node = tree.child(options, "static") { statics.append(node) }
        if let rib = tree.child(options, "rib"), let main = tree.child(rib, "inet.0"), let node = tree.child(main, "static") {
            statics.append(node)
        }
        for node in statics {
            guard let route = tree.child(node, "route"), let defaultRoute = tree.child(route, "0.0.0.0/0") else { continue }
            for keyword in ["next-hop", "qualified-next-hop"] {
                guard let hops = tree.child(defaultRoute, keyword) else { continue }
                for hop in children(hops) {
                    let target = word(hop)
                    if let address = IPAddress(target) {
                        guard let interface = device.interfaces.first(where: { $0.addresses.contains { $0.contains(address) } })
                        else { continue }
                        if interfaceHints[interface.name] == nil {
                            interfaceHints[interface.name] = Sourced(.wan, .derived([span(hop), interface.origin.spans.first ?? span(hop)]))
                        }
                    } else if interfaceIndex[String(target)] != nil, interfaceHints[String(target)] == nil {
                        interfaceHints[String(target)] = Sourced(.wan, .derived([span(hop)]))
                    }
                }
            }
        }
    }

    /// Settles each interface's role: a management port, else its zone's role, else an uplink
    /// hint, else unknown.
    mutating func applyInterfaceRoles() {
        for index in device.interfaces.indices {
            let name = device.interfaces[index].name
            if let zone = zoneOfInterface[name] {
                device.interfaces[index].zone = zone
            }
            if let hint = interfaceHints[name], hint.value == .mgmt {
                device.interfaces[index].role = hint
            } else if let zoneName = zoneOfInterface[name], let zone = device.zone(named: zoneName), zone.role.value != .unknown {
                device.interfaces[index].role = Sourced(zone.role.value, .derived(zone.role.origin.spans + memberSpans(name)))
            } else if let hint = interfaceHints[name] {
                device.interfaces[index].role = hint
            } else {
                device.interfaces[index].role = Sourced(.unknown, JunosConversion.vendorDefault(
                    "no zone, DHCP or PPPoE client, or default route tells the role of \(name)"))
            }
        }
    }
}
