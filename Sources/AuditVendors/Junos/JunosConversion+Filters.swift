import AuditCore

/// `firewall filter` (stateless filters, family inet and inet6) as ordered rule lists, and the
/// `policy-options prefix-list`s they name.
///
/// Semantics (Junos OS Routing Policies, Firewall Filters, and Traffic Policers User Guide,
/// "How Standard Firewall Filters Evaluate Packets"): terms are evaluated in order; a term
/// without `from` matches every packet; a term without a terminating action accepts; a packet no
/// term matches is discarded. `next term` does not decide, so such a term is kept disabled.
/// Matches the model has no field for (fragment offsets, packet length, interfaces, `except`
/// addresses) are kept as the rule's conditions, so the rule is never read as broader than it is.
extension JunosConverter {
    static let modelledMatches: Set<Substring> = [
        "source-address", "destination-address", "address", "source-prefix-list", "destination-prefix-list", "prefix-list",
        "protocol", "next-header", "payload-protocol", "source-port", "destination-port", "port", "icmp-type",
        "tcp-established",
    ]

    /// `then` words that do not decide a packet's fate.
    static let actionModifiers: Set<Substring> = [
        "count", "log", "syslog", "policer", "three-color-policer", "loss-priority", "forwarding-class", "sample",
        "port-mirror", "port-mirror-instance", "dscp", "traffic-class", "service-accounting", "packet-mode",
        "prefix-action", "monitor", "hierarchical-policer", "service-filter-hit", "analyzer", "next-hop-group",
        "accept", "discard", "reject", "routing-instance", "next",
    ]

    mutating func readPrefixLists() {
        guard let lists = tree.path(Self.root, "policy-options", "prefix-list") else { return }
        for list in children(lists) {
            var prefixes: [IPPrefix] = []
            var dynamic = false
            for item in children(list) {
                if let prefix = IPPrefix(word(item)) {
                    prefixes.append(prefix)
                } else if word(item) == "apply-path" {
                    dynamic = true
                }
            }
            if !dynamic { prefixLists[text(list)] = prefixes } else { dynamicPrefixLists.insert(text(list)) }
        }
    }

    mutating func readFilters() {
        guard let firewall = tree.child(Self.root, "firewall") else { return }
        understand(firewall)
        var found: [(family: Int, node: Int32)] = []
        for child in children(firewall) {
            switch word(child) {
            case "filter":
                understand(child)
                for filter in children(child) { found.append((4, filter)) }
            case "family":
                understand(child)
                for family in children(child) {
                    let version: Int
                    switch word(family) {
                    case "inet": version = 4
                    case "inet6": version = 6
                    default:
                        understandSubtree(family)
                        diagnose(.info, "not-modelled", "family \(word(family)) firewall filters (layer 2, MPLS) are not modelled",
                                 at: family)
                        continue
                    }
                    understand(family)
                    for item in children(family) {
                        if word(item) == "filter" {
                            understand(item)
                            for filter in children(item) { found.append((version, filter)) }
                        } else {
                            understandSubtree(item)
                        }
                    }
                }
            default:
                // Policers, interface sets, load-balance groups: no filtering meaning of their own.
                understandSubtree(child)
            }
        }
        let inetNames = Set(found.filter { $0.family == 4 }.map { text($0.node) })
        for (family, node) in found {
            let name = text(node)
            let listName = family == 6 && inetNames.contains(name) ? "\(name) (inet6)" : name
            filterNames[JunosFilterKey(family: family, name: name)] = listName
        }
        for (family, node) in found {
            understand(node)
            var rules: [FilterRule] = []
            let listName = filterListName(text(node), family: family)
            for child in children(node) {
                if word(child) == "term" {
                    understand(child)
                    for term in children(child) { rules += termRules(term, family: family, filter: listName) }
                } else {
                    understandSubtree(child)
                }
            }
            device.filters.append(FilterList(
                name: listName, kind: .ciscoExtended, rules: rules,
                defaultAction: Sourced(.deny, JunosConversion.vendorDefault("a firewall filter discards packets no term matches")),
                origin: source(node)))
        }
    }

    private mutating func termRules(_ term: Int32, family: Int, filter: String) -> [FilterRule] {
        understandSubtree(term)
        let name = text(term)
        var sources: [AddressMatch] = [], destinations: [AddressMatch] = [], either: [AddressMatch] = []
        var protocols: Set<IPProtocol> = []
        var anyProtocol = false
        var sourcePorts: [ClosedRange<Int>] = [], destinationPorts: [ClosedRange<Int>] = [], eitherPorts: [ClosedRange<Int>] = []
        var icmpTypes: [String] = []
        var established = false
        var conditions: [String] = []
        if let from = tree.child(term, "from") {
            for condition in children(from) {
                let keyword = word(condition)
                guard Self.modelledMatches.contains(keyword) else {
                    let values = children(condition).map { String(word($0)) }
                    conditions.append(([String(keyword)] + values).joined(separator: " "))
                    continue
                }
                switch keyword {
                case "source-address", "destination-address", "address":
                    var list: [AddressMatch] = []
                    for value in children(condition) {
                        if tree.child(value, "except") != nil {
                            conditions.append("\(keyword) \(word(value)) except")
                            continue
                        }
                        if let prefix = IPPrefix(word(value)) {
                            list.append(prefix.isAny ? .any : .prefix(prefix))
                        } else {
                            badValue("'\(word(value))' is not an address; read as any address", at: value)
                            list.append(.any)
                        }
                    }
                    if keyword == "source-address" { sources += list } else if keyword == "destination-address" {
                        destinations += list
                    } else {
                        either += list
                    }
                case "source-prefix-list", "destination-prefix-list", "prefix-list":
                    var list: [AddressMatch] = []
                    for value in children(condition) {
                        if tree.child(value, "except") != nil {
                            conditions.append("\(keyword) \(word(value)) except")
                            continue
                        }
                        let listName = text(value)
                        if let prefixes = prefixLists[listName] {
                            list += prefixes.map { .prefix($0) }
                        } else {
                            list.append(.object(listName))
                            if !dynamicPrefixLists.contains(listName) {
                                referenceUndefined(kind: .addressObject, name: listName,
                                                   context: "firewall filter \(filter) term \(name) \(keyword)",
                                                   filtersTraffic: true, origin: source(value))
                            }
                        }
                    }
                    if keyword == "source-prefix-list" { sources += list } else if keyword == "destination-prefix-list" {
                        destinations += list
                    } else {
                        either += list
                    }
                case "protocol", "next-header", "payload-protocol":
                    for value in children(condition) {
                        if let known = JunosVocabulary.ipProtocol(word(value)) {
                            protocols.insert(known)
                        } else {
                            badValue("'\(word(value))' is not a known protocol; read as any protocol", at: value)
                            anyProtocol = true
                        }
                    }
                case "source-port", "destination-port", "port":
                    var ranges: [ClosedRange<Int>] = []
                    for value in children(condition) {
                        if let range = JunosVocabulary.portRange(word(value)) {
                            ranges.append(range)
                        } else {
                            badValue("'\(word(value))' is not a port or port range; read as any port", at: value)
                            ranges.append(0...65535)
                        }
                    }
                    if keyword == "source-port" { sourcePorts += ranges } else if keyword == "destination-port" {
                        destinationPorts += ranges
                    } else {
                        eitherPorts += ranges
                    }
                case "icmp-type":
                    icmpTypes += children(condition).map(text)
                case "tcp-established":
                    established = true
                default:
                    break
                }
            }
        }
        var action: FilterAction = .permit
        var decides = true
        var unmodelledAction: Substring?
        if let then = tree.child(term, "then") {
            for item in children(then) {
                let keyword = word(item)
                switch keyword {
                case "accept", "routing-instance": action = .permit
                case "discard": action = .deny
                case "reject": action = .reject
                case "next": decides = false
                default:
                    // Modifiers (count, log, policer, forwarding-class) leave the implicit accept;
                    // other terminating actions (decapsulate, encapsulate) are not a verdict.
                    if !Self.actionModifiers.contains(keyword) { unmodelledAction = keyword }
                }
            }
        }
        if let unmodelledAction, decides {
            diagnose(.info, "not-filtering", "\(filter) term \(name) ends in '\(unmodelledAction)', which is not accept or discard; "
                     + "it is kept disabled", at: term)
            decides = false
        }
        if !decides {
            diagnose(.info, "not-filtering", "\(filter) term \(name) ends in 'next term' and decides nothing; it is kept disabled",
                     at: term)
        }
        let enabled = decides
        let protocolMatch: ProtocolMatch = anyProtocol || protocols.isEmpty ? .any : .only(protocols)
        var sidePairs: [(AddressMatch, AddressMatch)] = []
        for source in sources.isEmpty ? [AddressMatch.any] : sources {
            for destination in destinations.isEmpty ? [AddressMatch.any] : destinations {
                sidePairs.append((source, destination))
            }
        }
        // `address` and `port` match either side: one rule per side.
        if !either.isEmpty {
            var expanded: [(AddressMatch, AddressMatch)] = []
            for pair in sidePairs {
                for address in either {
                    if pair.0 == .any { expanded.append((address, pair.1)) }
                    if pair.1 == .any { expanded.append((pair.0, address)) }
                    if pair.0 != .any && pair.1 != .any {
                        // Both sides are already narrower: keep the pair and note the extra match.
                        expanded.append(pair)
                        conditions.append("address \(address)")
                    }
                }
            }
            sidePairs = expanded
        }
        var portPairs: [(PortMatch, PortMatch)] = [(sourcePorts.isEmpty ? .any : .ranges(sourcePorts),
                                                    destinationPorts.isEmpty ? .any : .ranges(destinationPorts))]
        if !eitherPorts.isEmpty {
            portPairs = [(.ranges(eitherPorts), portPairs[0].1), (portPairs[0].0, .ranges(eitherPorts))]
        }
        if sidePairs.count * portPairs.count > Self.maximumExpansion {
            diagnose(.info, "not-modelled", "\(filter) term \(name) has too many address combinations; it is read as any address",
                     at: term)
            sidePairs = [(.any, .any)]
        }
        let origin = Provenance.source(blockSpan(term))
        var rules: [FilterRule] = []
        for (source, destination) in sidePairs {
            for (sourcePortMatch, destinationPortMatch) in portPairs {
                rules.append(FilterRule(
                    action: action, protocols: protocolMatch, source: source, destination: destination,
                    sourcePorts: sourcePortMatch, destinationPorts: destinationPortMatch, establishedOnly: established,
                    icmpTypes: icmpTypes, family: family, enabled: enabled, label: "term \(name)", origin: origin,
                    conditions: conditions))
            }
        }
        return rules
    }
}
