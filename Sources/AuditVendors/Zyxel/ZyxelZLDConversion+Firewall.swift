import AuditCore

/// Security policies (`secure-policy N`, `firewall N`, `firewall FROM TO N`) and NAT virtual
/// servers (`ip virtual-server`).
extension ZLDConverter {
    /// A policy block: ` name X`, ` from ZONE`, ` to ZONE` (`ZyWALL`/`Device` is the device
    /// itself), ` sourceip OBJ`, ` destinationip OBJ`, ` service OBJ`, ` action allow|deny|reject`,
    /// `[no] activate`, and settings with no meaning for the model (log, schedule, user, UTM profiles).
    mutating func policy(_ index: Int) {
        understand(index)
        let words = command(index).words
        guard words.count >= 2 else { return }
        // `firewall FROM TO N` (ZLD 2.x) names the direction on the header.
        var facts = ZLDPolicyFacts(label: String(words.last ?? ""), span: blockSpan(index))
        if words.count == 4 {
            facts.from = String(words[1])
            facts.to = String(words[2])
        } else if words.count > 2 {
            // `secure-policy default-rule ...`, `firewall activate`, `firewall move N to M`: global settings.
            understandSubtree(index)
            return
        }
        for child in children(of: index) {
            understandSubtree(child)
            let w = command(child).words
            guard let first = w.first else { continue }
            let value = w.count >= 2 ? String(w[1]) : ""
            switch first {
            case "name": if !value.isEmpty { facts.label = value }
            case "from": facts.from = value
            case "to": facts.to = value
            case "sourceip": facts.sources.append(value)
            case "destinationip": facts.destinations.append(value)
            case "service": facts.services.append(value)
            case "action":
                switch value {
                case "allow", "permit": facts.action = .permit
                case "deny", "drop": facts.action = .deny
                case "reject": facts.action = .reject
                default: badValue("policy action '\(value)' does not read", at: child)
                }
            case "activate": facts.enabled = true
            case "no":
                if value == "activate" { facts.enabled = false }
            default:
                if !ZLDVocabulary.ignoredPolicyCommands.contains(first) { understood[child] = false }
            }
        }
        if facts.action == nil {
            badValue("policy \(facts.label) has no action; ZLD's default for a new policy is allow", at: index)
        }
        policies.append(facts)
    }

    /// Security policies become one ordered rule list; traffic to the device is chain input.
    mutating func resolvePolicies() {
        guard !policies.isEmpty else { return }
        var rules: [FilterRule] = []
        for facts in policies {
            let origin = Provenance.source(facts.span)
            let toDevice = facts.to.map { ZLDVocabulary.deviceZones.contains($0.lowercased()) } ?? false
            let from = facts.from.flatMap { $0.lowercased() == "any" ? "*" : $0 }
            let to: String? = toDevice ? nil : (facts.to.map { $0.lowercased() == "any" ? "*" : $0 } ?? "*")
            var conditions: [String] = []
            let sources = addresses(facts.sources, conditions: &conditions, context: "policy \(facts.label) sourceip", origin: origin)
            let destinations = addresses(facts.destinations, conditions: &conditions,
                                         context: "policy \(facts.label) destinationip", origin: origin)
            var services: [(protocols: ProtocolMatch, ports: PortMatch)] = []
            for name in facts.services.isEmpty ? ["any"] : facts.services {
                if let entries = resolveService(name) { services += entries } else { conditions.append("service \(name)") }
            }
            if services.isEmpty { services = [(.any, .any)] }
            for source in sources {
                for destination in destinations {
                    for service in services {
                        rules.append(FilterRule(
                            action: facts.action ?? .permit, protocols: service.protocols, source: source, destination: destination,
                            destinationPorts: service.ports, sourceZone: from ?? "*", destinationZone: to,
                            chain: toDevice ? .input : .forward, enabled: facts.enabled, label: facts.label, origin: origin,
                            conditions: conditions))
                    }
                }
            }
        }
        device.filters.append(FilterList(
            name: "secure-policy", kind: .zoneRules, rules: rules,
            defaultAction: Sourced(.deny, ZyxelZLDConversion.vendorDefault(
                "traffic no security policy matches follows the zone defaults (WAN-initiated traffic is blocked)")),
            origin: rules.first?.origin ?? .source(policies[0].span)))
    }

    /// Address objects as matches; an object that does not resolve stays `.object(name)` (the
    /// rule is then inexact) and is reported when the file does not define it.
    private mutating func addresses(_ names: [String], conditions: inout [String], context: String, origin: Provenance) -> [AddressMatch] {
        guard !names.isEmpty else { return [.any] }
        var result: [AddressMatch] = []
        for name in names {
            if let prefixes = resolveAddress(name) {
                result += prefixes.map { $0.isAny ? .any : .prefix($0) }
            } else {
                result.append(.object(name))
                if addressObjects[name] == nil, addressGroups[name] == nil, interfaceAddressObjects[name] == nil {
                    var reference = ObjectReference(kind: .addressObject, name: name, context: context, filtersTraffic: true,
                                                    origin: origin)
                    reference.knownUndefined = true
                    device.references.append(reference)
                }
            }
        }
        return result.count > 64 ? names.map { .object($0) } : result
    }

    // MARK: - Virtual servers

    /// `ip virtual-server NAME interface IF original-ip any|OBJ map-to OBJ map-type any|port|ports
    /// [protocol tcp|udp|any] [original-port N mapped-port N | original-port-begin A
    /// original-port-end B mapped-port-begin C] [deactivate]`.
    mutating func virtualServer(_ index: Int, words: [Substring]) {
        understandSubtree(index)
        guard words.count >= 3 else { return badValue("ip virtual-server has no name", at: index) }
        if words[2] == "activate" || words[2] == "deactivate" || words[2] == "rename" { return }
        var server = ZLDVirtualServer(name: String(words[2]), span: span(index))
        func value(_ key: Substring) -> Substring? {
            guard let at = words.firstIndex(of: key), at + 1 < words.count else { return nil }
            return words[at + 1]
        }
        server.interface = value("interface").map(String.init)
        server.originalIP = value("original-ip").map(String.init)
        server.mapTo = value("map-to").map(String.init)
        server.mapType = value("map-type").map(String.init)
        switch value("protocol") {
        case "tcp"?: server.protocols = .only([.tcp])
        case "udp"?: server.protocols = .only([.udp])
        default: server.protocols = .any
        }
        if let original = value("original-port").flatMap(ZLDText.port) {
            server.originalPorts = .single(original)
            server.mappedPorts = .single(value("mapped-port").flatMap(ZLDText.port) ?? original)
        } else if let begin = value("original-port-begin").flatMap(ZLDText.port) {
            let end = value("original-port-end").flatMap(ZLDText.port) ?? begin
            guard begin <= end else { return badValue("ip virtual-server \(server.name) port range does not read", at: index) }
            server.originalPorts = .ranges([begin...end])
            let mapped = value("mapped-port-begin").flatMap(ZLDText.port) ?? begin
            server.mappedPorts = .ranges([mapped...(mapped + end - begin)])
        } else if server.mapType == "port" || server.mapType == "ports" {
            return badValue("ip virtual-server \(server.name) ports do not read", at: index)
        }
        server.enabled = !words.contains("deactivate")
        virtualServers.append(server)
    }

    mutating func resolveVirtualServers() {
        for server in virtualServers {
            let interface = server.interface.flatMap { name in device.interfaces.first { $0.name == name } }
            let role = interface?.role.value ?? (server.interface.map { ZLDVocabulary.role(ofZone: $0) } ?? .unknown)
            let target = server.mapTo.flatMap { resolveAddress($0)?.first?.address }
            // `original-ip` is the public address the forward listens on, not a source restriction.
            device.portForwards.append(PortForward(
                label: server.name, externalInterface: server.interface, externalRole: role == .unknown ? .wan : role,
                protocols: server.protocols, externalPorts: server.originalPorts, internalAddress: target,
                internalPorts: server.mappedPorts, enabled: server.enabled, origin: .source(server.span)))
        }
    }
}
