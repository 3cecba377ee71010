import AuditCore

struct RulesetKey: Hashable {
    var family: Int
    var name: String
}

/// A named rule-set (`firewall name X`, `ipv6-name X`, 1.4 `ipv4 name X`) read once; its rules are
/// placed in the model once per place it is used, with the chain and zones of that use.
struct VyattaRuleset {
    var key: RulesetKey
    var listName: String
    var node: Int32
    var defaultAction: Sourced<FilterAction>
    /// The `default-action` node, when written.
    var defaultNode: Int32?
    var rules: [VyattaRuleTemplate]
}

/// One `rule N` of a rule-set, as model rules without chain and zones (one per address pair when
/// a group names several networks), plus what a 1.4 base-chain rule says about interfaces.
struct VyattaRuleTemplate {
    var rules: [FilterRule]
    var node: Int32
    var label: String
    var jumpTarget: Int32?
    var inbound: [String]?
    var outbound: [String]?
    /// The rule matches on more than interfaces (for jumps: those conditions are not combined).
    var hasConditions: Bool
}

/// Firewall semantics (EdgeOS, VyOS up to 1.3, and VyOS 1.4+ base chains):
///
/// - a rule-set attached `in` on an interface filters traffic arriving there and forwarded through
///   the router (chain forward, from that interface's zone to any); `local` filters traffic to the
///   router itself (chain input); `out` filters traffic leaving by that interface (chain forward,
///   source unknown);
/// - an interface without a rule-set for a direction accepts everything in that direction
///   (Vyatta's iptables INPUT/FORWARD policies are ACCEPT; the rule-sets are hooked in per
///   interface);
/// - a rule-set drops what no rule matches unless `default-action` says otherwise (vyos-1x
///   `firewall/name-default-action.xml.i`: "Drop if no prior rules are hit (default)"; the same
///   in EdgeOS);
/// - VyOS 1.4+ `firewall ipv4 input|forward|output filter` base chains accept by default
///   (vyos-1x `default-action-base-chains.xml.i`: `<defaultValue>accept</defaultValue>`); their
///   rules name interfaces with `inbound-interface`/`outbound-interface`, and `action jump` to a
///   named chain is followed (named chains drop by default: `default-action.xml.i`);
/// - `state established/related` only → `establishedOnly`; a state set without `new` (such as
///   `invalid`), TCP flags, rate limits, negations and other matches the model has no field for are
///   kept in `conditions`, so no check takes such a rule for an any-any rule;
/// - every zone is one interface (its name), except with `zone-policy` / `firewall zone`, whose
///   zones are used as written.
extension VyattaConversion {
    /// More address pairs than this in one rule are not expanded (the groups stay named objects).
    static let maximumAddressPairs = 64

    mutating func convertFirewall() {
        readGroups()
        readRulesets()
        var lists: [String: [FilterRule]] = [:]
        var listOrder: [String] = []
        func add(_ name: String, _ rules: [FilterRule]) {
            if lists[name] == nil { listOrder.append(name); lists[name] = [] }
            lists[name]! += rules
        }
        let zonePolicy = zonePolicyNode()
        let baseChains = readBaseChains()

        if let zonePolicy {
            convertZonePolicy(zonePolicy, add: &lists, order: &listOrder)
        } else {
            for interface in interfaces where !interface.disabled && !interface.isMember {
                var input: Sourced<FilterAction>?
                var forward: Sourced<FilterAction>?
                var output: Sourced<FilterAction>?
                for attachment in interface.attachments {
                    let reference = attachmentReference(attachment, interface: interface)
                    guard let ruleset = rulesets[RulesetKey(family: attachment.family, name: attachment.name)] else {
                        if attachment.family == 4, let reference {
                            switch attachment.direction {
                            case "local": input = input ?? reference
                            case "in": forward = forward ?? reference
                            case "out": output = output ?? reference
                            default: break
                            }
                        }
                        continue
                    }
                    let chain: Chain
                    var source: String? = interface.name
                    var destination: String? = "*"
                    switch attachment.direction {
                    case "local": chain = .input; destination = nil
                    case "in": chain = .forward
                    case "out": chain = .forward; source = nil; destination = interface.name
                    default:
                        diagnose(.warning, "bad-value", "'\(attachment.direction)' is not a firewall direction (in, out, local)",
                                 at: tree.lineSpan(attachment.node))
                        continue
                    }
                    filterUse(ruleset.listName, attachment: attachment, interface: interface.name)
                    add(ruleset.listName, instantiate(ruleset, chain: chain, from: source, to: destination))
                    guard attachment.family == 4 else { continue }
                    let policy = Sourced(ruleset.defaultAction.value, policyOrigin(ruleset, attachment: attachment.node))
                    switch attachment.direction {
                    case "local": input = input ?? policy
                    case "in": forward = forward ?? policy
                    default: output = output ?? policy
                    }
                }
                let base = baseChains.policies
                config.zones.append(Zone(
                    name: interface.name, role: interface.role, members: [interface.name],
                    input: input ?? base[.input] ?? Sourced(.permit, vendorDefault(
                        "an interface without a firewall 'local' rule-set accepts all traffic to the router")),
                    output: output ?? base[.output] ?? Sourced(.permit, vendorDefault(
                        "an interface without a firewall 'out' rule-set passes all traffic leaving by it")),
                    forward: forward ?? base[.forward] ?? Sourced(.permit, vendorDefault(
                        "an interface without a firewall 'in' rule-set forwards all traffic arriving on it")),
                    origin: tree.origin(interface.node)))
            }
        }
        for (name, rules) in baseChains.lists { add(name, rules) }

        // Rule-sets used nowhere are still analysed (shadowed rules), without chain or zones.
        for ruleset in rulesets.values.sorted(by: { tree[$0.node].line < tree[$1.node].line }) where lists[ruleset.listName] == nil {
            add(ruleset.listName, ruleset.rules.flatMap(\.rules))
        }
        let byName = Dictionary(rulesets.values.map { ($0.listName, $0) }, uniquingKeysWith: { a, _ in a })
        for name in listOrder {
            if let ruleset = byName[name] {
                config.filters.append(FilterList(name: name, kind: .zoneRules, rules: lists[name] ?? [],
                                                 defaultAction: ruleset.defaultAction, origin: .source(tree.blockSpan(ruleset.node))))
            } else if let chain = baseChains.listNodes[name] {
                config.filters.append(FilterList(name: name, kind: .zoneRules, rules: lists[name] ?? [],
                                                 defaultAction: chain.policy, origin: .source(tree.blockSpan(chain.node))))
            }
        }
    }

    /// How a zone's policy came to be: the attachment line and the rule-set's default-action line,
    /// or the attachment line and the vendor default when the rule-set has no default-action.
    private func policyOrigin(_ ruleset: VyattaRuleset, attachment: Int32) -> Provenance {
        guard let defaultNode = ruleset.defaultNode else {
            return vendorDefault("rule-set \(ruleset.key.name) (attached at line \(tree[attachment].line)) has no "
                                 + "default-action: it drops what no rule matches")
        }
        return provenance([attachment, defaultNode])
    }

    private mutating func filterUse(_ list: String, attachment: VyattaInterface.Attachment, interface: String) {
        let use: FilterUse
        switch attachment.direction {
        case "in": use = .interfaceInbound(interface)
        case "out": use = .interfaceOutbound(interface)
        default: use = .other("local on \(interface)")
        }
        config.filterUses[list, default: []].append(use)
    }

    /// Records the reference from an interface to a rule-set. An undefined rule-set in a
    /// config.boot filters nothing (the reference is reported, the direction accepts); in a
    /// config.gateway.json it is defined by the controller's base configuration, so it is said
    /// to be unresolved and the direction is taken as filtered (value unparsed).
    private mutating func attachmentReference(_ attachment: VyattaInterface.Attachment,
                                              interface: VyattaInterface) -> Sourced<FilterAction>? {
        let key = RulesetKey(family: attachment.family, name: attachment.name)
        let listName = rulesets[key]?.listName ?? attachment.name
        let context = "firewall \(attachment.direction) \(attachment.family == 6 ? "ipv6-name" : "name") on \(interface.name)"
        if rulesets[key] != nil {
            config.references.append(ObjectReference(kind: .filter, name: listName, context: context, filtersTraffic: true,
                                                     origin: tree.origin(attachment.node)))
            return nil
        }
        if document.isOverlay {
            diagnose(.info, "unresolved-reference", "\(context) names rule-set \(attachment.name), which this "
                     + "config.gateway.json does not define: it comes from the controller's base configuration and is "
                     + "not analysed", at: tree.lineSpan(attachment.node))
            return Sourced(.deny, .unparsed(tree.lineSpan(attachment.node)))
        }
        config.references.append(ObjectReference(kind: .filter, name: listName, context: context, filtersTraffic: true,
                                                 origin: tree.origin(attachment.node)))
        return Sourced(.permit, provenance([attachment.node]))
    }

    /// The rules of a rule-set placed on one chain and zone pair.
    func instantiate(_ ruleset: VyattaRuleset, chain: Chain?, from source: String?, to destination: String?) -> [FilterRule] {
        ruleset.rules.flatMap(\.rules).map { rule in
            var placed = rule
            placed.chain = chain
            placed.sourceZone = source
            placed.destinationZone = destination
            return placed
        }
    }

    // MARK: - Groups

    private mutating func readGroups() {
        guard let groups = top("firewall").flatMap({ tree.child($0, "group") }) else { return }
        for (kind, key) in [("address-group", "address"), ("network-group", "network"),
                            ("ipv6-address-group", "address"), ("ipv6-network-group", "network")] {
            guard let node = tree.child(groups, kind) else { continue }
            for group in tree.children(node) {
                var prefixes: [IPPrefix] = []
                for value in tree.values(group, key) {
                    let text = tree.word(value)
                    if let prefix = VyattaValues.prefix(text) {
                        prefixes.append(prefix)
                    } else if let expanded = Self.rangePrefixes(text) {
                        prefixes += expanded
                    } else {
                        diagnose(.warning, "bad-value", "'\(text)' is not an address or network in \(kind) \(tree.word(group))",
                                 at: tree.lineSpan(value))
                    }
                }
                addressGroups[String(tree.word(group))] = prefixes
            }
        }
        if let node = tree.child(groups, "port-group") {
            for group in tree.children(node) {
                var ranges: [ClosedRange<Int>] = []
                for value in tree.values(group, "port") {
                    if let read = VyattaValues.ports(tree.word(value)) {
                        ranges += read
                    } else {
                        diagnose(.warning, "bad-value", "'\(tree.word(value))' is not a port in port-group \(tree.word(group))",
                                 at: tree.lineSpan(value))
                    }
                }
                portGroups[String(tree.word(group))] = ranges
            }
        }
        if let node = tree.child(groups, "interface-group") {
            for group in tree.children(node) {
                interfaceGroups[String(tree.word(group))] = tree.values(group, "interface").map { String(tree.word($0)) }
            }
        }
    }

    /// A range `a-b` that is not one prefix, as the prefixes that cover it exactly (at most 32).
    static func rangePrefixes(_ text: Substring) -> [IPPrefix]? {
        guard let dash = text.firstIndex(of: "-"), case .v4(var low)? = IPAddress(text[..<dash]),
              case .v4(let high)? = IPAddress(text[text.index(after: dash)...]), low <= high else { return nil }
        var result: [IPPrefix] = []
        while low <= high, result.count < 32 {
            var length = 32
            while length > 0 {
                let size = UInt64(1) << (32 - (length - 1))
                let candidateMask = UInt32(truncatingIfNeeded: ~(size - 1))
                if low & ~candidateMask != 0 || UInt64(low) + size - 1 > UInt64(high) { break }
                length -= 1
            }
            result.append(IPPrefix(.v4(low), length: length))
            let next = UInt64(low) + (UInt64(1) << (32 - length))
            if next > UInt64(UInt32.max) { break }
            low = UInt32(next)
        }
        return result
    }

    // MARK: - Rule-sets

    private mutating func readRulesets() {
        guard let firewall = top("firewall") else { return }
        var sources: [(node: Int32, family: Int)] = []
        for (key, family) in [("name", 4), ("ipv6-name", 6)] {
            if let node = tree.child(firewall, key) { sources += tree.children(node).map { ($0, family) } }
        }
        for (key, family) in [("ipv4", 4), ("ipv6", 6)] {
            if let node = tree.path(firewall, key, "name") { sources += tree.children(node).map { ($0, family) } }
        }
        let v4Names = Set(sources.filter { $0.family == 4 }.map { String(tree.word($0.node)) })
        for (node, family) in sources {
            let name = String(tree.word(node))
            let listName = family == 6 && v4Names.contains(name) ? "ipv6-name \(name)" : name
            let (action, defaultNode) = defaultAction(of: node, name: name, base: false)
            let rules = readRules(of: node, listName: name, family: family)
            rulesets[RulesetKey(family: family, name: name)] = VyattaRuleset(
                key: RulesetKey(family: family, name: name), listName: listName, node: node,
                defaultAction: action, defaultNode: defaultNode, rules: rules)
        }
    }

    /// `default-action` of a rule-set or base chain, or its default (drop for rule-sets, accept for
    /// 1.4 base chains).
    private mutating func defaultAction(of node: Int32, name: String, base: Bool) -> (Sourced<FilterAction>, Int32?) {
        guard let value = tree.value(node, "default-action") else {
            return base
                ? (Sourced(.permit, vendorDefault("the \(name) base chain accepts what no rule matches unless default-action is set")), nil)
                : (Sourced(.deny, vendorDefault("rule-set \(name) drops what no rule matches unless default-action is set")), nil)
        }
        switch tree.word(value) {
        case "accept": return (Sourced(.permit, tree.origin(value)), value)
        case "drop": return (Sourced(.deny, tree.origin(value)), value)
        case "reject": return (Sourced(.reject, tree.origin(value)), value)
        case "return", "continue":
            // Back in the calling chain, whose verdict decides: as good as not filtering here.
            return (Sourced(.permit, tree.origin(value)), value)
        default:
            diagnose(.warning, "bad-value", "'\(tree.word(value))' is not a default-action the model knows", at: tree.lineSpan(value))
            return (Sourced(.deny, .unparsed(tree.lineSpan(value))), value)
        }
    }

    private mutating func readRules(of ruleset: Int32, listName: String, family: Int) -> [VyattaRuleTemplate] {
        guard let rules = tree.child(ruleset, "rule") else { return [] }
        var numbered: [(Int, Int32)] = []
        for rule in tree.children(rules) {
            numbered.append((Int(tree.word(rule)) ?? Int.max, rule))
        }
        // Rules are evaluated in number order, whatever order the file lists them in.
        numbered.sort { $0.0 < $1.0 }
        return numbered.map { readRule($0.1, ruleset: listName, family: family) }
    }

    /// Keys of a rule the model reads into fields.
    private static let modelledRuleKeys: Set<Substring> = [
        "action", "protocol", "source", "destination", "state", "icmp", "icmpv6", "disable", "description", "log",
        "log-options", "log-level", "jump-target", "inbound-interface", "outbound-interface",
    ]

    private mutating func readRule(_ rule: Int32, ruleset: String, family: Int) -> VyattaRuleTemplate {
        let label = "\(ruleset) rule \(tree.word(rule))"
        var extras: [String] = []
        var enabled = !tree.has(rule, "disable")
        var action = FilterAction.permit
        var jumpTarget: Int32?
        if let value = tree.value(rule, "action") {
            switch tree.word(value) {
            case "accept": action = .permit
            case "drop": action = .deny
            case "reject": action = .reject
            case "jump":
                jumpTarget = tree.value(rule, "jump-target")
                if jumpTarget == nil {
                    diagnose(.warning, "bad-value", "\(label): action jump without jump-target", at: tree.lineSpan(value))
                }
                enabled = false
            case "queue", "inspect":
                extras.append("action \(tree.word(value))")
            case "return", "continue":
                diagnose(.info, "not-filtering", "\(label): action \(tree.word(value)) gives no verdict here; "
                         + "the rule is kept disabled for filtering", at: tree.lineSpan(value))
                enabled = false
            default:
                diagnose(.warning, "bad-value", "\(label): '\(tree.word(value))' is not a rule action", at: tree.lineSpan(value))
                enabled = false
            }
        } else {
            diagnose(.warning, "bad-value", "\(label) has no action; the device refuses such a rule", at: tree.lineSpan(rule))
            enabled = false
        }

        var protocols = ProtocolMatch.any
        if let value = tree.value(rule, "protocol") {
            switch VyattaValues.protocols(tree.word(value)) {
            case .match(let match): protocols = match
            case .unmodelled(let text): extras.append(text)
            }
        }
        let source = readSide(tree.child(rule, "source"), side: "source", label: label, family: family, extras: &extras)
        let destination = readSide(tree.child(rule, "destination"), side: "destination", label: label, family: family,
                                   extras: &extras)
        let establishedOnly = readState(rule, extras: &extras)
        var icmpTypes: [String] = []
        for key in ["icmp", "icmpv6"] {
            guard let icmp = tree.child(rule, key) else { continue }
            if let name = tree.text(icmp, "type-name") {
                icmpTypes.append(String(name))
            } else if let type = tree.text(icmp, "type") {
                icmpTypes.append(tree.text(icmp, "code").map { "\(type)/\($0)" } ?? String(type))
            }
        }
        for key in tree.children(rule) where !Self.modelledRuleKeys.contains(tree.word(key)) {
            extras.append(flatText(key))
        }
        var inbound: [String]?
        var outbound: [String]?
        if let node = tree.child(rule, "inbound-interface") { inbound = interfaceNames(node) }
        if let node = tree.child(rule, "outbound-interface") { outbound = interfaceNames(node) }

        var pairs: [(AddressMatch, AddressMatch)] = []
        for s in source.addresses { for d in destination.addresses { pairs.append((s, d)) } }
        if pairs.count > Self.maximumAddressPairs {
            diagnose(.info, "not-modelled", "\(label): \(pairs.count) address pairs; groups kept as named objects",
                     at: tree.lineSpan(rule))
            pairs = [(source.fallback, destination.fallback)]
        }
        let origin = Provenance.source(tree.blockSpan(rule))
        let rules = pairs.map { pair in
            var rule = FilterRule(
                action: action, protocols: protocols, source: pair.0, destination: pair.1,
                sourcePorts: source.ports, destinationPorts: destination.ports, establishedOnly: establishedOnly,
                icmpTypes: icmpTypes, family: family, enabled: enabled, label: label, origin: origin)
            rule.conditions = extras
            return rule
        }
        let hasConditions = protocols != .any || !source.isAny || !destination.isAny || establishedOnly || !extras.isEmpty
        return VyattaRuleTemplate(rules: rules, node: rule, label: label, jumpTarget: jumpTarget, inbound: inbound,
                                  outbound: outbound, hasConditions: hasConditions)
    }

    /// A subtree as one line of words (`tcp flags SYN`, `limit rate 5/minute burst 3`), for
    /// conditions kept as written.
    func flatText(_ node: Int32) -> String {
        var words: [String] = []
        func walk(_ current: Int32, prefix: [String]) {
            let here = prefix + [String(tree.word(current))]
            if tree.isLeaf(current) {
                words.append(here.joined(separator: " "))
                return
            }
            for child in tree.children(current) { walk(child, prefix: here) }
        }
        walk(node, prefix: [])
        return words.joined(separator: "; ")
    }

    /// `inbound-interface eth0` (1.3 NAT style), `inbound-interface name eth0`,
    /// `inbound-interface interface-name eth0`, `inbound-interface group G` (1.4).
    func interfaceNames(_ node: Int32) -> [String] {
        var names: [String] = []
        for child in tree.children(node) {
            let word = tree.word(child)
            if word == "name" || word == "interface-name" {
                names += tree.children(child).map { String(tree.word($0)) }
            } else if word == "group" || word == "interface-group" {
                for group in tree.children(child) {
                    names += interfaceGroups[String(tree.word(group))] ?? [String(tree.word(group))]
                }
            } else if tree.isLeaf(child) {
                names.append(String(word))
            }
        }
        return names
    }

    struct Side {
        var addresses: [AddressMatch] = [.any]
        var ports: PortMatch = .any
        /// What to use when the address pairs are too many to expand.
        var fallback: AddressMatch = .any
        var isAny: Bool { addresses == [.any] && ports == .any }
    }

    /// `source`/`destination`: `address`, `port`, `group { address-group, network-group,
    /// port-group }`; negations and matches without a model field go to `extras`.
    private mutating func readSide(_ node: Int32?, side: String, label: String, family: Int,
                                   extras: inout [String]) -> Side {
        var result = Side()
        guard let node else { return result }
        var ranges: [ClosedRange<Int>] = []
        var hasPorts = false
        if let value = tree.value(node, "address") {
            let text = tree.word(value)
            if text.hasPrefix("!") {
                extras.append("\(side) address \(text)")
            } else if let prefix = VyattaValues.prefix(text) {
                result.addresses = [.prefix(prefix)]
                result.fallback = .prefix(prefix)
            } else if let expanded = Self.rangePrefixes(text) {
                result.addresses = expanded.map { .prefix($0) }
                result.fallback = .object(String(text))
            } else {
                diagnose(.warning, "bad-value", "\(label): '\(text)' is not an address", at: tree.lineSpan(value))
                result.addresses = [.object(String(text))]
                result.fallback = .object(String(text))
            }
        }
        if let value = tree.value(node, "port") {
            let text = tree.word(value)
            if text.hasPrefix("!") {
                extras.append("\(side) port \(text)")
            } else if let read = VyattaValues.ports(text) {
                ranges += read
                hasPorts = true
            } else {
                diagnose(.warning, "bad-value", "\(label): '\(text)' is not a port list", at: tree.lineSpan(value))
                extras.append("\(side) port \(text)")
            }
        }
        if let group = tree.child(node, "group") {
            for kind in tree.children(group) {
                let kindWord = tree.word(kind)
                for value in tree.children(kind) {
                    let text = tree.word(value)
                    if text.hasPrefix("!") {
                        extras.append("\(side) \(kindWord) \(text)")
                        continue
                    }
                    let name = String(text)
                    switch kindWord {
                    case "address-group", "network-group", "ipv6-address-group", "ipv6-network-group":
                        var reference = ObjectReference(kind: .addressObject, name: name, context: "\(label) \(side) \(kindWord)",
                                                        filtersTraffic: false, origin: tree.origin(value))
                        // A config.gateway.json may use groups of the controller's configuration.
                        reference.knownUndefined = addressGroups[name] == nil && !document.isOverlay
                        config.references.append(reference)
                        if let prefixes = addressGroups[name], !prefixes.isEmpty {
                            result.addresses = prefixes.map { .prefix($0) }
                        } else {
                            if addressGroups[name] == nil {
                                diagnose(.warning, "undefined-group", "\(label): \(kindWord) \(name) is not defined",
                                         at: tree.lineSpan(value))
                            }
                            result.addresses = [.object(name)]
                        }
                        result.fallback = .object(name)
                    case "port-group":
                        var reference = ObjectReference(kind: .addressObject, name: name, context: "\(label) \(side) port-group",
                                                        filtersTraffic: false, origin: tree.origin(value))
                        reference.knownUndefined = portGroups[name] == nil && !document.isOverlay
                        config.references.append(reference)
                        if let group = portGroups[name] {
                            ranges += group
                            hasPorts = true
                        } else {
                            diagnose(.warning, "undefined-group", "\(label): port-group \(name) is not defined",
                                     at: tree.lineSpan(value))
                            extras.append("\(side) port-group \(name)")
                        }
                    default:
                        extras.append("\(side) \(kindWord) \(name)")
                    }
                }
            }
        }
        for key in tree.children(node) {
            let word = tree.word(key)
            if word == "address" || word == "port" || word == "group" { continue }
            extras.append("\(side) \(flatText(key))")
        }
        if hasPorts { result.ports = ranges.isEmpty ? .any : .ranges(ranges) }
        return result
    }

    /// `state { established enable; related enable }` (EdgeOS, VyOS ≤ 1.3) or `state established`
    /// (1.4). Returns true when the rule matches only established/related packets; a state set
    /// without `new` otherwise goes to `extras`.
    private func readState(_ rule: Int32, extras: inout [String]) -> Bool {
        guard let state = tree.child(rule, "state") else { return false }
        var enabled: Set<Substring> = []
        for child in tree.children(state) {
            if let value = firstChild(child) {
                if tree.word(value) == "enable" { enabled.insert(tree.word(child)) }
            } else {
                enabled.insert(tree.word(child))
            }
        }
        if enabled.isEmpty || enabled.contains("new") { return false }
        if enabled.isSubset(of: ["established", "related"]) { return true }
        extras.append("state " + enabled.sorted().joined(separator: ","))
        return false
    }

    // MARK: - VyOS 1.4+ base chains

    struct BaseChains {
        var lists: [(String, [FilterRule])] = []
        var listNodes: [String: (node: Int32, policy: Sourced<FilterAction>)] = [:]
        var policies: [Chain: Sourced<FilterAction>] = [:]
    }

    /// `firewall ipv4|ipv6 input|forward|output filter`: global chains. Their rules carry their
    /// zones from `inbound-interface`/`outbound-interface` (any interface when absent); jumps to a
    /// named chain are followed once.
    private mutating func readBaseChains() -> BaseChains {
        var result = BaseChains()
        guard let firewall = top("firewall") else { return result }
        for (familyWord, family) in [("ipv4", 4), ("ipv6", 6)] {
            for (chainWord, chain) in [("input", Chain.input), ("forward", .forward), ("output", .output)] {
                guard let node = tree.path(firewall, familyWord, chainWord, "filter") else { continue }
                let name = "\(familyWord) \(chainWord) filter"
                let (policy, _) = defaultAction(of: node, name: name, base: true)
                var rules: [FilterRule] = []
                for template in readRules(of: node, listName: name, family: family) {
                    let sources = chain == .output ? [nil] : (template.inbound ?? ["*"]).map(Optional.some)
                    let destinations = chain == .input ? [nil] : (template.outbound ?? ["*"]).map(Optional.some)
                    for source in sources {
                        for destination in destinations {
                            if let target = template.jumpTarget {
                                rules += followJump(template, target: target, family: family, chain: chain,
                                                    from: source, to: destination)
                                continue
                            }
                            rules += template.rules.map { rule in
                                var placed = rule
                                placed.chain = chain
                                placed.sourceZone = source
                                placed.destinationZone = destination
                                return placed
                            }
                        }
                    }
                }
                result.lists.append((name, rules))
                result.listNodes[name] = (node, policy)
                if family == 4 { result.policies[chain] = policy }
            }
        }
        return result
    }

    /// The rules of a jump target, placed where the jump is, then the target's default action
    /// (unless it returns). A jump with conditions besides interfaces is followed with those
    /// conditions noted as extra matches (not combined), so its rules are not taken as broad.
    private mutating func followJump(_ jump: VyattaRuleTemplate, target: Int32, family: Int, chain: Chain,
                                     from source: String?, to destination: String?) -> [FilterRule] {
        let name = String(tree.word(target))
        guard let ruleset = rulesets[RulesetKey(family: family, name: name)] else {
            config.references.append(ObjectReference(kind: .filter, name: name, context: "\(jump.label) jump-target",
                                                     filtersTraffic: true, origin: tree.origin(target)))
            return []
        }
        config.references.append(ObjectReference(kind: .filter, name: ruleset.listName, context: "\(jump.label) jump-target",
                                                 filtersTraffic: true, origin: tree.origin(target)))
        var rules = instantiate(ruleset, chain: chain, from: source, to: destination)
        if ruleset.defaultNode.map({ ["return", "continue"].contains(tree.word(firstChild($0) ?? $0)) }) != true {
            let origin: Provenance = ruleset.defaultNode.map { tree.origin($0) }
                ?? vendorDefault("named chain \(name) drops what no rule matches unless default-action is set")
            rules.append(FilterRule(action: ruleset.defaultAction.value, sourceZone: source, destinationZone: destination,
                                    chain: chain, family: family, label: "\(name) default-action", origin: origin))
        }
        if jump.hasConditions {
            for index in rules.indices { rules[index].conditions.append("via \(jump.label)") }
        }
        return rules
    }

    // MARK: - Zones

    private func zonePolicyNode() -> Int32? {
        if let node = top("zone-policy").flatMap({ tree.child($0, "zone") }) { return node }
        if let node = top("firewall").flatMap({ tree.child($0, "zone") }) { return node }
        return nil
    }

    /// `zone-policy zone Z { interface I; default-action drop; local-zone; from W { firewall name X } }`
    /// (VyOS 1.3, EdgeOS) and 1.4 `firewall zone`. Traffic from zone W to zone Z passes Z's
    /// `from W` rule-set, or Z's default-action (drop by default). Traffic to the router passes the
    /// local zone's `from W` rule-set, or its default-action; with no local zone it is not filtered.
    private mutating func convertZonePolicy(_ zonesNode: Int32, add lists: inout [String: [FilterRule]], order: inout [String]) {
        func add(_ name: String, _ rules: [FilterRule]) {
            if lists[name] == nil { order.append(name); lists[name] = [] }
            lists[name]! += rules
        }
        let zones = Array(tree.children(zonesNode))
        let local = zones.first { tree.has($0, "local-zone") }
        for zone in zones where zone != local {
            let name = String(tree.word(zone))
            let members = tree.values(zone, "interface").map { String(tree.word($0)) }
            let memberRoles = members.compactMap { interface(named: $0)?.role }
            let role = memberRoles.first { $0.value == .wan } ?? memberRoles.first { $0.value != .unknown }
                ?? Sourced(.unknown, vendorDefault("no member interface of zone \(name) has a known role"))
            var input = Sourced(FilterAction.permit, vendorDefault("without a local zone, zone-policy does not filter traffic to the router"))
            if let local {
                if let from = tree.path(local, "from", name) {
                    input = zonePairPolicy(from, chain: .input, source: name, destination: nil, add: add)
                } else {
                    input = zoneDefault(local)
                }
            }
            // Forwarding: each other zone's `from <name>` rule-set, else that zone's default.
            for other in zones where other != zone && other != local {
                let otherName = String(tree.word(other))
                if let from = tree.path(other, "from", name) {
                    _ = zonePairPolicy(from, chain: .forward, source: name, destination: otherName, add: add)
                }
            }
            config.zones.append(Zone(
                name: name, role: role, members: members, input: input,
                output: Sourced(.permit, vendorDefault("traffic from the router is filtered by the local zone's rule-sets only")),
                forward: zoneDefault(zone), origin: tree.origin(zone)))
            for member in members {
                if let index = config.interfaces.firstIndex(where: { $0.name == member }) { config.interfaces[index].zone = name }
            }
        }
    }

    private func zoneDefault(_ zone: Int32) -> Sourced<FilterAction> {
        guard let value = tree.value(zone, "default-action") else {
            return Sourced(.deny, vendorDefault("zone \(tree.word(zone)) drops traffic no rule-set allows unless default-action is set"))
        }
        switch tree.word(value) {
        case "accept": return Sourced(.permit, tree.origin(value))
        case "reject": return Sourced(.reject, tree.origin(value))
        default: return Sourced(.deny, tree.origin(value))
        }
    }

    /// The rules of `from W firewall name X` on one zone pair; the pair's policy is X's default.
    private mutating func zonePairPolicy(_ from: Int32, chain: Chain, source: String, destination: String?,
                                         add: (String, [FilterRule]) -> Void) -> Sourced<FilterAction> {
        var policy: Sourced<FilterAction>?
        for (key, family) in [("name", 4), ("ipv6-name", 6), ("ipv4", 4), ("ipv6", 6)] {
            guard let holder = tree.path(from, "firewall", key) else { continue }
            let values = family == 4 && key == "ipv4" || family == 6 && key == "ipv6" ? tree.values(holder, "name") : Array(tree.children(holder))
            for value in values {
                let name = String(tree.word(value))
                guard let ruleset = rulesets[RulesetKey(family: family, name: name)] else {
                    config.references.append(ObjectReference(kind: .filter, name: name, context: "zone \(destination ?? "local") from \(source)",
                                                             filtersTraffic: true, origin: tree.origin(value)))
                    continue
                }
                config.references.append(ObjectReference(kind: .filter, name: ruleset.listName,
                                                         context: "zone \(destination ?? "local") from \(source)",
                                                         filtersTraffic: true, origin: tree.origin(value)))
                var rules = instantiate(ruleset, chain: chain, from: source, to: destination)
                if destination != nil {
                    // The pair's own default, so forwarding without a later rule is decided here.
                    rules.append(FilterRule(action: ruleset.defaultAction.value, sourceZone: source, destinationZone: destination,
                                            chain: chain, family: family, label: "\(name) default-action",
                                            origin: ruleset.defaultNode.map { tree.origin($0) } ?? tree.origin(value)))
                }
                add(ruleset.listName, rules)
                if family == 4, policy == nil {
                    policy = Sourced(ruleset.defaultAction.value, policyOrigin(ruleset, attachment: value))
                }
            }
        }
        return policy ?? Sourced(.permit, provenance([from]))
    }
}
