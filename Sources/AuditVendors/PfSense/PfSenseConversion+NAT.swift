import AuditCore

/// Port forwards (`<nat><rule>`, pf `rdr`): traffic arriving on `interface` for the destination
/// port is sent to `target`:`local-port`. Whether pf then lets it through is the filter's
/// decision: `associated-rule-id` is `pass` (an `rdr pass`, no filter rule needed), the id of a
/// filter rule created with the forward, or empty (some other rule must pass it).
extension PfSenseConversion {
    mutating func convertPortForwards() {
        guard let nat = section("nat") else { return }
        for element in children(nat, "rule") {
            if let forward = portForward(element) {
                config.portForwards.append(forward)
            }
        }
    }

    private mutating func portForward(_ element: Int) -> PortForward? {
        guard let key = Self.list(value(element, "interface") ?? "").first else {
            diagnose(.warning, "bad-value", "a port forward without an interface is not loaded", at: doc.line(element))
            return nil
        }
        let label = nonEmpty(element, "descr")
        let context = label.map { "port forward '\($0)'" } ?? "a port forward"
        let protocols = self.protocols(value(element, "protocol") ?? "", family: nil, hasPorts: false, at: element)
        var resolvable = true
        let destination = child(element, "destination")
        let externalPorts = Self.portsApply(protocols)
            ? ports(destination.flatMap { nonEmpty($0, "port") }, at: destination, resolvable: &resolvable)
            : PortMatch.any
        var internalAddress: IPAddress?
        if let target = nonEmpty(element, "target") {
            if let address = IPAddress(target) {
                internalAddress = address
            } else if let prefixes = aliasAddresses(target), prefixes.count == 1,
                      prefixes[0].length == (prefixes[0].address.isV4 ? 32 : 128) {
                internalAddress = prefixes[0].address
            } else if aliases[target] == nil {
                diagnose(.warning, "undefined-alias", "port forward target '\(target)' is neither an address nor a defined alias",
                         at: child(element, "target").map { doc.line($0) })
                resolvable = false
            }
        }
        var internalPorts = externalPorts
        if let local = nonEmpty(element, "local-port") {
            if let start = Int(local), (1...65535).contains(start) {
                if case .ranges(let ranges) = externalPorts, let first = ranges.first {
                    internalPorts = .ranges([start...min(65535, start + first.count - 1)])
                } else {
                    internalPorts = .single(start)
                }
            } else if aliases[local] != nil, let ranges = aliasPorts(local), let first = ranges.first {
                internalPorts = .ranges([first])
            } else {
                diagnose(.warning, "bad-value", "'\(local)' is not a port for local-port", at: child(element, "local-port").map { doc.line($0) })
            }
        }
        var allowedSources: AddressMatch = .any
        if let source = child(element, "source") {
            allowedSources = endpoint(source, context: context, filters: false, family: nil, resolvable: &resolvable).match
        }
        var enabled = resolvable
        if let disabled = child(element, "disabled"), flavor.disables(text(disabled)) { enabled = false }
        if isSet(element, "nordr") {
            enabled = false
            diagnose(.info, "not-filtering", "\(context) has <nordr>: it excludes traffic from redirection and forwards nothing",
                     at: doc.line(element))
        }
        let role = interfaceInfo(key)?.role.value ?? config.zone(named: key)?.role.value
        var forward = PortForward(
            label: label, externalInterface: key, externalRole: role, protocols: protocols, externalPorts: externalPorts,
            internalAddress: internalAddress, internalPorts: internalPorts, allowedSources: allowedSources,
            enabled: enabled, origin: blockOrigin(element))
        if enabled, value(element, "associated-rule-id") != "pass" {
            forward.allowedSources = passedSources(forward, element: element, context: context)
        }
        return forward
    }

    /// The sources the filter lets through to a forward (pf filters redirected traffic on the
    /// interface with the rules for the translated destination): the NAT rule's own sources when
    /// a rule passes every source, the passing rule's sources when only some are passed, and none
    /// at all, reported, when no rule passes it and pf's default deny drops it.
    private mutating func passedSources(_ forward: PortForward, element: Int, context: String) -> AddressMatch {
        guard let key = forward.externalInterface, let list = config.filter(named: key) else { return forward.allowedSources }
        let port: Int?
        if case .ranges(let ranges) = forward.internalPorts { port = ranges.first?.lowerBound } else { port = nil }
        let proto: IPProtocol? = forward.protocols.matches(.tcp) ? .tcp : (forward.protocols.matches(.udp) ? .udp : nil)
        var passed: [AddressMatch] = []
        for rule in list.rules where rule.enabled && rule.chain != .input {
            if let proto, !rule.protocols.matches(proto) { continue }
            if let port, !rule.destinationPorts.contains(port) { continue }
            let certain: Bool
            switch rule.destination {
            case .any:
                certain = true
            case .prefix(let prefix):
                guard let target = forward.internalAddress, prefix.contains(target) else { continue }
                certain = true
            default:
                // An alias or negation the model cannot compare: it may match.
                certain = false
            }
            if rule.action == .permit { passed.append(rule.source) }
            // A rule for every source decides for every source that is left.
            if certain && rule.source.isAny { break }
        }
        if passed.isEmpty {
            diagnose(.warning, "dead-port-forward",
                     "\(context) on \(key): no rule on '\(key)' passes the redirected traffic, so pf's default deny drops it",
                     at: doc.line(element))
            return .object("no source (no filter rule passes the redirected traffic)")
        }
        if passed.contains(where: \.isAny) || !forward.allowedSources.isAny { return forward.allowedSources }
        if passed.count == 1, let only = passed.first { return only }
        return .object("the sources \(passed.count) filter rules pass")
    }
}
