import AuditCore

/// Port forwards:
///
/// - EdgeOS `port-forward { wan-interface X; rule N { original-port P; protocol tcp|udp|tcp_udp;
///   forward-to { address A; port Q } } }` (forward-to port defaults to the original port);
/// - EdgeOS `service nat rule N { type destination; inbound-interface X; protocol; destination
///   { address; port }; inside-address { address; port }; source { address } }`;
/// - VyOS `nat destination rule N { inbound-interface X | inbound-interface name X; protocol;
///   destination { address; port }; source { address }; translation { address; port } }`.
///
/// Masquerade and other source NAT rules only rewrite sources; they are not forwards (they mark
/// their outbound interface as WAN, see `decideRoles`). A rule with `exclude` translates nothing.
extension VyattaConversion {
    mutating func convertPortForwards() {
        if let forward = top("port-forward") { convertEdgePortForward(forward) }
        if let rules = top("service").flatMap({ tree.path($0, "nat", "rule") }) {
            for rule in tree.children(rules) where tree.text(rule, "type") == "destination" {
                convertNATRule(rule, translation: tree.child(rule, "inside-address"), label: "service nat rule \(tree.word(rule))")
            }
        }
        if let nat = top("nat") {
            for family in ["destination", "destination66"] {
                guard let rules = tree.path(nat, family, "rule") else { continue }
                for rule in tree.children(rules) {
                    convertNATRule(rule, translation: tree.child(rule, "translation"), label: "nat \(family) rule \(tree.word(rule))")
                }
            }
        }
    }

    private mutating func convertEdgePortForward(_ forward: Int32) {
        let wanValue = tree.value(forward, "wan-interface")
        let wan = wanValue.map { String(tree.word($0)) }
        guard let rules = tree.child(forward, "rule") else { return }
        for rule in tree.children(rules) {
            let label = tree.text(rule, "description").map(String.init) ?? "port-forward rule \(tree.word(rule))"
            var protocols = ProtocolMatch.only([.tcp, .udp])
            if let value = tree.value(rule, "protocol") {
                if case .match(let match) = VyattaValues.protocols(tree.word(value)) { protocols = match }
            }
            var externalPorts = PortMatch.any
            if let value = tree.value(rule, "original-port") {
                if let ranges = VyattaValues.ports(tree.word(value)) {
                    externalPorts = .ranges(ranges)
                } else {
                    diagnose(.warning, "bad-value", "\(label): '\(tree.word(value))' is not a port", at: tree.lineSpan(value))
                }
            }
            var internalAddress: IPAddress?
            var internalPorts = externalPorts
            if let target = tree.child(rule, "forward-to") {
                if let value = tree.value(target, "address") {
                    internalAddress = VyattaValues.address(tree.word(value))
                    if internalAddress == nil {
                        diagnose(.warning, "bad-value", "\(label): '\(tree.word(value))' is not an address", at: tree.lineSpan(value))
                    }
                }
                if let value = tree.value(target, "port"), let ranges = VyattaValues.ports(tree.word(value)) {
                    internalPorts = .ranges(ranges)
                }
            }
            config.portForwards.append(PortForward(
                label: label, externalInterface: wan, externalRole: wan.flatMap { interface(named: $0)?.role.value } ?? (wan == nil ? nil : .wan),
                protocols: protocols, externalPorts: externalPorts, internalAddress: internalAddress,
                internalPorts: internalPorts, allowedSources: .any, enabled: !tree.has(rule, "disable"),
                origin: .source(tree.blockSpan(rule))))
        }
    }

    private mutating func convertNATRule(_ rule: Int32, translation: Int32?, label: String) {
        if tree.has(rule, "exclude") { return }
        var externalInterface: String?
        if let inbound = tree.child(rule, "inbound-interface") {
            externalInterface = interfaceNames(inbound).first
            if externalInterface == "any" { externalInterface = nil }
        }
        var protocols = ProtocolMatch.any
        if let value = tree.value(rule, "protocol") {
            switch VyattaValues.protocols(tree.word(value)) {
            case .match(let match): protocols = match
            case .unmodelled: break
            }
        }
        var externalPorts = PortMatch.any
        if let destination = tree.child(rule, "destination"), let value = tree.value(destination, "port") {
            let text = tree.word(value)
            if let ranges = VyattaValues.ports(text), !text.hasPrefix("!") {
                externalPorts = .ranges(ranges)
            } else if !text.hasPrefix("!") {
                diagnose(.warning, "bad-value", "\(label): '\(text)' is not a port list", at: tree.lineSpan(value))
            }
        }
        var internalAddress: IPAddress?
        var internalPorts = externalPorts
        if let translation {
            if let value = tree.value(translation, "address") {
                internalAddress = VyattaValues.address(tree.word(value))
            }
            if let value = tree.value(translation, "port"), let ranges = VyattaValues.ports(tree.word(value)) {
                internalPorts = .ranges(ranges)
            }
        }
        guard internalAddress != nil || translation != nil else {
            diagnose(.info, "not-modelled", "\(label) has no translation: not a port forward", at: tree.lineSpan(rule))
            return
        }
        var allowedSources = AddressMatch.any
        if let source = tree.child(rule, "source"), let value = tree.value(source, "address") {
            let text = tree.word(value)
            if !text.hasPrefix("!"), let prefix = VyattaValues.prefix(text) { allowedSources = .prefix(prefix) }
        }
        let role = externalInterface.flatMap { interface(named: $0)?.role.value }
        config.portForwards.append(PortForward(
            label: tree.text(rule, "description").map(String.init) ?? label,
            externalInterface: externalInterface, externalRole: role,
            protocols: protocols, externalPorts: externalPorts, internalAddress: internalAddress,
            internalPorts: internalPorts, allowedSources: allowedSources, enabled: !tree.has(rule, "disable"),
            origin: .source(tree.blockSpan(rule))))
    }
}
