import AuditCore

/// `security nat`: destination NAT rules that send traffic to a pool, and static NAT rules,
/// become port forwards from the zone, interface or routing instance the rule set is `from`;
/// source NAT to an egress interface marks the destination zone as masqueraded.
extension JunosConverter {
    struct DestinationPool {
        var address: IPAddress?
        var port: Int?
        var node: Int32
    }

    mutating func readNAT() {
        guard let nat = tree.path(Self.root, "security", "nat") else { return }
        understand(nat)
        for child in children(nat) {
            switch word(child) {
            case "destination": readDestinationNAT(child)
            case "static": readStaticNAT(child)
            case "source": readSourceNAT(child)
            default: understandSubtree(child)
            }
        }
    }

    /// Where a rule set's traffic comes from: `from zone Z`, `from interface I` or
    /// `from routing-instance R`, with the role it has.
    private func ruleSetOrigin(_ ruleSet: Int32) -> (name: String?, role: ZoneRole?) {
        guard let from = tree.child(ruleSet, "from") else { return (nil, nil) }
        if let zone = tree.value(from, "zone") {
            let name = text(zone)
            return (name, device.zone(named: name)?.role.value ?? Self.role(forName: name) ?? .unknown)
        }
        if let interface = tree.value(from, "interface") {
            let name = text(interface)
            return (name, device.interfaces.first { $0.name == name }?.role.value ?? .unknown)
        }
        if let instance = tree.value(from, "routing-instance") { return (text(instance), .unknown) }
        return (nil, nil)
    }

    private mutating func readDestinationNAT(_ node: Int32) {
        understandSubtree(node)
        var pools: [String: DestinationPool] = [:]
        if let list = tree.child(node, "pool") {
            for pool in children(list) {
                var entry = DestinationPool(node: pool)
                if let address = tree.value(pool, "address") {
                    let value = word(address)
                    let host = value.firstIndex(of: "/").map { value[..<$0] } ?? value
                    entry.address = IPAddress(host)
                    if entry.address == nil { badValue("'\(value)' is not a pool address", at: address) }
                    if let port = tree.value(address, "port") { entry.port = Int(word(port)) }
                }
                pools[text(pool)] = entry
            }
        }
        guard let ruleSets = tree.child(node, "rule-set") else { return }
        for ruleSet in children(ruleSets) {
            let from = ruleSetOrigin(ruleSet)
            guard let ruleList = tree.child(ruleSet, "rule") else { continue }
            for rule in children(ruleList) {
                if let match = tree.child(rule, "match") { checkAddressNames(match, label: "\(word(ruleSet)) rule \(word(rule))") }
                guard let then = tree.child(rule, "then"), let translation = tree.child(then, "destination-nat"),
                      let poolKeyword = tree.child(translation, "pool"), let poolName = tree.firstChild(poolKeyword) else { continue }
                let match = tree.child(rule, "match")
                let label = "\(word(ruleSet)) rule \(word(rule))"
                guard let pool = pools[text(poolName)] else {
                    referenceUndefined(kind: .addressObject, name: text(poolName),
                                       context: "destination nat \(label) pool",
                                       filtersTraffic: false, origin: source(poolName))
                    continue
                }
                let external = matchPorts(match, keyword: "destination-port")
                let internalPorts: PortMatch = pool.port.map { .single($0) } ?? external
                for allowed in matchSources(match, label: label) {
                    device.portForwards.append(PortForward(
                        label: label, externalInterface: from.name, externalRole: from.role,
                        protocols: matchProtocols(match), externalPorts: external, internalAddress: pool.address,
                        internalPorts: internalPorts, allowedSources: allowed, origin: .source(blockSpan(rule))))
                }
            }
        }
    }

    private mutating func readStaticNAT(_ node: Int32) {
        understandSubtree(node)
        guard let ruleSets = tree.child(node, "rule-set") else { return }
        for ruleSet in children(ruleSets) {
            let from = ruleSetOrigin(ruleSet)
            guard let ruleList = tree.child(ruleSet, "rule") else { continue }
            for rule in children(ruleList) {
                if let match = tree.child(rule, "match") { checkAddressNames(match, label: "\(word(ruleSet)) rule \(word(rule))") }
                guard let then = tree.child(rule, "then"), let translation = tree.child(then, "static-nat") else { continue }
                let label = "\(word(ruleSet)) rule \(word(rule))"
                let match = tree.child(rule, "match")
                var internalAddress: IPAddress?
                var mappedPort: Int?
                if let prefix = tree.value(translation, "prefix") {
                    let value = word(prefix)
                    internalAddress = IPAddress(value.firstIndex(of: "/").map { value[..<$0] } ?? value)
                    if let port = tree.value(prefix, "mapped-port") { mappedPort = Int(word(port)) }
                } else if let name = tree.value(translation, "prefix-name") {
                    if case .prefix(let prefix)? = resolveAddress(text(name), zone: nil)?.first { internalAddress = prefix.address }
                }
                let external = matchPorts(match, keyword: "destination-port")
                for allowed in matchSources(match, label: label) {
                    device.portForwards.append(PortForward(
                        label: label, externalInterface: from.name, externalRole: from.role, protocols: .any,
                        externalPorts: external, internalAddress: internalAddress,
                        internalPorts: mappedPort.map { .single($0) } ?? external, allowedSources: allowed,
                        origin: .source(blockSpan(rule))))
                }
            }
        }
    }

    private mutating func readSourceNAT(_ node: Int32) {
        understandSubtree(node)
        guard let ruleSets = tree.child(node, "rule-set") else { return }
        for ruleSet in children(ruleSets) {
            guard let to = tree.child(ruleSet, "to"), let zone = tree.value(to, "zone"),
                  let rules = tree.child(ruleSet, "rule") else { continue }
            for rule in children(rules) {
                guard let translation = tree.path(rule, "then", "source-nat"), let interface = tree.child(translation, "interface"),
                      let index = device.zones.firstIndex(where: { $0.name == text(zone) }) else { continue }
                device.zones[index].masquerade = Sourced(true, source(interface))
            }
        }
    }

    /// `destination-port 80`, `destination-port 100 to 200`, several ports; any when absent.
    private mutating func matchPorts(_ match: Int32?, keyword: String) -> PortMatch {
        guard let match, let ports = tree.child(match, keyword) else { return .any }
        var ranges: [ClosedRange<Int>] = []
        for value in children(ports) {
            if let to = tree.child(value, "to"), let high = tree.firstChild(to), let low = JunosVocabulary.port(word(value)),
               let top = JunosVocabulary.port(word(high)), low <= top {
                ranges.append(low...top)
            } else if let range = JunosVocabulary.portRange(word(value)) {
                ranges.append(range)
            } else {
                badValue("'\(word(value))' is not a port; read as any port", at: value)
                return .any
            }
        }
        return ranges.isEmpty ? .any : .ranges(ranges)
    }

    private func matchProtocols(_ match: Int32?) -> ProtocolMatch {
        guard let match, let list = tree.child(match, "protocol") else { return .any }
        let protocols = children(list).compactMap { JunosVocabulary.ipProtocol(word($0)) }
        return protocols.isEmpty ? .any : .only(Set(protocols))
    }

    /// The sources a rule accepts, one entry per restriction (`.any` when unrestricted).
    private func matchSources(_ match: Int32?, label: String) -> [AddressMatch] {
        guard let match else { return [.any] }
        var result: [AddressMatch] = []
        if let list = tree.child(match, "source-address") {
            for value in children(list) {
                if let prefix = IPPrefix(word(value)) { result.append(prefix.isAny ? .any : .prefix(prefix)) }
            }
        }
        if let list = tree.child(match, "source-address-name") {
            for value in children(list) {
                result += resolveAddress(text(value), zone: nil) ?? [.object(text(value))]
            }
        }
        return result.isEmpty ? [.any] : result
    }

    /// Address-book names a NAT rule matches on must exist; an undefined one is reported.
    private mutating func checkAddressNames(_ match: Int32, label: String) {
        for keyword in ["source-address-name", "destination-address-name"] {
            guard let list = tree.child(match, keyword) else { continue }
            for value in children(list) where resolveAddress(text(value), zone: nil) == nil {
                referenceUndefined(kind: .addressObject, name: text(value),
                                   context: "nat \(label) \(keyword)", filtersTraffic: false, origin: source(value))
            }
        }
    }
}
