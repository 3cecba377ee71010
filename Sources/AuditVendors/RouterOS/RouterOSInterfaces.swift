import AuditCore

/// An interface as the export tells it, gathered from every menu that defines or names it.
struct RouterOSInterface {
    var name: String
    /// `ether1` for a renamed port (`set [ find default-name=ether1 ] name=WAN`).
    var defaultName: String?
    /// The menu that defines it (`ethernet`, `bridge`, `pppoe-client`), when one does.
    var kind: String?
    /// The defining line, else the first line that names it.
    var origin: Provenance
    var disabled: Sourced<Bool>?
    var addresses: [IPPrefix] = []
    var ipv6: Sourced<Bool>?
    var comment: String?
    var hints: [RoleHint] = []

    /// Why an interface plays a role; the strongest kind of hint decides.
    struct RoleHint {
        var role: ZoneRole
        /// 5 interface-list membership, 4 the interface's name, 3 an uplink (PPPoE/LTE client,
        /// DHCP client, default route), 2 a DHCP server, 1 masquerade out of it.
        var rank: Int
        var span: SourceSpan
    }
}

/// `/interface list` with its members (`/interface list member`, `include=`, `exclude=`).
struct RouterOSInterfaceList {
    var name: String
    var origin: Provenance?
    var members: [String] = []
    var memberLines: [String: SourceSpan] = [:]
    var include: [String] = []
    var exclude: [String] = []
}

/// Interfaces, interface lists and the role of each interface, and one zone per interface that has
/// a role, belongs to a list or is named by a filter rule. RouterOS has no zones; its firewall matches interfaces and
/// interface lists, so each such interface is a zone of its own and a rule that names a list
/// applies to the zones of the list's members.
///
/// Roles: membership of a list named for a role (the default configuration puts `ether1` in `WAN`
/// and `bridge` in `LAN`), else the interface's own name (`WAN`, `LAN1`, `ether1-gateway`), else an
/// uplink (a PPPoE or LTE client, a DHCP client that adds a default route, the interface a default
/// route leaves by), else a DHCP server on it (LAN), else masquerade out of it (WAN).
extension RouterOSConversion {
    static let builtinLists: Set<String> = ["all", "none", "dynamic", "static"]
    /// Interface menus whose `add`/`set` lines define interfaces.
    static let interfaceKinds: Set<String> = [
        "ethernet", "bridge", "vlan", "bonding", "pppoe-client", "pptp-client", "l2tp-client", "sstp-client",
        "ovpn-client", "lte", "wireguard", "eoip", "eoipv6", "gre", "gre6", "ipip", "ipipv6", "6to4", "vrrp",
        "veth", "vxlan", "macvlan", "vpls", "wireless", "wifi", "wifiwave2", "l2tp-ether", "mesh", "ppp-client",
        "w60g", "60g", "amt", "virtual-ethernet", "macsec",
    ]
    static let uplinkKinds: Set<String> = ["pppoe-client", "lte", "ppp-client"]
    /// `interface bridge` → `bridge`.
    static let interfacePaths = Dictionary(uniqueKeysWithValues: interfaceKinds.map { ("interface \($0)", $0) })

    mutating func convertInterfaces() {
        defineInterfaces()
        for statement in items("ip address") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let name = statement.value("interface"), let text = statement.value("address") else { continue }
            touch(name, at: statement.span)
            if let prefix = IPPrefix(text) {
                interfaces[name]?.addresses.append(prefix)
            } else if let property = statement.property("address") {
                badValue("'\(text)' is not an address", property, in: statement)
            }
        }
        for statement in items("ipv6 address") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let name = statement.value("interface") else { continue }
            touch(name, at: statement.span)
            interfaces[name]?.ipv6 = Sourced(true, statement.origin)
        }
        readInterfaceLists()
        resolveLists()
        noteRuleInterfaces()
        collectRoleHints()
        publishInterfaces()
    }

    /// Interfaces that filter rules name directly become zones too, so the rules that name them
    /// can be compared (a rule for an interface that is no zone matches nothing the analysis knows).
    private mutating func noteRuleInterfaces() {
        for path in ["ip firewall filter", "ipv6 firewall filter"] {
            for statement in items(path) where statement.command == "add" {
                for key in ["in-interface", "out-interface"] {
                    guard let value = statement.value(key) else { continue }
                    let name = RouterOSValues.negation(value).value
                    guard !name.isEmpty, !name.hasPrefix("all-") else { continue }
                    touch(name, at: statement.span)
                    ruleInterfaces.insert(name)
                }
            }
        }
    }

    /// Registers an interface named somewhere without a defining line.
    mutating func touch(_ name: String, at span: SourceSpan) {
        guard !name.isEmpty, interfaces[name] == nil else { return }
        interfaces[name] = RouterOSInterface(name: name, origin: .source(span))
        interfaceOrder.append(name)
    }

    private mutating func defineInterfaces() {
        // Every `/interface <kind>` menu, in file order.
        for statement in statements where !statement.isPathLine {
            guard let kind = Self.interfacePaths[statement.path] else { continue }
            switch statement.command {
            case "add":
                guard let name = statement.value("name") else { continue }
                define(name, kind: kind, statement: statement)
            case "set":
                // `set [ find default-name=ether1 ] name=WAN`, `set ether1 disabled=yes`, `set [ find ] ...`.
                let defaultName = statement.selector?.value("default-name")
                let current = statement.selector?.value("name") ?? statement.itemName
                guard let old = defaultName.map({ renamedFrom($0) ?? $0 }) ?? current, !old.hasPrefix("[") else { continue }
                let name = statement.value("name") ?? old
                if name != old, let existing = interfaces[old] {
                    interfaces[old] = nil
                    interfaceOrder.removeAll { $0 == old }
                    var moved = existing
                    moved.name = name
                    interfaces[name] = moved
                    interfaceOrder.append(name)
                }
                define(name, kind: kind, statement: statement)
                if let defaultName { interfaces[name]?.defaultName = defaultName }
            default:
                continue
            }
        }
    }

    /// The current name of a port by its default name, after a rename.
    private func renamedFrom(_ defaultName: String) -> String? {
        interfaces.values.first { $0.defaultName == defaultName }?.name
    }

    private mutating func define(_ name: String, kind: String, statement: RouterOSStatement) {
        if interfaces[name] == nil {
            interfaces[name] = RouterOSInterface(name: name, origin: statement.origin)
            interfaceOrder.append(name)
        }
        // The first defining line is the interface's origin (a line that only named it is replaced).
        if interfaces[name]?.kind == nil { interfaces[name]?.origin = statement.origin }
        interfaces[name]?.kind = kind
        if let property = statement.property("disabled"), let value = RouterOSValues.bool(property.value) {
            interfaces[name]?.disabled = Sourced(value, statement.origin(of: property))
        }
        if let comment = statement.value("comment") { interfaces[name]?.comment = comment }
    }

    private mutating func readInterfaceLists() {
        for statement in items("interface list") where statement.command == "add" {
            guard let name = statement.value("name") else { continue }
            var list = lists[name] ?? RouterOSInterfaceList(name: name)
            list.origin = statement.origin
            list.include = statement.value("include").map(RouterOSValues.list) ?? []
            list.exclude = statement.value("exclude").map(RouterOSValues.list) ?? []
            if lists[name] == nil { listOrder.append(name) }
            lists[name] = list
        }
        for statement in items("interface list member") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let interface = statement.value("interface"), let name = statement.value("list") else { continue }
            if lists[name] == nil {
                lists[name] = RouterOSInterfaceList(name: name)
                listOrder.append(name)
                if !Self.builtinLists.contains(name) {
                    diagnose(.info, "undefined-list", "interface list '\(name)' has members but no 'add name=\(name)' line",
                             at: statement.span)
                }
            }
            touch(interface, at: statement.span)
            if lists[name]?.members.contains(interface) == false {
                lists[name]?.members.append(interface)
                lists[name]?.memberLines[interface] = statement.span
            }
        }
    }

    /// Members of a list with its `include=` lists added and `exclude=` lists taken away.
    func members(ofList name: String) -> [String] {
        resolvedMembers[name] ?? []
    }

    /// Every list's members, worked out once after the lists are read.
    private mutating func resolveLists() {
        for name in listOrder { resolvedMembers[name] = members(ofList: name, depth: 0) }
    }

    private func members(ofList name: String, depth: Int) -> [String] {
        guard let list = lists[name], depth < 8 else { return [] }
        var result = list.members
        for included in list.include {
            for member in members(ofList: included, depth: depth + 1) where !result.contains(member) { result.append(member) }
        }
        let excluded = Set(list.exclude.flatMap { members(ofList: $0, depth: depth + 1) })
        return result.filter { !excluded.contains($0) }
    }

    /// The role a list's name tells (`WAN`, `LAN`), with its line.
    func role(ofList name: String) -> Sourced<ZoneRole>? {
        guard let role = RouterOSValues.role(forName: name) else { return nil }
        return Sourced(role, lists[name]?.origin ?? Self.vendorDefault("interface list '\(name)' is named for its role"))
    }

    private mutating func hint(_ name: String, _ role: ZoneRole, rank: Int, _ span: SourceSpan) {
        touch(name, at: span)
        interfaces[name]?.hints.append(.init(role: role, rank: rank, span: span))
    }

    private mutating func collectRoleHints() {
        for name in listOrder {
            guard let role = RouterOSValues.role(forName: name) else { continue }
            for member in members(ofList: name) {
                let span = lists[name]?.memberLines[member] ?? lists[name]?.origin?.spans.first
                if let span { hint(member, role, rank: 5, span) }
            }
        }
        for name in interfaceOrder {
            guard let interface = interfaces[name], let role = RouterOSValues.role(forName: name) else { continue }
            if let span = interface.origin.spans.first { hint(name, role, rank: 4, span) }
        }
        for name in interfaceOrder {
            guard let interface = interfaces[name], let kind = interface.kind, Self.uplinkKinds.contains(kind),
                  let span = interface.origin.spans.first else { continue }
            hint(name, .wan, rank: 3, span)
        }
        for statement in items("ip dhcp-client") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let name = statement.value("interface") else { continue }
            if statement.value("add-default-route").flatMap(RouterOSValues.bool) == false { continue }
            hint(name, .wan, rank: 3, statement.span)
        }
        for statement in items("ipv6 dhcp-client") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let name = statement.value("interface"), statement.value("add-default-route").flatMap(RouterOSValues.bool) == true
            else { continue }
            hint(name, .wan, rank: 3, statement.span)
        }
        for statement in items("ip route") where statement.command == "add" && !Self.isDisabled(statement) {
            let destination = statement.value("dst-address") ?? "0.0.0.0/0"
            guard destination == "0.0.0.0/0", let gateways = statement.value("gateway") else { continue }
            for gateway in RouterOSValues.list(gateways) {
                if let name = uplink(ofGateway: gateway) { hint(name, .wan, rank: 3, statement.span) }
            }
        }
        for statement in items("ip dhcp-server") where statement.command == "add" && !Self.isDisabled(statement) {
            guard let name = statement.value("interface") else { continue }
            hint(name, .lan, rank: 2, statement.span)
        }
        for statement in items("ip firewall nat") where statement.command == "add" && !Self.isDisabled(statement) {
            guard statement.value("chain") == "srcnat", let action = statement.value("action"),
                  action == "masquerade" || action == "src-nat" || action == "same" else { continue }
            if let name = statement.value("out-interface"), !name.hasPrefix("!") {
                hint(name, .wan, rank: 1, statement.span)
            }
            if let list = statement.value("out-interface-list"), !list.hasPrefix("!"), !Self.builtinLists.contains(list),
               RouterOSValues.role(forName: list) == nil {
                for member in members(ofList: list) { hint(member, .wan, rank: 1, statement.span) }
            }
        }
    }

    /// The interface a default route leaves by: a gateway that names an interface
    /// (`gateway=pppoe-out1`, `10.0.0.1%ether1`), or an address in an interface's subnet.
    private func uplink(ofGateway gateway: String) -> String? {
        if let percent = gateway.firstIndex(of: "%") { return String(gateway[gateway.index(after: percent)...]) }
        if let address = IPAddress(gateway) {
            return interfaceOrder.first { name in
                interfaces[name]?.addresses.contains { $0.length > 0 && $0.contains(address) } ?? false
            }
        }
        return gateway.isEmpty ? nil : gateway
    }

    /// The role an interface plays, with the lines that decide it.
    func role(of interface: RouterOSInterface) -> Sourced<ZoneRole> {
        guard let best = interface.hints.map(\.rank).max() else {
            return Sourced(.unknown, Self.vendorDefault(
                "no interface list, name, uplink, DHCP server or masquerade line tells the role of \(interface.name)"))
        }
        let top = interface.hints.filter { $0.rank == best }
        // At the same strength an uplink hint wins over a LAN hint.
        let role = top.contains { $0.role == .wan } ? ZoneRole.wan : top[0].role
        let spans = Array(Set(top.filter { $0.role == role }.map(\.span))).sorted()
        return Sourced(role, spans.count == 1 ? .source(spans[0]) : .derived(spans))
    }

    private mutating func publishInterfaces() {
        let listed = Set(lists.values.flatMap(\.members))
        for name in interfaceOrder {
            guard let interface = interfaces[name] else { continue }
            let role = role(of: interface)
            let isZone = role.value != .unknown || listed.contains(name) || ruleInterfaces.contains(name)
            config.interfaces.append(Interface(
                name: name, role: role, zone: isZone ? name : nil, addresses: interface.addresses,
                ipv6Enabled: interface.ipv6, shutdown: interface.disabled?.value ?? false,
                description: interface.comment, origin: interface.origin))
            if isZone {
                zoneNames.append(name)
                let accept = Sourced(FilterAction.permit, Self.vendorDefault(
                    "RouterOS filter chains have no policy: a packet no rule drops is accepted"))
                config.zones.append(Zone(
                    name: name, role: role, members: [name], input: accept, output: accept, forward: accept,
                    origin: role.origin.isVendorDefault ? interface.origin : role.origin))
            }
        }
    }

    /// Names of the zones (interfaces) a rule's interface match selects; nil for any interface.
    /// `negated` selects every zone but those; an empty result keeps the written name so the rule
    /// stays visible without claiming a zone.
    func zones(forInterface name: String) -> [String] {
        let (negated, value) = RouterOSValues.negation(name)
        if negated {
            let others = zoneNames.filter { $0 != value }
            return others.isEmpty ? [name] : others
        }
        return [value]
    }

    func zones(forList name: String) -> [String]? {
        let (negated, value) = RouterOSValues.negation(name)
        if value == "all" { return negated ? [] : nil }
        if value == "none" { return negated ? nil : [] }
        let members = Set(members(ofList: value))
        if negated {
            let others = zoneNames.filter { !members.contains($0) }
            return others.isEmpty ? [name] : others
        }
        let selected = zoneNames.filter { members.contains($0) }
        return selected.isEmpty ? [value] : selected
    }
}
