import AuditCore

/// A static NAT read from its line; the external side is resolved once all interfaces are known.
struct CiscoPendingForward {
    var protocols: ProtocolMatch
    var internalAddress: IPAddress
    var internalPorts: PortMatch
    var externalAddress: IPAddress?
    var externalInterface: String?
    var externalPorts: PortMatch
    var span: SourceSpan
}

/// Static NAT: port forwards (`ip nat inside source static tcp ...`) and one-to-one mappings.
extension CiscoIOSConverter {
    /// `ip nat inside source static [tcp|udp] LOCAL LPORT (GLOBAL | interface IF) GPORT [options]`,
    /// `ip nat inside source static LOCAL (GLOBAL | interface IF) [options]`,
    /// `ip nat inside source static network LOCAL GLOBAL (MASK | /LEN) [options]`.
    mutating func staticNAT(_ index: Int) {
        let words = command(index).words
        var position = 5
        var protocols = ProtocolMatch.any
        var withPorts = false
        switch words[safe: position] {
        case "tcp":
            protocols = .only([.tcp])
            withPorts = true
            position += 1
        case "udp":
            protocols = .only([.udp])
            withPorts = true
            position += 1
        case "network", "esp":
            position += 1
        default:
            break
        }
        guard let local = words[safe: position].flatMap({ IPAddress($0) }) else {
            return badValue("static NAT: '\(words[safe: position] ?? "")' is not an inside address", at: index)
        }
        position += 1
        var internalPorts = PortMatch.any
        if withPorts {
            guard let port = words[safe: position].flatMap(CiscoNames.port) else {
                return badValue("static NAT: '\(words[safe: position] ?? "")' is not an inside port", at: index)
            }
            internalPorts = .single(port)
            position += 1
        }
        var forward = CiscoPendingForward(protocols: protocols, internalAddress: local, internalPorts: internalPorts,
                                          externalAddress: nil, externalInterface: nil, externalPorts: .any, span: span(index))
        if words[safe: position] == "interface" {
            guard let name = words[safe: position + 1] else {
                return badValue("static NAT: 'interface' without a name", at: index)
            }
            forward.externalInterface = String(name)
            referenceInterface(String(name), context: "ip nat inside source static", at: index)
            position += 2
        } else {
            guard let global = words[safe: position].flatMap({ IPAddress($0) }) else {
                return badValue("static NAT: '\(words[safe: position] ?? "")' is not an outside address", at: index)
            }
            forward.externalAddress = global
            position += 1
        }
        if withPorts {
            guard let port = words[safe: position].flatMap(CiscoNames.port) else {
                return badValue("static NAT: '\(words[safe: position] ?? "")' is not an outside port", at: index)
            }
            forward.externalPorts = .single(port)
        }
        pendingForwards.append(forward)
    }

    /// The interface a forward listens on: the one named, else the one holding the outside
    /// address, else the only `ip nat outside` interface.
    mutating func resolveForwards() {
        for pending in pendingForwards {
            var interfaceName = pending.externalInterface
            if interfaceName == nil, let address = pending.externalAddress {
                interfaceName = device.interfaces.first { $0.addresses.contains { $0.contains(address) } }?.name
            }
            if interfaceName == nil, natOutsideInterfaces.count == 1 { interfaceName = natOutsideInterfaces[0] }
            var role: ZoneRole?
            if let interfaceName, let position = interfaceIndex[interfaceName] {
                role = device.interfaces[position].role.value
            } else if interfaceName == nil, !natOutsideInterfaces.isEmpty {
                // The inside-global address is reached through an outside interface.
                role = .wan
            }
            device.portForwards.append(PortForward(
                externalInterface: interfaceName, externalRole: role, protocols: pending.protocols,
                externalPorts: pending.externalPorts, internalAddress: pending.internalAddress,
                internalPorts: pending.internalPorts, origin: .source(pending.span),
                externalAddress: pending.externalAddress))
        }
    }
}
