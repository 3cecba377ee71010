import AuditCore

/// One interface as the configuration writes it.
struct VyattaInterface {
    /// A firewall rule-set attached to the interface: `firewall in|out|local name|ipv6-name X`.
    struct Attachment {
        var direction: Substring
        var family: Int
        var name: String
        /// The value node naming the rule-set.
        var node: Int32
    }

    var name: String
    /// `ethernet`, `pppoe`, `vif`, `switch`, `openvpn` ...
    var kind: String
    var node: Int32
    var addresses: [(prefix: IPPrefix, node: Int32)] = []
    /// The `dhcp` value of `address dhcp`.
    var dhcp: Int32?
    /// The first node that turns IPv6 on (an IPv6 address, `dhcpv6`, `autoconf`, `dhcpv6-pd`).
    var ipv6: Int32?
    /// `dhcpv6-pd`: the interface asks an upstream router for a prefix.
    var prefixDelegation: Int32?
    var description: (text: String, node: Int32)?
    var disabled = false
    /// A switch port or bridge member: layer 2 only, no zone of its own.
    var isMember = false
    var attachments: [Attachment] = []
    var role = Sourced(ZoneRole.unknown, Provenance.vendorDefault(profile: "", statement: ""))
}

extension VyattaConversion {
    /// Interface types that are tunnels or overlays: a masquerade out of them does not make them WAN.
    static let tunnelKinds: Set<String> = ["openvpn", "wireguard", "tunnel", "vti", "l2tpv3", "vxlan", "geneve", "dummy",
                                           "loopback", "input", "virtual-ethernet", "sstpc"]

    /// Every interface under `interfaces`, with its sub-interfaces (`vif` as `eth0.10`, `vif-s`/`vif-c`
    /// as `eth0.200.201`) and PPPoE sessions (`pppoe 0` under an ethernet or vif as `pppoe0`).
    mutating func convertInterfaces() {
        guard let root = top("interfaces") else { return }
        for kind in ["switch", "bridge"] {
            guard let holder = tree.child(root, kind) else { continue }
            for device in tree.children(holder) {
                for key in ["switch-port", "member"] {
                    if let ports = tree.path(device, key, "interface") {
                        for port in tree.children(ports) { memberPorts.insert(String(tree.word(port))) }
                    }
                }
            }
        }
        for typeNode in tree.children(root) {
            let kind = String(tree.word(typeNode))
            if kind == "loopback" { continue }
            for nameNode in tree.children(typeNode) {
                readInterface(String(tree.word(nameNode)), kind: kind, node: nameNode)
            }
        }
    }

    private mutating func readInterface(_ name: String, kind: String, node: Int32) {
        var interface = VyattaInterface(name: name, kind: kind, node: node)
        for value in tree.values(node, "address") {
            let text = tree.word(value)
            if text == "dhcp" {
                interface.dhcp = value
            } else if text == "dhcpv6" {
                interface.ipv6 = interface.ipv6 ?? value
            } else if let prefix = IPPrefix(text) {
                interface.addresses.append((prefix, value))
                if !prefix.address.isV4 { interface.ipv6 = interface.ipv6 ?? value }
            } else {
                diagnose(.warning, "bad-value", "'\(text)' is not an interface address", at: tree.lineSpan(value))
            }
        }
        if let description = tree.value(node, "description") {
            interface.description = (String(tree.word(description)), description)
        }
        interface.disabled = tree.has(node, "disable")
        if let ipv6 = tree.child(node, "ipv6") {
            if let address = tree.child(ipv6, "address") { interface.ipv6 = interface.ipv6 ?? address }
        }
        if let pd = tree.child(node, "dhcpv6-pd") {
            interface.prefixDelegation = pd
            interface.ipv6 = interface.ipv6 ?? pd
        }
        if let firewall = tree.child(node, "firewall") {
            for direction in tree.children(firewall) {
                for (key, family) in [("name", 4), ("ipv6-name", 6)] {
                    for value in tree.values(direction, key) {
                        interface.attachments.append(.init(direction: tree.word(direction), family: family,
                                                           name: String(tree.word(value)), node: value))
                    }
                }
            }
        }
        // Ports of an EdgeOS switch or of a bridge carry no addresses or filters of their own.
        interface.isMember = tree.has(node, "bridge-group") || memberPorts.contains(name)
        interfaceIndex[name] = interfaces.count
        interfaces.append(interface)

        for vif in tree.values(node, "vif") {
            readInterface("\(name).\(tree.word(vif))", kind: "vif", node: vif)
        }
        for outer in tree.values(node, "vif-s") {
            readInterface("\(name).\(tree.word(outer))", kind: "vif", node: outer)
        }
        if let outer = tree.child(node, "vif-c") {
            // Inside a vif-s: `vif-c 201` is `eth0.200.201`.
            for inner in tree.children(outer) {
                readInterface("\(name).\(tree.word(inner))", kind: "vif", node: inner)
            }
        }
        for session in tree.values(node, "pppoe") where kind != "pppoe" {
            readInterface("pppoe\(tree.word(session))", kind: "pppoe", node: session)
        }
    }

    func interface(named name: String) -> VyattaInterface? {
        interfaceIndex[name].map { interfaces[$0] }
    }

    // MARK: - Roles

    /// WAN: a PPPoE session; `address dhcp`; the interface a default route leaves by (named, or
    /// whose subnet holds the next hop); `dhcpv6-pd`; the `wan-interface` of `port-forward`, the
    /// `wan` of UPnP; the outbound interface of a masquerade (not for tunnels); a description
    /// naming it WAN/Internet/uplink/ISP. Guest, DMZ, management: the description says so. LAN: a
    /// private address. The first WAN reason in that order is the evidence.
    mutating func decideRoles() {
        var wan: [String: [Int32]] = [:]
        func note(_ name: String, _ nodes: [Int32]) {
            if wan[name] == nil { wan[name] = nodes }
        }
        for interface in interfaces where interface.kind == "pppoe" { note(interface.name, [interface.node]) }
        for interface in interfaces { if let dhcp = interface.dhcp { note(interface.name, [dhcp]) } }
        for (name, nodes) in defaultRouteInterfaces() { note(name, nodes) }
        for interface in interfaces { if let pd = interface.prefixDelegation { note(interface.name, [pd]) } }
        for (name, node) in declaredWANInterfaces() { note(name, [node]) }
        for interface in interfaces {
            if let description = interface.description, Self.descriptionWords(description.text).contains(where: {
                ["wan", "internet", "uplink", "isp", "upstream"].contains($0)
            }) {
                note(interface.name, [description.node])
            }
        }
        for index in interfaces.indices {
            let interface = interfaces[index]
            if let nodes = wan[interface.name] {
                interfaces[index].role = Sourced(.wan, provenance(nodes))
                continue
            }
            if let description = interface.description {
                let text = description.text.lowercased()
                let role: ZoneRole? = text.contains("guest") ? .guest
                    : Self.descriptionWords(text).contains("dmz") ? .dmz
                    : text.contains("management") || Self.descriptionWords(text).contains("mgmt") ? .mgmt : nil
                if let role {
                    interfaces[index].role = Sourced(role, tree.origin(description.node))
                    continue
                }
            }
            if let address = interface.addresses.first(where: { $0.prefix.isPrivate || Self.isPrivateHost($0.prefix) }) {
                interfaces[index].role = Sourced(.lan, tree.origin(address.node))
                continue
            }
            interfaces[index].role = Sourced(.unknown, vendorDefault(
                "no PPPoE, DHCP client, default route, NAT or private address marks \(interface.name) as WAN or LAN"))
        }
        // The rule-sets attached to an interface are not Cisco-style interface ACLs (`in` does not
        // cover traffic to the router): they live in the zone rules and `filterUses`, and the
        // interface filter fields stay empty so no check reads them twice.
        for interface in interfaces {
            config.interfaces.append(Interface(
                name: interface.name, role: interface.role, zone: interface.disabled || interface.isMember ? nil : interface.name,
                addresses: interface.addresses.map(\.prefix),
                ipv6Enabled: interface.ipv6.map { Sourced(true, tree.origin($0)) },
                shutdown: interface.disabled, description: interface.description?.text, origin: tree.origin(interface.node)))
        }
    }

    /// `IPPrefix.isPrivate` asks for the whole prefix to be private; an interface address
    /// `192.168.1.1/24` is a host in a private network.
    static func isPrivateHost(_ prefix: IPPrefix) -> Bool {
        IPPrefix(prefix.address, length: prefix.address.isV4 ? 32 : 128).isPrivate
    }

    static func descriptionWords(_ text: String) -> [String] {
        text.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Interfaces a default route (0.0.0.0/0, ::/0) of the main table leaves by, with the lines
    /// that say so: `route 0.0.0.0/0 next-hop X` (the interface whose subnet holds X),
    /// `interface-route 0.0.0.0/0 next-hop-interface IF`, `route 0.0.0.0/0 interface IF` (1.4),
    /// `system gateway-address X`.
    private func defaultRouteInterfaces() -> [(String, [Int32])] {
        var result: [(String, [Int32])] = []
        var hops: [Int32] = []
        if let statics = top("protocols").flatMap({ tree.child($0, "static") }) {
            for (routes, prefix) in [("route", "0.0.0.0/0"), ("route6", "::/0")] {
                guard let route = tree.path(statics, routes, prefix) else { continue }
                hops += tree.values(route, "next-hop")
                for named in tree.values(route, "interface") { result.append((String(tree.word(named)), [named])) }
                for hop in tree.values(route, "next-hop") {
                    for named in tree.values(hop, "next-hop-interface") { result.append((String(tree.word(named)), [named])) }
                }
            }
            for (routes, prefix) in [("interface-route", "0.0.0.0/0"), ("interface-route6", "::/0")] {
                guard let route = tree.path(statics, routes, prefix) else { continue }
                for named in tree.values(route, "next-hop-interface") { result.append((String(tree.word(named)), [named])) }
            }
        }
        if let system = top("system") { hops += tree.values(system, "gateway-address") }
        for hop in hops {
            guard let address = IPAddress(tree.word(hop)) else { continue }
            for interface in interfaces {
                if let match = interface.addresses.first(where: { $0.prefix.contains(address) && $0.prefix.length > 0 }) {
                    result.append((interface.name, [hop, match.node]))
                }
            }
        }
        return result
    }

    /// Interfaces other parts of the configuration call WAN: `port-forward wan-interface`, UPnP
    /// `wan`/`wan-interface`/`outbound-interface`, and the outbound interface of a masquerade.
    private func declaredWANInterfaces() -> [(String, Int32)] {
        var result: [(String, Int32)] = []
        if let forward = top("port-forward"), let value = tree.value(forward, "wan-interface") {
            result.append((String(tree.word(value)), value))
        }
        if let service = top("service") {
            if let upnp2 = tree.child(service, "upnp2") {
                for value in tree.values(upnp2, "wan") { result.append((String(tree.word(value)), value)) }
            }
            if let upnp = tree.child(service, "upnp") {
                for value in tree.values(upnp, "wan-interface") { result.append((String(tree.word(value)), value)) }
                for listen in tree.values(upnp, "listen-on") {
                    for value in tree.values(listen, "outbound-interface") { result.append((String(tree.word(value)), value)) }
                }
            }
            if let rules = tree.path(service, "nat", "rule") {
                for rule in tree.children(rules) where tree.text(rule, "type") == "masquerade" {
                    if let value = tree.value(rule, "outbound-interface") { result.append((String(tree.word(value)), value)) }
                }
            }
        }
        if let rules = top("nat").flatMap({ tree.path($0, "source", "rule") }) {
            for rule in tree.children(rules) where tree.path(rule, "translation", "address", "masquerade") != nil {
                guard let outbound = tree.child(rule, "outbound-interface") else { continue }
                // 1.3: `outbound-interface eth0`; 1.4: `outbound-interface name eth0`.
                let value = tree.value(outbound, "name") ?? firstChild(outbound)
                if let value, tree.word(value) != "any" { result.append((String(tree.word(value)), value)) }
            }
        }
        return result.filter { name, _ in
            guard let interface = interface(named: name) else { return true }
            return !Self.tunnelKinds.contains(interface.kind)
        }
    }
}
