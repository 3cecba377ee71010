import AuditCore

/// `/ip firewall address-list` (or the IPv6 one): the entries of one list.
struct RouterOSAddressList {
    var name: String
    var entries: [RouterOSValues.Address] = []
    var spans: [SourceSpan] = []
}

/// One filter rule as RouterOS reads it, before it is expanded into model rules (one per zone and
/// address pair) and before jumps are followed.
struct RouterOSRuleSpec {
    var spans: [SourceSpan]
    var chain: String
    var action: String
    var enabled: Bool
    var label: String?
    /// Zones (interfaces) the packet comes in on; nil for any, empty when nothing can match.
    var inZones: [String]?
    var outZones: [String]?
    var protocols: ProtocolMatch = .any
    /// Empty for any address.
    var sources: [AddressMatch] = []
    var destinations: [AddressMatch] = []
    var sourcePorts: PortMatch = .any
    var destinationPorts: PortMatch = .any
    var establishedOnly = false
    var icmpTypes: [String] = []
    var conditions: [String] = []
    var jumpTarget: String?

    var origin: Provenance {
        let unique = Array(Set(spans)).sorted()
        return unique.count == 1 ? .source(unique[0]) : .derived(unique)
    }

    /// True when the rule has no match at all (an unconditional `return`).
    var matchesAll: Bool {
        inZones == nil && outZones == nil && protocols == .any && sources.isEmpty && destinations.isEmpty
            && sourcePorts == .any && destinationPorts == .any && !establishedOnly && icmpTypes.isEmpty && conditions.isEmpty
    }
}

/// `/ip firewall filter` and `/ipv6 firewall filter` as ordered rule lists (kind `zoneRules`), read
/// as RouterOS evaluates them (RouterOS manual, "Filter"):
///
/// - the built-in chains `input` (to the router), `forward` and `output` are evaluated in order,
///   first match decides; a chain has no policy, so a packet no rule drops is ACCEPTED (the list's
///   default action, a vendor default);
/// - `jump` rules are followed into their custom chain, the jump's matches added to each rule
///   there; `return` ends the custom chain (a conditional one narrows the rules after it);
/// - accept and fasttrack-connection permit, drop and tarpit deny, reject rejects; passthrough,
///   log and add-to-address-list rules give no verdict and are kept disabled for filtering;
/// - interfaces and interface lists become source and destination zones (one zone per interface,
///   `in-interface-list=!LAN` every zone not in LAN); address lists are resolved into prefixes;
/// - a `connection-state` set without `new` never matches a connection attempt: established-only,
///   with the exact states kept as a condition; a
///   deny of `connection-nat-state=!dstnat` excludes only port-forwarded traffic, which the port
///   forwards model, so it is read as a plain deny; every other match the model cannot hold is kept
///   in `conditions`; `ipsec-policy=in,ipsec` (out) makes the IPsec tunnels the source (destination)
///   zone `ipsec`, and a rule for a loopback destination has source zone `lo`: no packet from the
///   WAN matches either.
///
/// Each zone's input and forward policy is the verdict of the first rule that matches every packet
/// from it (the default configuration's `drop all not coming from LAN`), else the chain's ACCEPT.
extension RouterOSConversion {
    static let filterListName = "ip firewall filter"
    static let filterList6Name = "ipv6 firewall filter"
    /// More model rules than this from one line are not expanded (addresses are kept as conditions).
    static let maximumExpansion = 256
    static let connectionStates = ["established", "invalid", "new", "related", "untracked"]
    /// Properties that do not select packets.
    static let nonMatchingKeys: Set<String> = [
        "chain", "action", "comment", "disabled", "log", "log-prefix", "jump-target", "reject-with", "address-list",
        "address-list-timeout", "hw-offload", "place-before", "copy-from", "passthrough", "dynamic", "invalid",
    ]

    mutating func convertAddressLists() {
        for (path, isV6) in [("ip firewall address-list", false), ("ipv6 firewall address-list", true)] {
            for statement in items(path) where statement.command == "add" && !Self.isDisabled(statement) {
                guard let name = statement.value("list"), let address = statement.value("address") else { continue }
                var list = (isV6 ? addressLists6[name] : addressLists[name]) ?? RouterOSAddressList(name: name)
                list.entries.append(RouterOSValues.address(address))
                list.spans.append(statement.span)
                if isV6 { addressLists6[name] = list } else { addressLists[name] = list }
            }
        }
    }

    mutating func convertFirewall() {
        let rules4 = filterRules(path: "ip firewall filter", family: 4)
        let rules6 = filterRules(path: "ipv6 firewall filter", family: 6)
        config.filters.append(filterList(Self.filterListName, rules4, path: "ip firewall filter"))
        config.filters.append(filterList(Self.filterList6Name, rules6, path: "ipv6 firewall filter"))
        setZonePolicies(rules4)
        let raw = items("ip firewall raw").filter { $0.command == "add" && $0.value("action") == "drop" && !Self.isDisabled($0) }
        if let first = raw.first {
            diagnose(.info, "not-modelled", "\(raw.count) /ip firewall raw drop rules are not modelled; traffic they drop "
                     + "may be reported as reaching the router", at: first.span)
        }
    }

    private func filterList(_ name: String, _ rules: [FilterRule], path: String) -> FilterList {
        let spans = items(path).filter { $0.command == "add" }.map(\.span)
        return FilterList(
            name: name, kind: .zoneRules, rules: rules,
            defaultAction: Sourced(.permit, Self.vendorDefault(
                "RouterOS filter chains have no policy: a packet no rule drops is accepted")),
            origin: spans.isEmpty ? Self.vendorDefault("the export has no /\(path) rules") : .derived(spans))
    }

    // MARK: - Rules

    private mutating func filterRules(path: String, family: Int) -> [FilterRule] {
        var byChain: [String: [RouterOSRuleSpec]] = [:]
        var chainOrder: [String] = []
        for statement in items(path) {
            switch statement.command {
            case "add":
                guard let spec = ruleSpec(statement, family: family) else { continue }
                if byChain[spec.chain] == nil { chainOrder.append(spec.chain) }
                byChain[spec.chain, default: []].append(spec)
            case "remove", "set", "move", "disable", "enable":
                diagnose(.info, "not-modelled", "'\(statement.command)' on filter rules by number is not applied; "
                         + "the rules are read in the order they are added", at: statement.span)
            default:
                continue
            }
        }
        var specs: [RouterOSRuleSpec] = []
        var jumped: Set<String> = []
        for chain in ["input", "forward", "output"] {
            specs += flatten(byChain, chain: chain, through: nil, depth: 0, visiting: [chain], jumped: &jumped)
        }
        for chain in chainOrder where !["input", "forward", "output"].contains(chain) && !jumped.contains(chain) {
            if let first = byChain[chain]?.first?.spans.first {
                diagnose(.info, "unreachable-chain", "chain '\(chain)' is never jumped to; its rules filter nothing", at: first)
            }
        }
        return specs.flatMap { expand($0, family: family) }
    }

    /// The rules of a chain, with jumps followed (`through` is the jump that led here).
    private mutating func flatten(_ byChain: [String: [RouterOSRuleSpec]], chain: String, through jump: RouterOSRuleSpec?,
                                  depth: Int, visiting: [String], jumped: inout Set<String>) -> [RouterOSRuleSpec] {
        var result: [RouterOSRuleSpec] = []
        var pending: [String] = []
        for rule in byChain[chain] ?? [] {
            var merged = rule
            if let jump {
                guard let combined = Self.merge(jump, rule) else { continue }
                merged = combined
            }
            for condition in pending where !merged.conditions.contains(condition) { merged.conditions.append(condition) }
            switch rule.action {
            case "jump":
                guard merged.enabled else { continue }
                guard let target = rule.jumpTarget, byChain[target] != nil else {
                    if let span = rule.spans.last {
                        diagnose(.warning, "undefined-chain", "jump to chain '\(rule.jumpTarget ?? "")' that has no rules", at: span)
                    }
                    continue
                }
                jumped.insert(target)
                guard depth < 8, !visiting.contains(target) else {
                    if let span = rule.spans.last { diagnose(.warning, "jump-loop", "jump to '\(target)' loops; not followed", at: span) }
                    continue
                }
                result += flatten(byChain, chain: target, through: merged, depth: depth + 1, visiting: visiting + [target],
                                  jumped: &jumped)
            case "return" where depth > 0:
                guard rule.enabled else { continue }
                if rule.matchesAll { return result }
                let line = rule.spans.last.map { "\($0.start)" } ?? "?"
                pending.append("not returned by the rule at line \(line)")
            default:
                result.append(merged)
            }
        }
        return result
    }

    /// A rule reached through a jump: it must match both. Nil when they cannot both match.
    static func merge(_ jump: RouterOSRuleSpec, _ rule: RouterOSRuleSpec) -> RouterOSRuleSpec? {
        var merged = rule
        merged.chain = jump.chain
        merged.spans = jump.spans + rule.spans
        merged.enabled = jump.enabled && rule.enabled
        merged.label = rule.label ?? jump.label
        func zones(_ a: [String]?, _ b: [String]?) -> [String]?? {
            guard let a else { return .some(b) }
            guard let b else { return .some(a) }
            let both = a.filter(b.contains)
            return both.isEmpty ? nil : .some(both)
        }
        guard let inZones = zones(jump.inZones, rule.inZones), let outZones = zones(jump.outZones, rule.outZones) else { return nil }
        merged.inZones = inZones
        merged.outZones = outZones
        switch (jump.protocols, rule.protocols) {
        case (.any, _): break
        case (.only, .any): merged.protocols = jump.protocols
        case (.only(let a), .only(let b)):
            let both = a.intersection(b)
            guard !both.isEmpty else { return nil }
            merged.protocols = .only(both)
        }
        let line = jump.spans.last.map { "\($0.start)" } ?? "?"
        func narrow(_ what: String) { merged.conditions.append("\(what) of the jump at line \(line)") }
        if !jump.sources.isEmpty { if rule.sources.isEmpty { merged.sources = jump.sources } else { narrow("source") } }
        if !jump.destinations.isEmpty { if rule.destinations.isEmpty { merged.destinations = jump.destinations } else { narrow("destination") } }
        if jump.sourcePorts != .any { if rule.sourcePorts == .any { merged.sourcePorts = jump.sourcePorts } else { narrow("source port") } }
        if jump.destinationPorts != .any {
            if rule.destinationPorts == .any { merged.destinationPorts = jump.destinationPorts } else { narrow("destination port") }
        }
        merged.establishedOnly = jump.establishedOnly || rule.establishedOnly
        if merged.icmpTypes.isEmpty { merged.icmpTypes = jump.icmpTypes }
        for condition in jump.conditions where !merged.conditions.contains(condition) { merged.conditions.insert(condition, at: 0) }
        return merged
    }

    /// Model rules for one spec: one per source zone, destination zone and address pair.
    private mutating func expand(_ spec: RouterOSRuleSpec, family: Int) -> [FilterRule] {
        let chain: Chain? = switch spec.chain {
        case "input": .input
        case "forward": .forward
        case "output": .output
        default: nil
        }
        var enabled = spec.enabled
        let action: FilterAction
        switch spec.action {
        case "accept", "fasttrack-connection", "return": action = .permit
        case "drop", "tarpit": action = .deny
        case "reject": action = .reject
        default:
            action = .permit
            enabled = false
        }
        if spec.inZones?.isEmpty == true || spec.outZones?.isEmpty == true { return [] }
        let sourceZones: [String?] = chain == .output ? [nil] : (spec.inZones ?? ["*"]).map { Optional($0) }
        let destinationZones: [String?] = switch chain {
        case .input: [nil]
        case .output: spec.outZones.map { $0.map { Optional($0) } } ?? [nil]
        default: (spec.outZones ?? ["*"]).map { Optional($0) }
        }
        var sources = spec.sources.isEmpty ? [AddressMatch.any] : spec.sources
        var destinations = spec.destinations.isEmpty ? [AddressMatch.any] : spec.destinations
        var conditions = spec.conditions
        let zonePairs = sourceZones.count * destinationZones.count
        if zonePairs * sources.count * destinations.count > Self.maximumExpansion {
            if sources.count > 1 { sources = [.any]; conditions.append("one of \(spec.sources.count) source addresses") }
            if zonePairs * sources.count * destinations.count > Self.maximumExpansion, destinations.count > 1 {
                destinations = [.any]
                conditions.append("one of \(spec.destinations.count) destination addresses")
            }
        }
        var rules: [FilterRule] = []
        for sourceZone in sourceZones {
            for destinationZone in destinationZones {
                for source in sources {
                    for destination in destinations {
                        rules.append(FilterRule(
                            action: action, protocols: spec.protocols, source: source, destination: destination,
                            sourcePorts: spec.sourcePorts, destinationPorts: spec.destinationPorts,
                            establishedOnly: spec.establishedOnly, icmpTypes: spec.icmpTypes, sourceZone: sourceZone,
                            destinationZone: destinationZone, chain: chain, family: family, enabled: enabled,
                            label: spec.label, origin: spec.origin, conditions: conditions))
                    }
                }
            }
        }
        return rules
    }

    // MARK: - One rule line

    private mutating func ruleSpec(_ statement: RouterOSStatement, family: Int) -> RouterOSRuleSpec? {
        guard let chain = statement.value("chain"), !chain.isEmpty else {
            diagnose(.warning, "bad-value", "a filter rule without a chain is ignored by RouterOS", at: statement.span)
            return nil
        }
        let action = statement.value("action") ?? "accept"
        var spec = RouterOSRuleSpec(spans: [statement.span], chain: chain, action: action,
                                    enabled: !Self.isDisabled(statement), label: statement.value("comment"))
        spec.jumpTarget = statement.value("jump-target")
        if action == "jump" && spec.jumpTarget == nil {
            diagnose(.warning, "bad-value", "a jump rule without jump-target", at: statement.span)
        }
        let denies = action == "drop" || action == "reject" || action == "tarpit"
        for property in statement.properties where !Self.nonMatchingKeys.contains(property.key) {
            let value = property.value
            let written = "\(property.key)=\(value)"
            switch property.key {
            case "in-interface", "out-interface":
                let name = RouterOSValues.negation(value).value
                if name.hasPrefix("all-") {
                    spec.conditions.append(written)
                    continue
                }
                let selected = zones(forInterface: value)
                if property.key == "in-interface" { spec.inZones = Self.intersect(spec.inZones, selected) } else {
                    spec.outZones = Self.intersect(spec.outZones, selected)
                }
            case "in-interface-list", "out-interface-list":
                let selected = zones(forList: value)
                let name = RouterOSValues.negation(value).value
                if lists[name] == nil && !Self.builtinLists.contains(name) {
                    diagnose(.warning, "undefined-list", "interface list '\(name)' is not defined", at: statement.span)
                }
                if property.key == "in-interface-list" { spec.inZones = Self.intersect(spec.inZones, selected) } else {
                    spec.outZones = Self.intersect(spec.outZones, selected)
                }
            case "protocol":
                let (negated, name) = RouterOSValues.negation(value)
                if negated {
                    spec.conditions.append(written)
                } else if let proto = RouterOSValues.ipProtocol(name) {
                    spec.protocols = .only([proto])
                } else {
                    badValue("'\(value)' is not a protocol; read as any protocol", property, in: statement)
                    spec.conditions.append(written)
                }
            case "src-address", "dst-address":
                address(property, in: statement, into: &spec, isSource: property.key == "src-address")
            case "src-address-list", "dst-address-list":
                addressList(property, in: statement, family: family, into: &spec, isSource: property.key == "src-address-list")
            case "src-port", "dst-port":
                let (negated, text) = RouterOSValues.negation(value)
                if negated {
                    spec.conditions.append(written)
                } else if let ranges = RouterOSValues.ports(text) {
                    if property.key == "src-port" { spec.sourcePorts = .ranges(ranges) } else { spec.destinationPorts = .ranges(ranges) }
                } else {
                    badValue("'\(value)' is not a port list; read as any port", property, in: statement)
                    spec.conditions.append(written)
                }
            case "connection-state":
                let (negated, text) = RouterOSValues.negation(value)
                var states = Set(RouterOSValues.list(text))
                if negated { states = Set(Self.connectionStates).subtracting(states) }
                if !states.contains("new") {
                    // Without `new` the rule never sees a connection attempt: established-only in the
                    // model's two states, with the exact states kept as a condition.
                    spec.establishedOnly = true
                    spec.conditions.append("connection-state=\(states.sorted().joined(separator: ","))")
                }
            case "connection-nat-state" where denies && value == "!dstnat":
                continue
            case "icmp-options":
                spec.icmpTypes.append(value)
            case "ipsec-policy" where value.hasSuffix(",ipsec"):
                // Traffic that came out of (or goes into) an IPsec tunnel: the tunnel is its own
                // zone, `ipsec`, which no packet from the WAN is in without a security association.
                spec.conditions.append(written)
                if value.hasPrefix("in") { spec.inZones = ["ipsec"] } else { spec.outZones = ["ipsec"] }
            case "dst-address-type" where chain == "input" && value == "local":
                continue
            default:
                spec.conditions.append(written)
            }
        }
        // The kernel drops packets for 127.0.0.0/8 and ::1 that arrive on any interface but the
        // loopback (the default configuration's "accept to local loopback (for CAPsMAN)"): such a
        // rule sees only the router's own traffic, from interface `lo`.
        if spec.inZones == nil, !spec.destinations.isEmpty, spec.destinations.allSatisfy(Self.isLoopback) {
            spec.inZones = ["lo"]
        }
        return spec
    }

    static func isLoopback(_ match: AddressMatch) -> Bool {
        guard case .prefix(let prefix) = match else { return false }
        switch prefix.address {
        case .v4(let address): return prefix.length >= 8 && address >> 24 == 127
        case .v6(let address): return prefix.length == 128 && address == 1
        }
    }

    static func intersect(_ current: [String]?, _ selected: [String]?) -> [String]? {
        guard let current else { return selected }
        guard let selected else { return current }
        return current.filter(selected.contains)
    }

    private mutating func address(_ property: RouterOSProperty, in statement: RouterOSStatement, into spec: inout RouterOSRuleSpec,
                                  isSource: Bool) {
        let written = "\(property.key)=\(property.value)"
        let (negated, text) = RouterOSValues.negation(property.value)
        let already = isSource ? !spec.sources.isEmpty : !spec.destinations.isEmpty
        if negated || already {
            spec.conditions.append(written)
            return
        }
        let matches: [AddressMatch]
        switch RouterOSValues.address(text) {
        case .prefix(let prefix):
            matches = [.prefix(prefix)]
        case .range(_, _, let covering):
            matches = [.prefix(covering)]
            spec.conditions.append(written)
        case .other:
            badValue("'\(text)' is not an address or range; read as any address", property, in: statement)
            spec.conditions.append(written)
            return
        }
        if isSource { spec.sources = matches } else { spec.destinations = matches }
    }

    private mutating func addressList(_ property: RouterOSProperty, in statement: RouterOSStatement, family: Int,
                                      into spec: inout RouterOSRuleSpec, isSource: Bool) {
        let written = "\(property.key)=\(property.value)"
        let (negated, name) = RouterOSValues.negation(property.value)
        let list = family == 6 ? addressLists6[name] : addressLists[name]
        if list == nil {
            // Lists can be filled at run time (add-src-to-address-list, DNS names): not an error.
            config.references.append(ObjectReference(
                kind: .addressObject, name: name, context: "/\(statement.path) \(property.key)", filtersTraffic: false,
                origin: statement.origin(of: property)))
        }
        let already = isSource ? !spec.sources.isEmpty : !spec.destinations.isEmpty
        if negated || already {
            spec.conditions.append(written)
            return
        }
        var matches: [AddressMatch] = []
        var exact = true
        for entry in list?.entries ?? [] {
            switch entry {
            case .prefix(let prefix):
                if !matches.contains(.prefix(prefix)) { matches.append(.prefix(prefix)) }
            case .range(_, _, let covering):
                exact = false
                if !matches.contains(.prefix(covering)) { matches.append(.prefix(covering)) }
            case .other:
                matches = []
                exact = false
            }
            if matches.isEmpty && !exact { break }
        }
        if list == nil || matches.isEmpty || matches.count > 64 {
            matches = [.object(name)]
        } else if !exact {
            spec.conditions.append(written)
        }
        if isSource { spec.sources = matches } else { spec.destinations = matches }
    }

    // MARK: - Zone policies

    /// Each zone's input and forward policy: the verdict of the first enabled IPv4 rule that
    /// matches every packet from the zone, else the chain's ACCEPT.
    private mutating func setZonePolicies(_ rules: [FilterRule]) {
        var zoneIndex: [String: Int] = [:]
        for (index, zone) in config.zones.enumerated() { zoneIndex[zone.name] = index }
        for chain in [Chain.input, .forward] {
            var decided = Set<Int>()
            for rule in rules where rule.enabled && rule.chain == chain && rule.matchesEverything
                && (chain == .input || rule.destinationZone == "*") {
                let targets: [Int]
                if rule.sourceZone == "*" {
                    targets = Array(config.zones.indices)
                } else if let zone = rule.sourceZone, let index = zoneIndex[zone] {
                    targets = [index]
                } else {
                    continue
                }
                let policy = Sourced(rule.action, rule.origin)
                for index in targets where decided.insert(index).inserted {
                    if chain == .input { config.zones[index].input = policy } else { config.zones[index].forward = policy }
                }
                if decided.count == config.zones.count { break }
            }
        }
    }
}
