import AuditCore

/// Reading UCI option values the way their consumers do (fw4's `parse_*`, the shell
/// `config_get_bool`). Every function answers nil for a value it cannot read; the caller turns
/// that into a `bad-value` diagnostic.
enum UCIValueParsing {
    /// `1/on/true/yes/enabled` and `0/off/false/no/disabled`, as fw4 and `config_get_bool` read them.
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "on", "true", "yes", "enabled": true
        case "0", "off", "false", "no", "disabled": false
        default: nil
        }
    }

    /// Zone and rule verdicts: ACCEPT → permit, REJECT → reject, DROP → deny.
    static func policy(_ text: String) -> FilterAction? {
        switch text.lowercased() {
        case "accept": .permit
        case "reject": .reject
        case "drop": .deny
        default: nil
        }
    }

    enum Family: Equatable {
        case both, v4, v6
        var number: Int? { self == .v4 ? 4 : self == .v6 ? 6 : nil }
    }

    /// fw4 `parse_family`: `any`/`all`/`*` both; `inet` or anything with a 4 is IPv4; with a 6 IPv6.
    static func family(_ text: String) -> Family? {
        let lower = text.lowercased()
        if lower == "any" || lower == "all" || lower == "*" { return .both }
        if lower == "inet" || lower.contains("4") { return .v4 }
        if lower.contains("6") { return .v6 }
        return nil
    }

    /// One port or range: `22`, `1000-2000`, `1000:2000` (fw4 `parse_port`). Negation (`!22`)
    /// is reported separately by the caller.
    static func portRange(_ text: Substring) -> ClosedRange<Int>? {
        let separator = text.firstIndex { $0 == "-" || $0 == ":" }
        if let separator {
            guard let low = port(text[..<separator]), let high = port(text[text.index(after: separator)...]),
                  low <= high else { return nil }
            return low...high
        }
        return port(text).map { $0...$0 }
    }

    private static func port(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.utf8.count <= 5, let value = Int(text), value >= 0, value <= 65535 else { return nil }
        return value
    }

    enum ProtocolWord: Equatable {
        /// `all`, `any`, `*`: every protocol.
        case any
        case only(Set<IPProtocol>)
        case unknown
    }

    /// A protocol word of fw4's `parse_protocol`. `icmp` follows the rule's family, as fw4
    /// emits ICMPv6 matches for IPv6 rules.
    static func protocols(_ word: String, family: Family) -> ProtocolWord {
        let lower = word.lowercased()
        switch lower {
        case "all", "any", "*":
            return .any
        case "tcpudp":
            return .only([.tcp, .udp])
        case "icmp", "1":
            switch family {
            case .v4: return .only([.icmp])
            case .v6: return .only([.icmpv6])
            case .both: return .only([.icmp, .icmpv6])
            }
        case "icmpv6", "ipv6-icmp", "58":
            return .only([.icmpv6])
        default:
            if let known = IPProtocol(name: lower) { return .only([known]) }
            if let number = protocolNumbers[lower] { return .only([IPProtocol(name: String(number)) ?? .number(number)]) }
            return .unknown
        }
    }

    /// Protocol names from /etc/protocols that `IPProtocol(name:)` does not know.
    private static let protocolNumbers: [String: Int] = [
        "ipip": 4, "ipencap": 4, "ipv6": 41, "ospf": 89, "pim": 103, "l2tp": 115, "vrrp": 112, "sctp": 132,
        "udplite": 136, "mpls-in-ip": 137, "ip": 0, "hopopt": 0, "egp": 8, "rsvp": 46, "ipv6-route": 43,
        "ipv6-frag": 44, "ipv6-nonxt": 59, "ipv6-opts": 60, "ipcomp": 108, "isis": 124,
    ]

    enum Address {
        case match(AddressMatch, family: Family)
        /// `!address`: everything except; the model has no negation.
        case negated
        /// An address range `a-b`, which the model cannot express.
        case range
    }

    /// `a.b.c.d`, `a.b.c.d/len`, `a.b.c.d/netmask`, IPv6 with or without length, or the name of
    /// an ipset or network (kept as a named object). nil when it reads as none of those.
    static func address(_ text: String) -> Address? {
        if text.hasPrefix("!") { return .negated }
        if let prefix = prefix(text) {
            return .match(.prefix(prefix), family: prefix.address.isV4 ? .v4 : .v6)
        }
        if text.contains("-"), !text.contains("/") {
            let parts = text.split(separator: "-", maxSplits: 1)
            if parts.count == 2, IPAddress(parts[0]) != nil, IPAddress(parts[1]) != nil { return .range }
        }
        if UCISyntax.isIdentifier(text), !text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return .match(.object(text), family: .both)
        }
        return nil
    }

    /// An address with an optional `/length` or IPv4 `/netmask`.
    static func prefix(_ text: String) -> IPPrefix? {
        if let prefix = IPPrefix(text) { return prefix }
        guard let slash = text.firstIndex(of: "/") else { return nil }
        let mask = text[text.index(after: slash)...]
        guard let address = IPAddress(text[..<slash]), address.isV4, case .v4(let bits)? = IPAddress(mask) else {
            return nil
        }
        // A netmask must be contiguous ones: its inverse plus one is a power of two.
        let inverse = ~bits
        guard inverse & (inverse &+ 1) == 0 else { return nil }
        return IPPrefix(address, length: bits.nonzeroBitCount)
    }
}
