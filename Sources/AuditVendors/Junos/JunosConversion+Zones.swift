import AuditCore

/// `security zones`: zones with their interfaces and roles, and `host-inbound-traffic` as rules
/// of the `.input` chain (what each zone may send to the device itself).
///
/// Defaults (Junos OS Security Policies User Guide for Security Devices, "Supported System
/// Services for Host Inbound Traffic" and "Security Zones Overview"): a zone admits no traffic to
/// the device unless `host-inbound-traffic` lists system services or protocols; settings on an
/// interface of the zone replace the zone's. Traffic the device originates is not restricted by
/// zones. A zone's role comes from its name (`untrust` → WAN, `trust` → LAN), else from an
/// uplink among its interfaces (DHCP or PPPoE client, the default route's interface).
extension JunosConverter {
    static let hostInboundListName = "host-inbound-traffic"

    /// What `system-services all` admits: each system service once, in a fixed order.
    static let allSystemServices: [JunosVocabulary.HostService] = {
        var result: [JunosVocabulary.HostService] = []
        for name in JunosVocabulary.hostInboundServices.keys.sorted() where name != "all" && name != "any-service" {
            for service in JunosVocabulary.hostInboundServices[name] ?? []
                where !result.contains(where: { $0.protocols == service.protocols && $0.ports == service.ports
                                                 && $0.icmpTypes == service.icmpTypes }) {
                result.append(service)
            }
        }
        return result
    }()

    static let zoneKnown: Set<Substring> = [
        "screen", "tcp-rst", "description", "application-tracking", "address-book", "source-identity-log",
        "enable-reverse-reroute", "advance-policy-based-routing-profile", "unidirectional-session-refreshing",
        "apply-groups", "apply-groups-except", "advanced-connection-tracking", "advance-connection-tracking",
    ]

    mutating func readZones() {
        guard let security = tree.child(Self.root, "security"), let zones = tree.child(security, "zones") else { return }
        understand(security)
        understand(zones)
        for child in children(zones) {
            switch word(child) {
            case "security-zone":
                understand(child)
                for zone in children(child) { readZone(zone, functional: false) }
            case "functional-zone":
                understand(child)
                for zone in children(child) { readZone(zone, functional: true) }
            case "apply-groups", "apply-groups-except":
                understandSubtree(child)
            default:
                break
            }
        }
    }

    private mutating func readZone(_ node: Int32, functional: Bool) {
        understand(node)
        let name = text(node)
        var members: [String] = []
        for child in children(node) {
            switch word(child) {
            case "interfaces":
                understand(child)
                for member in children(child) {
                    understand(member)
                    let interface = text(member)
                    members.append(interface)
                    zoneOfInterface[interface] = name
                    zoneMemberNodes[interface] = member
                    for setting in children(member) {
                        if word(setting) == "host-inbound-traffic" {
                            understand(setting)
                            hostInbound.append((zone: name, node: setting, interface: interface))
                        } else if ["apply-groups", "apply-groups-except"].contains(word(setting)) {
                            understandSubtree(setting)
                        }
                    }
                }
            case "host-inbound-traffic":
                understand(child)
                hostInbound.append((zone: name, node: child, interface: nil))
            default:
                if Self.zoneKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
        let role = zoneRole(name: name, node: node, members: members, functional: functional)
        device.zones.append(Zone(
            name: name, role: role, members: members,
            input: Sourced(.deny, JunosConversion.vendorDefault(
                "host-inbound-traffic admits nothing to the device from zone \(name) unless it lists system services or protocols")),
            output: Sourced(.permit, JunosConversion.vendorDefault("traffic the device originates is not restricted by security zones")),
            forward: Sourced(.deny, JunosConversion.vendorDefault(
                "traffic no security policy permits is dropped (security policies default-policy deny-all)")),
            origin: source(node)))
    }

    private func zoneRole(name: String, node: Int32, members: [String], functional: Bool) -> Sourced<ZoneRole> {
        if functional && name == "management" { return Sourced(.mgmt, source(node)) }
        if let role = Self.role(forName: name) { return Sourced(role, source(node)) }
        for member in members {
            guard let hint = interfaceHints[member], hint.value == .wan, let memberNode = zoneMemberNodes[member] else { continue }
            return Sourced(.wan, .derived([span(node), span(memberNode)] + hint.origin.spans))
        }
        return Sourced(.unknown, JunosConversion.vendorDefault(
            "neither the name of zone \(name) nor its interfaces tell its role"))
    }

    /// Where an interface was made a member of its zone.
    func memberSpans(_ interface: String) -> [SourceSpan] {
        zoneMemberNodes[interface].map { [span($0)] } ?? []
    }

    /// `host-inbound-traffic { system-services { ssh; telnet except; } protocols { bgp; } }` as
    /// input rules: exceptions first (they win over `all`), then what is admitted, in order. Zone
    /// settings form one list; each interface with settings of its own gets a list of its own,
    /// since its settings replace the zone's rather than add to them.
    mutating func readHostInbound() {
        guard !device.zones.isEmpty else { return }
        var zoneRules: [FilterRule] = []
        var zoneSpans: [SourceSpan] = []
        var interfaceLists: [(name: String, rules: [FilterRule], span: SourceSpan)] = []
        for entry in hostInbound {
            let rules = hostInboundRules(entry.node, zone: entry.zone, interface: entry.interface)
            if let interface = entry.interface {
                interfaceLists.append((interface, rules, span(entry.node)))
            } else {
                zoneRules += rules
                zoneSpans.append(span(entry.node))
            }
        }
        let dropped = Sourced(FilterAction.deny, JunosConversion.vendorDefault(
            "host-inbound traffic that no zone or interface lists is dropped"))
        device.filters.append(FilterList(
            name: Self.hostInboundListName, kind: .zoneRules, rules: zoneRules, defaultAction: dropped,
            origin: zoneSpans.isEmpty ? JunosConversion.vendorDefault("no zone lists host-inbound-traffic") : .derived(zoneSpans)))
        for list in interfaceLists {
            device.filters.append(FilterList(name: "\(Self.hostInboundListName) \(list.name)", kind: .zoneRules, rules: list.rules,
                                             defaultAction: dropped, origin: .source(list.span)))
        }
    }

    private mutating func hostInboundRules(_ node: Int32, zone: String, interface: String?) -> [FilterRule] {
        var exceptions: [FilterRule] = []
        var admitted: [FilterRule] = []
        for category in children(node) {
            let keyword = word(category)
            guard keyword == "system-services" || keyword == "protocols" else {
                if keyword == "apply-groups" { understandSubtree(category) }
                continue
            }
            understand(category)
            let table = keyword == "system-services" ? JunosVocabulary.hostInboundServices : JunosVocabulary.hostInboundProtocols
            for item in children(category) {
                let name = word(item)
                // An unknown service name stays unrecognised and is reported as such.
                guard var services = table[name] else { continue }
                if keyword == "system-services" && (name == "all" || name == "any-service") {
                    // Every system service, each on its own port: `all` admits the services, not
                    // every port (routing protocols are listed under `protocols`).
                    services = Self.allSystemServices
                }
                understandSubtree(item)
                let except = tree.child(item, "except") != nil
                let place = interface.map { " on \($0)" } ?? ""
                for service in services {
                    var ports = service.ports
                    if let kind = service.service, let port = servicePorts[kind] { ports = .single(port) }
                    let rule = FilterRule(
                        action: except ? .deny : .permit, protocols: service.protocols,
                        destinationPorts: ports, icmpTypes: service.icmpTypes, sourceZone: zone, chain: .input,
                        label: "host-inbound \(keyword == "protocols" ? "protocol " : "")\(name) from zone \(zone)\(place)",
                        origin: source(item))
                    if except { exceptions.append(rule) } else { admitted.append(rule) }
                }
            }
        }
        return exceptions + admitted
    }
}
