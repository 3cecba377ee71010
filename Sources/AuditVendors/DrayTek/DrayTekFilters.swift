import AuditCore

/// The Vigor firewall's IP filter: `ipf rule S R <options>` (or `ipf set S rule R <options>`)
/// fills rule R of filter set S; `ipf set -d N` names the set the data filter starts at, `ipf
/// set S -n N` chains sets. Syntax and codes from the Vigor3912 Series User's Guide, Part VIII
/// "Telnet Commands: ipf set / ipf rule".
struct DrayTekFilterRule {
    var enabled = false
    /// `-D`: 0 LAN/RT/VPN -> WAN, 1 WAN -> LAN/RT/VPN, 2 LAN/RT/VPN -> LAN/RT/VPN, 3 WAN -> Localhost.
    var direction: Int?
    /// `-F`: 0 pass immediately, 1 block immediately, 2 pass if no further match, 3 block if no further match.
    var action: Int?
    var sources: [AddressMatch] = [.any]
    var destinations: [AddressMatch] = [.any]
    var protocols: ProtocolMatch = .any
    var sourcePorts: PortMatch = .any
    var destinationPorts: PortMatch = .any
    var comment: String?
    /// What narrows the rule beyond the fields above (interfaces, objects, users), by option letter.
    var conditions: [Character: String] = [:]
    var spans: [SourceSpan] = []

    var passes: Bool { action == 0 || action == 2 }
    /// "If no further match" rules only decide when no later rule matches.
    var immediate: Bool { action == 0 || action == 1 }
}

struct DrayTekIPFilter {
    var rules: [Int: [Int: DrayTekFilterRule]] = [:]
    var nextSet: [Int: Int] = [:]
    var dataFilterStart: Sourced<Int>?
    var used: Bool { !rules.isEmpty }
}

extension DrayTekConverter {
    /// `ipf rule S R ...`, `ipf set ...`, `ipf view`, `ipf flowtrack ...`.
    mutating func ipf(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 2 else { return false }
        switch w[1] {
        case "rule":
            guard w.count >= 4, let set = ZLDText.integer(w[2]), let rule = ZLDText.integer(w[3]) else {
                badValue("ipf rule needs a filter set and a rule number", command)
                return true
            }
            filterRule(set: set, rule: rule, options: w.dropFirst(4), command)
            return true
        case "set":
            ipfSet(command)
            return true
        case "view", "flowtrack", "flowtest", "hash_analysis":
            return true
        default:
            return false
        }
    }

    /// `ipf set <options>` (general setup), `ipf set S -m|-n|-v` (a set), `ipf set S rule R ...`.
    private mutating func ipfSet(_ command: DrayTekCommand) {
        let w = command.words
        guard w.count >= 3 else { return }
        if let set = ZLDText.integer(w[2]) {
            if w.count >= 5, w[3] == "rule", let rule = ZLDText.integer(w[4]) {
                filterRule(set: set, rule: rule, options: w.dropFirst(5), command)
            } else if w.count >= 5, w[3] == "-n", let next = ZLDText.integer(w[4]) {
                ipFilter.nextSet[set] = next
            }
            return
        }
        // `-d N`: the data filter starts at set N; 0 turns the data filter off. The other general
        // options (`-c` call filter, `-p` default for unmatched packets, logging, code page,
        // content-filter profiles) carry nothing the WAN-facing model needs.
        if let at = w.firstIndex(of: "-d"), at + 1 < w.count, let start = ZLDText.integer(w[at + 1]) {
            ipFilter.dataFilterStart = Sourced(start, .source(span(command)))
        }
    }

    private mutating func filterRule(set: Int, rule index: Int, options: ArraySlice<Substring>, _ command: DrayTekCommand) {
        var rule = ipFilter.rules[set]?[index] ?? DrayTekFilterRule()
        rule.spans.append(span(command))
        var moveUp: Bool?
        for (flag, values) in Self.options(options) {
            switch flag {
            case "e": rule.enabled = values.first == "1"
            case "D":
                guard let value = values.first.flatMap(ZLDText.integer), value <= 3 else {
                    badValue("ipf rule \(set) \(index) -D takes 0 to 3", command)
                    continue
                }
                rule.direction = value
            case "F":
                guard let value = values.first.flatMap(ZLDText.integer), value <= 3 else {
                    badValue("ipf rule \(set) \(index) -F takes 0 to 3", command)
                    continue
                }
                rule.action = value
            case "s", "d":
                guard let addresses = Self.addresses(values) else {
                    badValue("ipf rule \(set) \(index) -\(flag) does not read", command)
                    continue
                }
                if flag == "s" { rule.sources = addresses } else { rule.destinations = addresses }
            case "S":
                service(values, into: &rule, command)
            case "I", "O":
                // `e LAN1,LAN2`: only traffic on these interfaces; `d` or `all`: every interface.
                let names = values.dropFirst().flatMap { $0.split(separator: ",") }
                if values.first == "e", !names.isEmpty, !names.contains("all") {
                    rule.conditions[flag] = "\(flag == "I" ? "incoming" : "outgoing") interface \(names.joined(separator: ","))"
                } else {
                    rule.conditions[flag] = nil
                }
            case "Y":
                // User management: a user object (1) or group (2) narrows the rule to those users.
                let kind = values.first.flatMap { Int($0) } ?? -1
                rule.conditions["Y"] = kind >= 1 ? "users \(values.joined(separator: " "))" : nil
            case "N":
                let next = values.first.flatMap(ZLDText.integer) ?? 0
                rule.conditions["N"] = next > 0 ? "branches to filter set \(next)" : nil
            case "M":
                rule.comment = values.joined(separator: " ")
            case "U":
                moveUp = values.first == "up"
            case "v", "f", "m", "y", "L", "q", "A", "l", "a", "u", "w", "n", "c", "C", "b", "t":
                // View, fragments, MAC binding, logging, limits, QoS, capture, load balancing,
                // content-filter profiles, code page, window size, banner, schedule: no model meaning.
                continue
            default:
                badValue("ipf rule option -\(flag) is not known", command)
            }
        }
        ipFilter.rules[set, default: [:]][index] = rule
        if let moveUp { move(set: set, rule: index, up: moveUp) }
    }

    /// `-U up|down` swaps the rule with its neighbour in the set.
    private mutating func move(set: Int, rule index: Int, up: Bool) {
        let other = up ? index - 1 : index + 1
        guard other >= 1, var rules = ipFilter.rules[set] else { return }
        let moving = rules[index]
        rules[index] = rules[other]
        rules[other] = moving
        ipFilter.rules[set] = rules
    }

    /// `-S o|g N` (a service object or group: unresolved), `-S "u <protocol> <source> <destination>"`
    /// with each port value written `op,start,end` (op 0 `=`/range, 1 `!=`, 2 `>=`, 3 `<=`).
    private mutating func service(_ values: [Substring], into rule: inout DrayTekFilterRule, _ command: DrayTekCommand) {
        guard let kind = values.first else { return }
        if kind == "o" || kind == "g" {
            rule.conditions["S"] = "service \(kind == "o" ? "object" : "group") \(values.dropFirst().joined(separator: " "))"
            return
        }
        guard kind == "u", values.count >= 2, let number = ZLDText.integer(values[1]) else {
            badValue("ipf rule -S does not read", command)
            return
        }
        rule.conditions["S"] = nil
        switch number {
        case 0: rule.protocols = .any
        case 6: rule.protocols = .only([.tcp])
        case 17: rule.protocols = .only([.udp])
        case 255: rule.protocols = .only([.tcp, .udp])
        case 1: rule.protocols = .only([.icmp])
        case 58: rule.protocols = .only([.icmpv6])
        default: rule.protocols = .only([.number(number)])
        }
        let ports = Array(values.dropFirst(2))
        guard !ports.isEmpty else {
            rule.sourcePorts = .any
            rule.destinationPorts = .any
            return
        }
        guard ports.count == 2, let source = Self.ports(ports[0]), let destination = Self.ports(ports[1]) else {
            badValue("ipf rule -S ports do not read as op,start,end", command)
            rule.conditions["S"] = "service ports \(ports.joined(separator: " "))"
            return
        }
        rule.sourcePorts = source
        rule.destinationPorts = destination
    }

    // MARK: - Values

    /// Option letters with their values: the words up to the next `-x` (a quoted value is one
    /// word holding blanks, split here).
    static func options(_ words: ArraySlice<Substring>) -> [(Character, [Substring])] {
        var result: [(Character, [Substring])] = []
        for word in words {
            let utf8 = word.utf8
            if utf8.count == 2, utf8.first == UInt8(ascii: "-"), let letter = word.last, letter.isLetter {
                result.append((letter, []))
            } else if !result.isEmpty {
                result[result.count - 1].1 += word.split(separator: " ")
            }
        }
        return result
    }

    /// `u 0 IP MASK` (subnet), `u 1 IP` (single), `u 2` (any), `u 3 FIRST LAST` (range); `o`,
    /// `o6`, `g`, `g6`, `c` with object numbers (0 means none) stay unresolved objects.
    static func addresses(_ values: [Substring]) -> [AddressMatch]? {
        guard let kind = values.first else { return nil }
        if kind == "u" {
            guard values.count >= 2, let type = ZLDText.integer(values[1]) else { return nil }
            let first = values.count > 2 ? IPAddress(values[2]) : nil
            switch type {
            case 0:
                guard let first, values.count > 3, let length = ZLDText.prefixLength(netmask: values[3]) else { return nil }
                return [.prefix(ZLDAddressMath.network(IPPrefix(first, length: length)))]
            case 1:
                guard let first else { return nil }
                return [.prefix(IPPrefix(first, length: 32))]
            case 2:
                return [.any]
            case 3:
                guard case .v4(let low)? = first, values.count > 3, case .v4(let high)? = IPAddress(values[3]), low <= high else {
                    return nil
                }
                return ZLDAddressMath.prefixes(from: low, to: high).map { .prefix($0) }
            default:
                return nil
            }
        }
        let names = ["o": "ip object", "o6": "ipv6 object", "g": "ip group", "g6": "ipv6 group", "c": "country object"]
        guard let name = names[String(kind)] else { return nil }
        let numbers = values.dropFirst().compactMap(ZLDText.integer)
        guard numbers.count == values.count - 1 else { return nil }
        if numbers.allSatisfy({ $0 == 0 }) { return [.any] }
        return [.object("\(name) \(numbers.map(String.init).joined(separator: " "))")]
    }

    /// `op,start,end`; a start of 0 (no port given) or the full range matches every port.
    static func ports(_ value: Substring) -> PortMatch? {
        let parts = value.split(separator: ",").map { ZLDText.port($0) }
        guard parts.count == 3, let op = parts[0], let start = parts[1], let end = parts[2] else { return nil }
        if start == 0 { return .any }
        switch op {
        case 0:
            guard start <= end || end == 0 else { return nil }
            let range = start...max(start, end)
            return range == 1...65535 ? .any : .ranges([range])
        case 1:
            let last = max(start, end)
            var outside: [ClosedRange<Int>] = []
            if start > 1 { outside.append(1...(start - 1)) }
            if last < 65535 { outside.append((last + 1)...65535) }
            return .ranges(outside)
        case 2: return start <= 1 ? .any : .ranges([start...65535])
        case 3: return .ranges([1...max(1, start)])
        default: return nil
        }
    }

    // MARK: - Rules

    /// The filter sets in the order the data filter runs them: from its start set along the
    /// `-n` chain, then sets the chain does not name (in number order: the factory chain of a
    /// device we do not see may well reach them). Immediate rules decide in order; "if no further
    /// match" rules only when no later rule matches, which in a first-match list is after every
    /// immediate rule, the last of them first.
    mutating func resolveFilters() {
        guard ipFilter.used else { return }
        let start = ipFilter.dataFilterStart
        var order: [Int] = []
        // Without `ipf set -d`, set 2: the guide's `ipf set -v` example shows "Data Filter: Enable
        // (Start Filter Set = 2)" after only the call filter was changed.
        var set = start?.value ?? 2
        while set > 0, ipFilter.rules[set] != nil || ipFilter.nextSet[set] != nil, !order.contains(set) {
            order.append(set)
            set = ipFilter.nextSet[set] ?? 0
        }
        order += ipFilter.rules.keys.sorted().filter { !order.contains($0) }
        var immediate: [FilterRule] = []
        var deferred: [FilterRule] = []
        for set in order {
            for (index, facts) in (ipFilter.rules[set] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard let rules = filterRules(set: set, index: index, facts, dataFilterOff: start?.value == 0) else { continue }
                if facts.immediate { immediate += rules } else { deferred.insert(contentsOf: rules, at: 0) }
            }
        }
        let rules = immediate + deferred
        guard !rules.isEmpty else { return }
        device.filters.append(FilterList(
            name: "ip-filter", kind: .zoneRules, rules: rules,
            defaultAction: Sourced(.deny, DrayTekConversion.vendorDefault(
                "connections the Internet starts reach nothing behind NAT unless a port redirection or open port maps them")),
            origin: rules[0].origin))
    }

    private mutating func filterRules(set: Int, index: Int, _ facts: DrayTekFilterRule, dataFilterOff: Bool) -> [FilterRule]? {
        let at = facts.spans.last ?? SourceSpan(file: file, start: 0)
        guard let direction = facts.direction, facts.action != nil else {
            device.diagnostics.append(Diagnostic(
                .warning, code: "incomplete-rule",
                "ipf rule \(set) \(index) has no \(facts.direction == nil ? "direction (-D)" : "filter action (-F)"); the rule is not modelled",
                at: at))
            return nil
        }
        let (from, to, chain): (String, String?, Chain) = switch direction {
        case 0: ("LAN", "WAN", .forward)
        case 1: ("WAN", "LAN", .forward)
        case 2: ("LAN", "LAN", .forward)
        default: ("WAN", nil, .input)
        }
        let origin: Provenance = facts.spans.count == 1 ? .source(facts.spans[0]) : .derived(facts.spans)
        let label = "filter set \(set) rule \(index)" + (facts.comment.map { " \($0)" } ?? "")
        let conditions = facts.conditions.sorted { $0.key < $1.key }.map(\.value)
        return facts.sources.flatMap { source in
            facts.destinations.map { destination in
                FilterRule(action: facts.passes ? .permit : .deny, protocols: facts.protocols, source: source,
                           destination: destination, sourcePorts: facts.sourcePorts, destinationPorts: facts.destinationPorts,
                           sourceZone: from, destinationZone: to, chain: chain, enabled: facts.enabled && !dataFilterOff,
                           label: label, origin: origin, conditions: conditions)
            }
        }
    }
}
