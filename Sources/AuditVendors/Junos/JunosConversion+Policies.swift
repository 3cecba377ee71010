import AuditCore

/// `security policies` as the `.forward` chain of one zone-rule list (`security-policies`), with
/// address-book names and applications resolved to prefixes, protocols and ports.
///
/// Order (Junos OS Security Policies User Guide, "Security Policies Overview"): the policies of
/// the packet's zone pair in order, then global policies, then the default policy, which is
/// `deny-all` unless `security policies default-policy` says otherwise. Each zone's forward policy
/// in the model is that default.
extension JunosConverter {
    static let policyListName = "security-policies"
    /// More address and application combinations than this in one policy are not expanded.
    static let maximumExpansion = 256

    static let policyMatchKnown: Set<Substring> = [
        "source-address", "destination-address", "application", "from-zone", "to-zone", "source-address-excluded",
        "destination-address-excluded", "dynamic-application", "source-identity", "url-category", "source-end-user-profile",
        "apply-groups",
    ]

    // MARK: - Address books and applications

    mutating func readAddressBooks() {
        guard let security = tree.child(Self.root, "security") else { return }
        if let books = tree.child(security, "address-book") {
            understand(books)
            for book in children(books) { readBook(book, name: text(book)) }
        }
        // The older per-zone form: `security zones security-zone Z address-book address A P`.
        if let zones = tree.path(security, "zones", "security-zone") {
            for zone in children(zones) {
                guard let book = tree.child(zone, "address-book") else { continue }
                let name = "zone \(word(zone))"
                readBook(book, name: name)
                booksOfZone[text(zone), default: []].append(name)
            }
        }
    }

    private mutating func readBook(_ node: Int32, name: String) {
        understand(node)
        var entries = addressBooks[name] ?? [:]
        for child in children(node) {
            switch word(child) {
            case "address":
                understand(child)
                for entry in children(child) {
                    understandSubtree(entry)
                    entries[text(entry)] = JunosAddressEntry(addresses: addressEntry(entry), members: [], node: entry)
                }
            case "address-set":
                understand(child)
                for set in children(child) {
                    understandSubtree(set)
                    var members: [String] = []
                    for kind in ["address", "address-set"] {
                        if let list = tree.child(set, kind) { members += children(list).map(text) }
                    }
                    entries[text(set)] = JunosAddressEntry(addresses: [], members: members, node: set)
                }
            case "attach":
                understandSubtree(child)
                if let zones = tree.child(child, "zone") {
                    for zone in children(zones) { booksOfZone[text(zone), default: []].append(name) }
                }
            case "description", "apply-groups", "apply-groups-except":
                understandSubtree(child)
            default:
                break
            }
        }
        addressBooks[name] = entries
    }

    /// One `address NAME ...` entry: a prefix, `ip-prefix`, `range-address A to B`,
    /// `wildcard-address A/M` or `dns-name` (kept by name: it resolves at run time).
    private mutating func addressEntry(_ entry: Int32) -> [AddressMatch] {
        var result: [AddressMatch] = []
        for child in children(entry) {
            let value = word(child)
            if let prefix = IPPrefix(value) {
                result.append(.prefix(prefix))
                continue
            }
            switch value {
            case "ip-prefix":
                if let item = tree.firstChild(child), let prefix = IPPrefix(word(item)) {
                    result.append(.prefix(prefix))
                } else {
                    badValue("address \(word(entry)) has no readable ip-prefix", at: child)
                }
            case "dns-name":
                result.append(.object(text(entry)))
            case "range-address":
                guard let low = tree.firstChild(child), let to = tree.child(low, "to"), let high = tree.firstChild(to),
                      case .v4(let a)? = IPAddress(word(low)), case .v4(let b)? = IPAddress(word(high)), a <= b else {
                    result.append(.object(text(entry)))
                    continue
                }
                result += Self.prefixes(from: a, to: b).map { .prefix($0) }
            case "wildcard-address":
                guard let item = tree.firstChild(child), let slash = word(item).firstIndex(of: "/"),
                      case .v4(let address)? = IPAddress(word(item)[..<slash]),
                      case .v4(let mask)? = IPAddress(word(item)[word(item).index(after: slash)...]) else {
                    result.append(.object(text(entry)))
                    continue
                }
                result.append(.cisco(address: address, wildcard: ~mask))
            default:
                break
            }
        }
        if result.isEmpty { result.append(.object(text(entry))) }
        return result
    }

    /// The shortest list of prefixes covering an IPv4 range.
    static func prefixes(from low: UInt32, to high: UInt32) -> [IPPrefix] {
        var result: [IPPrefix] = []
        var start = UInt64(low)
        let end = UInt64(high)
        while start <= end && result.count < 64 {
            var size: UInt64 = 1
            var length = 32
            while length > 0 {
                let next = size << 1
                if start % next != 0 || start + next - 1 > end { break }
                size = next
                length -= 1
            }
            result.append(IPPrefix(.v4(UInt32(start)), length: length))
            start += size
        }
        return result
    }

    /// Addresses of an address-book name as seen from a zone: the zone's books, then `global`,
    /// then any book. nil when no book defines it.
    func resolveAddress(_ name: String, zone: String?) -> [AddressMatch]? {
        switch name {
        case "any": return [.any]
        case "any-ipv4": return [.prefix(IPPrefix.anyV4)]
        case "any-ipv6": return [.prefix(IPPrefix(.v6(0), length: 0))]
        default: break
        }
        var order = zone.flatMap { booksOfZone[$0] } ?? []
        order.append("global")
        order += addressBooks.keys.sorted().filter { !order.contains($0) }
        for book in order {
            if let found = expand(name, in: book, depth: 0) { return found }
        }
        return nil
    }

    private func expand(_ name: String, in book: String, depth: Int) -> [AddressMatch]? {
        guard depth < 8, let entry = addressBooks[book]?[name] else { return nil }
        var result = entry.addresses
        for member in entry.members {
            result += expand(member, in: book, depth: depth + 1) ?? resolveAddress(member, zone: nil) ?? [.object(member)]
        }
        return result
    }

    mutating func readApplications() {
        guard let node = tree.child(Self.root, "applications") else { return }
        understand(node)
        for child in children(node) {
            switch word(child) {
            case "application":
                understand(child)
                for application in children(child) {
                    understandSubtree(application)
                    var terms: [JunosApplicationTerm] = []
                    if let termList = tree.child(application, "term") {
                        for term in children(termList) { terms.append(applicationTerm(term)) }
                    } else {
                        terms.append(applicationTerm(application))
                    }
                    applications[text(application)] = terms
                }
            case "application-set":
                understand(child)
                for set in children(child) {
                    understandSubtree(set)
                    var members: [String] = []
                    for kind in ["application", "application-set"] {
                        if let list = tree.child(set, kind) { members += children(list).map(text) }
                    }
                    applicationSets[text(set)] = members
                }
            case "apply-groups", "apply-groups-except":
                understandSubtree(child)
            default:
                break
            }
        }
    }

    private mutating func applicationTerm(_ node: Int32) -> JunosApplicationTerm {
        var term = JunosApplicationTerm(protocols: .any)
        if let proto = tree.value(node, "protocol") {
            if let known = JunosVocabulary.ipProtocol(word(proto)) {
                term.protocols = .only([known])
            } else {
                badValue("'\(word(proto))' is not a known protocol; read as any protocol", at: proto)
            }
        }
        term.destinationPorts = applicationPorts(tree.child(node, "destination-port"))
        term.sourcePorts = applicationPorts(tree.child(node, "source-port"))
        if let icmp = tree.value(node, "icmp-type") { term.icmpTypes = [text(icmp)] }
        return term
    }

    /// `destination-port 80`, `8000-8080`, `1000 to 2000` or a port name.
    private mutating func applicationPorts(_ node: Int32?) -> PortMatch {
        guard let node, let value = tree.firstChild(node) else { return .any }
        if let to = tree.child(value, "to"), let high = tree.firstChild(to), let low = JunosVocabulary.port(word(value)),
           let top = JunosVocabulary.port(word(high)), low <= top {
            return .ranges([low...top])
        }
        guard let range = JunosVocabulary.portRange(word(value)) else {
            badValue("'\(word(value))' is not a port or port range; read as any port", at: value)
            return .any
        }
        return .ranges([range])
    }

    /// The terms of an application or application set; nil when nothing defines the name.
    func resolveApplication(_ name: String, depth: Int = 0) -> [JunosApplicationTerm]? {
        guard depth < 8 else { return nil }
        if let terms = applications[name] { return terms }
        if let members = applicationSets[name] {
            return members.flatMap { resolveApplication($0, depth: depth + 1) ?? [JunosApplicationTerm(protocols: .only([.tcp, .udp]))] }
        }
        if let predefined = JunosVocabulary.predefinedApplications[name[...]] { return predefined }
        return nil
    }

    // MARK: - Policies

    mutating func readPolicies() {
        guard let policies = tree.path(Self.root, "security", "policies") else { return }
        var defaultPolicy = Sourced(FilterAction.deny, JunosConversion.vendorDefault(
            "traffic no security policy permits is dropped (security policies default-policy deny-all)"))
        understand(policies)
        var rules: [FilterRule] = []
        var globalRules: [FilterRule] = []
        let zoneNames = Set(device.zones.map(\.name))
        for child in children(policies) {
            switch word(child) {
            case "from-zone":
                understand(child)
                for from in children(child) {
                    understand(from)
                    guard let toList = tree.child(from, "to-zone") else { continue }
                    understand(toList)
                    for to in children(toList) {
                        understand(to)
                        referenceZone(text(from), known: zoneNames, at: from)
                        referenceZone(text(to), known: zoneNames, at: to)
                        for item in children(to) {
                            switch word(item) {
                            case "policy":
                                understand(item)
                                for policy in children(item) {
                                    rules += policyRules(policy, from: text(from), to: text(to), global: false)
                                }
                            case "apply-groups", "apply-groups-except", "default-policy":
                                understandSubtree(item)
                            default:
                                break
                            }
                        }
                    }
                }
            case "global":
                understand(child)
                if let list = tree.child(child, "policy") {
                    understand(list)
                    for policy in children(list) { globalRules += policyRules(policy, from: nil, to: nil, global: true) }
                }
            case "default-policy":
                understandSubtree(child)
                if let value = tree.firstChild(child) {
                    switch word(value) {
                    case "permit-all": defaultPolicy = Sourced(.permit, source(value))
                    case "deny-all": defaultPolicy = Sourced(.deny, source(value))
                    default: badValue("'\(word(value))' is not permit-all or deny-all", at: value)
                    }
                }
            case "policy-rematch", "policy-stats", "pre-id-default-policy", "traceoptions", "apply-groups",
                 "apply-groups-except", "unified-policy", "dns-cache", "stateful-firewall-rule", "default-policy-action":
                understandSubtree(child)
            default:
                break
            }
        }
        for index in device.zones.indices { device.zones[index].forward = defaultPolicy }
        device.filters.append(FilterList(name: Self.policyListName, kind: .zoneRules, rules: rules + globalRules,
                                         defaultAction: defaultPolicy, origin: source(policies)))
    }

    private mutating func referenceZone(_ name: String, known: Set<String>, at node: Int32) {
        guard !known.contains(name), name != "junos-host", name != "any",
              referencedNames.insert("zone \(name)").inserted else { return }
        device.references.append(ObjectReference(kind: .zone, name: name, context: "security policies \(word(tree[node].parent)) \(name)",
                                                 filtersTraffic: false, origin: source(node)))
    }

    /// One policy as rules: every source × destination × application combination.
    private mutating func policyRules(_ policy: Int32, from: String?, to: String?, global: Bool) -> [FilterRule] {
        understand(policy)
        let name = text(policy)
        var fromZone = from, toZone = to
        var sourceNames: [Int32] = [], destinationNames: [Int32] = [], applicationNames: [Int32] = []
        var action: Sourced<FilterAction>?
        var conditions: [String] = []
        if let match = tree.child(policy, "match") {
            understand(match)
            for condition in children(match) {
                let keyword = word(condition)
                guard Self.policyMatchKnown.contains(keyword) else { continue }
                understandSubtree(condition)
                switch keyword {
                case "source-address": sourceNames += Array(children(condition))
                case "destination-address": destinationNames += Array(children(condition))
                case "application": applicationNames += Array(children(condition))
                case "from-zone": fromZone = tree.firstChild(condition).map(text)
                case "to-zone": toZone = tree.firstChild(condition).map(text)
                case "apply-groups":
                    break
                default:
                    // Negated addresses, identities, URL categories, dynamic applications: the rule
                    // matches only traffic that also meets them.
                    let values = children(condition).map { String(word($0)) }
                    conditions.append(([String(keyword)] + values).joined(separator: " "))
                }
            }
        }
        if let then = tree.child(policy, "then") {
            understand(then)
            for item in children(then) {
                switch word(item) {
                case "permit": action = Sourced(.permit, source(item))
                case "deny": action = Sourced(.deny, source(item))
                case "reject": action = Sourced(.reject, source(item))
                default: break
                }
                understandSubtree(item)
            }
        }
        for child in children(policy) where ["description", "scheduler-name", "apply-groups", "apply-groups-except",
                                                 "report-skip", "policy-id"].contains(word(child)) {
            understandSubtree(child)
        }
        let label = global ? "\(name) (global)" : "\(name) from \(from ?? "*") to \(to ?? "*")"
        guard let action else {
            badValue("policy \(name) has no permit, deny or reject action; it is ignored", at: policy)
            return []
        }
        let sources = addresses(sourceNames, zone: fromZone, policy: name, side: "source-address")
        let destinations = addresses(destinationNames, zone: toZone, policy: name, side: "destination-address")
        let terms = applicationTerms(applicationNames, policy: name)
        var combinations = sources.count * destinations.count * terms.count
        var sourceList = sources, destinationList = destinations, termList = terms
        if combinations > Self.maximumExpansion {
            diagnose(.info, "not-modelled", "policy \(name) has \(combinations) address and application combinations; "
                     + "its addresses are kept by name and its applications merged", at: policy)
            sourceList = sources.count > 1 ? sourceNames.map { (AddressMatch.object(text($0)), nil) } : sources
            destinationList = destinations.count > 1 ? destinationNames.map { (AddressMatch.object(text($0)), nil) } : destinations
            let protocols = terms.reduce(into: Set<IPProtocol>()) { set, term in
                if case .only(let some) = term.protocols { set.formUnion(some) }
            }
            termList = [JunosApplicationTerm(protocols: terms.contains { $0.protocols == .any } ? .any : .only(protocols))]
            combinations = sourceList.count * destinationList.count
        }
        let origin = Provenance.source(blockSpan(policy))
        var rules: [FilterRule] = []
        rules.reserveCapacity(min(combinations, Self.maximumExpansion))
        for source in sourceList {
            for destination in destinationList {
                for term in termList {
                    rules.append(FilterRule(
                        action: action.value, protocols: term.protocols, source: source.match, destination: destination.match,
                        sourcePorts: term.sourcePorts, destinationPorts: term.destinationPorts, icmpTypes: term.icmpTypes,
                        sourceZone: global ? (fromZone ?? "*") : fromZone, destinationZone: global ? (toZone ?? "*") : toZone,
                        chain: .forward, family: source.family ?? destination.family, label: label, origin: origin,
                        conditions: conditions))
                }
            }
        }
        return rules
    }

    /// Address names of a policy side, resolved; an unknown name is kept by name and reported.
    private mutating func addresses(_ names: [Int32], zone: String?, policy: String,
                                    side: String) -> [(match: AddressMatch, family: Int?)] {
        guard !names.isEmpty else { return [(.any, nil)] }
        var result: [(match: AddressMatch, family: Int?)] = []
        for node in names {
            let name = text(node)
            if let resolved = resolveAddress(name, zone: zone) {
                let family: Int? = name == "any-ipv4" ? 4 : name == "any-ipv6" ? 6 : nil
                for match in resolved {
                    if case .prefix(let prefix) = match, !match.isAny {
                        result.append((match, prefix.address.isV4 ? 4 : 6))
                    } else {
                        result.append((match, family))
                    }
                }
            } else {
                result.append((.object(name), nil))
                referenceUndefined(kind: .addressObject, name: name,
                                   context: "security policy \(policy) \(side)", filtersTraffic: true, origin: source(node))
            }
        }
        return result
    }

    private mutating func applicationTerms(_ names: [Int32], policy: String) -> [JunosApplicationTerm] {
        guard !names.isEmpty else {
            return [JunosApplicationTerm(protocols: .any)]
        }
        var result: [JunosApplicationTerm] = []
        for node in names {
            let name = text(node)
            if let terms = resolveApplication(name) {
                result += terms
            } else if name.hasPrefix("junos-") {
                diagnose(.info, "not-modelled", "predefined application \(name) is not in the built-in table; read as tcp/udp on any port",
                         at: node)
                result.append(JunosApplicationTerm(protocols: .only([.tcp, .udp])))
            } else {
                result.append(JunosApplicationTerm(protocols: .only([.tcp, .udp])))
                referenceUndefined(kind: .addressObject, name: name,
                                   context: "security policy \(policy) application",
                                   filtersTraffic: true, origin: source(node))
            }
        }
        // Identical terms (an application listed twice, or in two sets) add nothing.
        var seen: Set<JunosApplicationTerm> = []
        return result.filter { seen.insert($0).inserted }
    }
}
