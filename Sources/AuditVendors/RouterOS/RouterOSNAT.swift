import AuditCore

/// `/ip firewall nat` rules of chain `dstnat` with action `dst-nat` or `netmap` as port forwards
/// (RouterOS manual, "NAT"): `in-interface`/`in-interface-list` is where the forward listens (no
/// interface: every interface, read as the WAN), `dst-port` the published ports, `to-addresses` and
/// `to-ports` (default: the same ports) the inside host, `src-address`/`src-address-list` who may
/// use it. `redirect` sends traffic to the router itself and `srcnat` rewrites sources: neither is
/// a port forward (masquerade marks the WAN, see the interface pass).
extension RouterOSConversion {
    mutating func convertPortForwards() {
        for statement in items("ip firewall nat") where statement.command == "add" {
            guard statement.value("chain") == "dstnat" else { continue }
            let action = statement.value("action") ?? "accept"
            guard action == "dst-nat" || action == "netmap" else { continue }
            if let forward = portForward(statement) { config.portForwards.append(forward) }
        }
    }

    private mutating func portForward(_ statement: RouterOSStatement) -> PortForward? {
        guard let target = statement.value("to-addresses"), !target.isEmpty else {
            diagnose(.info, "not-a-forward", "dst-nat without to-addresses only changes the port on the router", at: statement.span)
            return nil
        }
        var internalAddress: IPAddress?
        switch RouterOSValues.address(target) {
        case .prefix(let prefix): internalAddress = prefix.address
        case .range(let low, _, _): internalAddress = low
        case .other:
            if let property = statement.property("to-addresses") {
                badValue("'\(target)' is not an address for to-addresses", property, in: statement)
            }
        }
        var protocols = ProtocolMatch.any
        if let text = statement.value("protocol") {
            let (negated, name) = RouterOSValues.negation(text)
            if !negated, let proto = RouterOSValues.ipProtocol(name) { protocols = .only([proto]) }
        }
        var externalPorts = PortMatch.any
        if let text = statement.value("dst-port") {
            let (negated, ports) = RouterOSValues.negation(text)
            if !negated, let ranges = RouterOSValues.ports(ports) {
                externalPorts = .ranges(ranges)
            } else if let property = statement.property("dst-port"), !negated {
                badValue("'\(text)' is not a port list", property, in: statement)
            }
        }
        var internalPorts = externalPorts
        if let text = statement.value("to-ports") {
            if let ranges = RouterOSValues.ports(text) {
                internalPorts = .ranges(ranges)
            } else if let property = statement.property("to-ports") {
                badValue("'\(text)' is not a port list for to-ports", property, in: statement)
            }
        }
        var externalInterface: String?
        var externalRole: ZoneRole?
        if let name = statement.value("in-interface") {
            externalInterface = name
            externalRole = role(forInterfaceMatch: name)
        } else if let list = statement.value("in-interface-list") {
            externalInterface = list
            externalRole = role(forListMatch: list)
        }
        var allowed = AddressMatch.any
        if let text = statement.value("src-address"), !text.hasPrefix("!") {
            switch RouterOSValues.address(text) {
            case .prefix(let prefix): allowed = .prefix(prefix)
            case .range(_, _, let covering): allowed = .prefix(covering)
            case .other: allowed = .object(text)
            }
        } else if let name = statement.value("src-address-list"), !name.hasPrefix("!") {
            allowed = .object(name)
            if let list = addressLists[name], list.entries.count == 1, case .prefix(let prefix) = list.entries[0] {
                allowed = .prefix(prefix)
            }
        }
        // No interface, sources only from private space: a hairpin rule for LAN clients, not a
        // door from the Internet.
        if externalInterface == nil, case .prefix(let prefix) = allowed, !prefix.isAny, prefix.isPrivate {
            externalRole = .lan
        }
        return PortForward(
            label: statement.value("comment"), externalInterface: externalInterface, externalRole: externalRole,
            protocols: protocols, externalPorts: externalPorts, internalAddress: internalAddress,
            internalPorts: internalPorts, allowedSources: allowed, enabled: !Self.isDisabled(statement),
            origin: statement.origin)
    }

    /// The role of the interfaces an `in-interface` match selects (`!bridge` is every other one).
    func role(forInterfaceMatch text: String) -> ZoneRole? {
        let (negated, name) = RouterOSValues.negation(text)
        let roles = Dictionary(config.interfaces.map { ($0.name, $0.role.value) }, uniquingKeysWith: { a, _ in a })
        if negated {
            return config.interfaces.contains { $0.name != name && $0.role.value == .wan } ? .wan : nil
        }
        return roles[name].flatMap { $0 == .unknown ? nil : $0 } ?? RouterOSValues.role(forName: name)
    }

    func role(forListMatch text: String) -> ZoneRole? {
        let (negated, name) = RouterOSValues.negation(text)
        let members = Set(members(ofList: name))
        if negated {
            return config.interfaces.contains { !members.contains($0.name) && $0.role.value == .wan } ? .wan : nil
        }
        if let role = RouterOSValues.role(forName: name) { return role }
        return config.interfaces.contains { members.contains($0.name) && $0.role.value == .wan } ? .wan : nil
    }
}
