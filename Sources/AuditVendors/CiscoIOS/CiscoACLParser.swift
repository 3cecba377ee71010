import AuditCore

/// One entry of an access list, read into the model's rule shape.
public struct CiscoACLEntry: Sendable {
    public enum Kind: Sendable, Equatable {
        case rule
        /// `remark`: documentation only.
        case remark
        /// A line that belongs to the list but is not a rule (`statistics per-entry`, `evaluate`).
        case other
    }

    public var kind: Kind
    public var rule: FilterRule?
    /// Parts kept in the rule but not modelled exactly (time-range, service object-groups).
    public var notes: [String] = []
    /// Why the entry could not be read fully; the rule (when any) is then only a best effort.
    public var problem: String?
    /// Object-groups the entry names (address and service groups).
    public var objectGroups: [String] = []
}

/// Reads IOS access-list entries: standard (source only), extended (protocol, source, ports,
/// destination, ports, options) and IPv6 (prefix notation, `sequence N`).
public enum CiscoACLParser {
    public enum Grammar: Sendable {
        case standard, extended, ipv6

        var family: Int { self == .ipv6 ? 6 : 4 }
    }

    /// Parses the entry in `words[start...]`. Named-list children start at 0; numbered
    /// `access-list N ...` lines start after the number.
    public static func parse(_ words: [Substring], from start: Int, grammar: Grammar, origin: Provenance) -> CiscoACLEntry {
        var reader = EntryReader(words: words, index: start, grammar: grammar)
        return reader.read(origin: origin)
    }
}

private struct EntryReader {
    let words: [Substring]
    var index: Int
    let grammar: CiscoACLParser.Grammar
    var notes: [String] = []
    var problem: String?
    var objectGroups: [String] = []

    init(words: [Substring], index: Int, grammar: CiscoACLParser.Grammar) {
        self.words = words
        self.index = index
        self.grammar = grammar
    }

    var current: Substring? { words[safe: index] }

    mutating func take() -> Substring? {
        guard index < words.count else { return nil }
        defer { index += 1 }
        return words[index]
    }

    mutating func fail(_ message: String) {
        if problem == nil { problem = message }
    }

    mutating func read(origin: Provenance) -> CiscoACLEntry {
        var label: String?
        if let first = current, let number = CiscoText.integer(first) {
            label = String(number)
            index += 1
        } else if current == "sequence", let number = words[safe: index + 1] {
            label = String(number)
            index += 2
        }
        guard let verb = take() else {
            return CiscoACLEntry(kind: .other, problem: "empty access-list entry")
        }
        if verb == "dynamic", let name = take() {
            // Lock-and-key: the rule is only active for authenticated users, but it is a rule.
            notes.append("dynamic (lock-and-key) entry \(name)")
            if current == "timeout" { index += 2 }
            return readRule(verb: take(), label: label, origin: origin)
        }
        switch verb {
        case "remark":
            return CiscoACLEntry(kind: .remark)
        case "statistics":
            return CiscoACLEntry(kind: .other)
        case "evaluate":
            return CiscoACLEntry(kind: .other, notes: ["reflexive list \(words[safe: index] ?? "") is evaluated here; its entries are created at run time"])
        default:
            return readRule(verb: verb, label: label, origin: origin)
        }
    }

    mutating func readRule(verb: Substring?, label: String?, origin: Provenance) -> CiscoACLEntry {
        let action: FilterAction
        switch verb {
        case "permit": action = .permit
        case "deny": action = .deny
        default:
            return CiscoACLEntry(kind: .other, problem: "expected permit, deny or remark, found \(verb.map { "'\($0)'" } ?? "nothing")")
        }
        var rule = FilterRule(action: action, family: grammar.family, label: label, origin: origin)
        if grammar == .standard {
            rule.source = readAddress() ?? .any
            readStandardOptions()
        } else {
            readExtended(into: &rule)
        }
        if problem != nil, case .source(let span) = origin { rule.origin = .unparsed(span) }
        return CiscoACLEntry(kind: .rule, rule: rule, notes: notes, problem: problem, objectGroups: objectGroups)
    }

    mutating func readStandardOptions() {
        while let word = take() {
            switch word {
            case "log", "log-input":
                if let next = current, !isOptionKeyword(next) { index += 1 }
            default:
                fail("unexpected '\(word)' in a standard access-list entry")
                return
            }
        }
    }

    mutating func readExtended(into rule: inout FilterRule) {
        guard let protocolWord = take() else { return fail("missing protocol") }
        var protocolValue: IPProtocol?
        switch protocolWord {
        case "ip" where grammar != .ipv6, "ipv6" where grammar == .ipv6:
            rule.protocols = .any
        case "object-group":
            guard let name = take() else { return fail("object-group without a name") }
            objectGroups.append(String(name))
            notes.append("service object-group \(name) is not expanded: the rule is read as matching every protocol and port")
        default:
            guard let value = CiscoNames.ipProtocol(protocolWord, family: grammar.family) else {
                return fail("unknown protocol '\(protocolWord)'")
            }
            protocolValue = value
            rule.protocols = .only([value])
        }
        let hasPorts = protocolValue?.hasPorts ?? false
        guard let source = readAddress() else { return fail("missing or unreadable source address") }
        rule.source = source
        if hasPorts, let ports = readPorts() { rule.sourcePorts = ports }
        guard problem == nil else { return }
        guard let destination = readAddress() else { return fail("missing or unreadable destination address") }
        rule.destination = destination
        if hasPorts, let ports = readPorts() { rule.destinationPorts = ports }
        guard problem == nil else { return }
        readExtendedOptions(into: &rule, isICMP: protocolValue == .icmp || protocolValue == .icmpv6)
    }

    /// `any`, `host A`, `A WILDCARD` (IPv4), `PREFIX/LEN` (IPv6), `object-group NAME`.
    /// In a standard entry the wildcard is optional (`permit 10.0.0.1` is one host).
    mutating func readAddress() -> AddressMatch? {
        guard let word = take() else { return nil }
        switch word {
        case "any", "any4", "any6":
            return .any
        case "host":
            guard let text = take(), let address = IPAddress(text) else {
                fail("'host' is not followed by an address")
                return nil
            }
            return .prefix(IPPrefix(address, length: address.isV4 ? 32 : 128))
        case "object-group", "addrgroup":
            guard let name = take() else { return nil }
            objectGroups.append(String(name))
            return .object(String(name))
        default:
            if grammar == .ipv6 {
                guard let prefix = IPPrefix(word) else {
                    fail("'\(word)' is not an IPv6 prefix")
                    return nil
                }
                return .prefix(prefix)
            }
            guard let address = CiscoText.ipv4(word) else {
                fail("'\(word)' is not an address")
                return nil
            }
            if let next = current, let wildcard = CiscoText.ipv4(next) {
                index += 1
                return .cisco(address: address, wildcard: wildcard)
            }
            if grammar == .standard { return .prefix(IPPrefix(.v4(address), length: 32)) }
            fail("address \(word) has no wildcard mask")
            return nil
        }
    }

    /// `eq P [P...]`, `neq P`, `lt P`, `gt P`, `range A B`; nil when no port operator follows.
    mutating func readPorts() -> PortMatch? {
        guard let op = current else { return nil }
        switch op {
        case "eq":
            index += 1
            var ranges: [ClosedRange<Int>] = []
            while let word = current, let port = CiscoNames.port(word) {
                ranges.append(port...port)
                index += 1
            }
            if ranges.isEmpty { fail("'eq' without a port") }
            return .ranges(ranges)
        case "neq", "lt", "gt":
            index += 1
            guard let word = take(), let port = CiscoNames.port(word) else {
                fail("'\(op)' without a port")
                return nil
            }
            switch op {
            case "neq":
                var ranges: [ClosedRange<Int>] = []
                if port > 0 { ranges.append(0...(port - 1)) }
                if port < 65535 { ranges.append((port + 1)...65535) }
                return .ranges(ranges)
            case "lt":
                return port > 0 ? .ranges([0...(port - 1)]) : .ranges([])
            default:
                return port < 65535 ? .ranges([(port + 1)...65535]) : .ranges([])
            }
        case "range":
            index += 1
            guard let low = take().flatMap(CiscoNames.port), let high = take().flatMap(CiscoNames.port), low <= high else {
                fail("'range' needs two ports, low then high")
                return nil
            }
            return .ranges([low...high])
        default:
            return nil
        }
    }

    mutating func readExtendedOptions(into rule: inout FilterRule, isICMP: Bool) {
        while let word = take() {
            switch word {
            case "established":
                rule.establishedOnly = true
            case "ack", "rst":
                // Packets of an existing TCP connection, like `established`.
                if rule.action == .permit { rule.establishedOnly = true }
            case "syn", "fin", "psh", "urg", "fragments", "routing", "undetermined-transport", "mobility",
                 "hbh", "auth", "doh", "match-any", "match-all":
                continue
            case "log", "log-input":
                if let next = current, !isOptionKeyword(next) { index += 1 }
            case "dscp", "precedence", "tos", "option", "flow-label", "routing-type", "dest-option-type", "mobility-type":
                index += 1
            case "ttl", "packet-length":
                readPorts(after: word)
            case "time-range":
                let name = take() ?? ""
                notes.append("active only during time-range \(name)")
            case "reflect":
                notes.append("creates reflexive list \(take() ?? "")")
                if current == "timeout" { index += 2 }
            default:
                if word.utf8.first == UInt8(ascii: "+") || word.utf8.first == UInt8(ascii: "-") { continue }
                if isICMP {
                    if let type = CiscoText.integer(word) {
                        if let next = current, let code = CiscoText.integer(next) {
                            index += 1
                            rule.icmpTypes.append("\(type)/\(code)")
                        } else {
                            rule.icmpTypes.append(String(type))
                        }
                    } else {
                        rule.icmpTypes.append(String(word))
                    }
                    continue
                }
                fail("unexpected '\(word)'")
                return
            }
        }
    }

    /// `ttl eq 5`, `packet-length range 10 20`: an operator on something that is not a port.
    mutating func readPorts(after keyword: Substring) {
        guard let op = take() else { return }
        index += op == "range" ? 2 : 1
    }

    func isOptionKeyword(_ word: Substring) -> Bool {
        switch word {
        case "log", "log-input", "established", "time-range", "dscp", "precedence", "tos", "fragments", "ttl",
             "option", "reflect", "ack", "fin", "psh", "rst", "syn", "urg", "match-any", "match-all":
            return true
        default:
            return false
        }
    }
}
