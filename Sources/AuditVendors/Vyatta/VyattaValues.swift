import AuditCore

/// Reading Vyatta value syntax: addresses, ports, protocols, secret forms.
enum VyattaValues {
    /// `192.0.2.0/24`, `192.0.2.1`, `2001:db8::/32`, or a range `a-b` that is exactly one prefix.
    static func prefix<S: StringProtocol>(_ text: S) -> IPPrefix? {
        if let prefix = IPPrefix(text) { return normalised(prefix) }
        guard let dash = text.firstIndex(of: "-"),
              let low = IPAddress(text[..<dash]), let high = IPAddress(text[text.index(after: dash)...]) else { return nil }
        return rangePrefix(low, high)
    }

    /// The prefix a range spans, when the range is exactly one prefix.
    static func rangePrefix(_ low: IPAddress, _ high: IPAddress) -> IPPrefix? {
        switch (low, high) {
        case (.v4(let a), .v4(let b)) where a <= b:
            let span = b &- a
            guard span == UInt32.max || (span &+ 1) & span == 0 else { return nil }
            let length = span == UInt32.max ? 0 : 32 - (span &+ 1).trailingZeroBitCount
            let prefix = IPPrefix(.v4(a), length: length)
            return normalised(prefix).address == low ? prefix : nil
        case (.v6(let a), .v6(let b)) where a <= b:
            let span = b &- a
            guard span == UInt128.max || (span &+ 1) & span == 0 else { return nil }
            let length = span == UInt128.max ? 0 : 128 - (span &+ 1).trailingZeroBitCount
            let prefix = IPPrefix(.v6(a), length: length)
            return normalised(prefix).address == low ? prefix : nil
        default:
            return nil
        }
    }

    /// A dotted or colon address, or the first address of a range `a-b`.
    static func address<S: StringProtocol>(_ text: S) -> IPAddress? {
        if let address = IPAddress(text) { return address }
        if let dash = text.firstIndex(of: "-") { return IPAddress(text[..<dash]) }
        if let slash = text.firstIndex(of: "/") { return IPAddress(text[..<slash]) }
        return nil
    }

    /// Well-known service names a port may be written as (from /etc/services).
    static let serviceNames: [String: Int] = [
        "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "domain": 53, "dns": 53, "bootps": 67, "bootpc": 68,
        "tftp": 69, "http": 80, "www": 80, "kerberos": 88, "pop3": 110, "sunrpc": 111, "ntp": 123, "netbios-ns": 137,
        "netbios-dgm": 138, "netbios-ssn": 139, "imap": 143, "imap2": 143, "snmp": 161, "snmp-trap": 162, "bgp": 179,
        "ldap": 389, "https": 443, "microsoft-ds": 445, "isakmp": 500, "syslog": 514, "submission": 587, "ldaps": 636,
        "imaps": 993, "pop3s": 995, "openvpn": 1194, "ms-sql-s": 1433, "l2tp": 1701, "pptp": 1723, "radius": 1812,
        "radius-acct": 1813, "nfs": 2049, "mysql": 3306, "ms-wbt-server": 3389, "rdp": 3389, "ipsec-nat-t": 4500,
        "sip": 5060, "postgresql": 5432, "vnc": 5900, "http-alt": 8080, "webcache": 8080,
    ]

    /// `22`, `80,443`, `8000-8100`, `http`; nil when a part does not read.
    static func ports<S: StringProtocol>(_ text: S) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            let item = trim(part)
            if let dash = item.firstIndex(of: "-"), dash != item.startIndex {
                guard let low = port(item[..<dash]), let high = port(item[item.index(after: dash)...]), low <= high else { return nil }
                ranges.append(low...high)
            } else {
                guard let single = port(item) else { return nil }
                ranges.append(single...single)
            }
        }
        return ranges.isEmpty ? nil : ranges
    }

    static func port<S: StringProtocol>(_ text: S) -> Int? {
        if let number = Int(text), number >= 0, number <= 65535 { return number }
        return serviceNames[String(text).lowercased()]
    }

    /// Protocol names beyond the ones `IPProtocol(name:)` knows.
    static let protocolNumbers: [String: Int] = [
        "ipip": 4, "ipencap": 4, "ipv6": 41, "ospf": 89, "pim": 103, "vrrp": 112, "l2tp": 115, "sctp": 132,
        "egp": 8, "rsvp": 46, "ipcomp": 108, "udplite": 136, "ipv6-icmp": 58,
    ]

    enum ProtocolReading {
        case match(ProtocolMatch)
        /// A negation or a name we cannot place: matches more than one protocol, not all.
        case unmodelled(String)
    }

    /// `tcp`, `udp`, `tcp_udp`, `all`, `6`, `!icmp`.
    static func protocols<S: StringProtocol>(_ text: S) -> ProtocolReading {
        let lower = String(text).lowercased()
        if lower == "all" || lower == "any" || lower == "ip" { return .match(.any) }
        if lower == "tcp_udp" || lower == "both" || lower == "tcp/udp" { return .match(.only([.tcp, .udp])) }
        if lower.hasPrefix("!") { return .unmodelled("protocol \(lower)") }
        if let known = IPProtocol(name: lower) { return .match(.only([known])) }
        if let number = protocolNumbers[lower] {
            return .match(.only([IPProtocol(name: String(number)) ?? .number(number)]))
        }
        return .unmodelled("protocol \(lower)")
    }

    /// How a stored password or key is written: a crypt hash, or cleartext.
    static func secretForm(_ text: Substring) -> SecretForm {
        let value = String(text)
        if value.isEmpty { return .empty }
        if value.hasPrefix("$1$") { return .hashed(scheme: .md5crypt, encoded: value) }
        if value.hasPrefix("$5$") { return .hashed(scheme: .sha256crypt, encoded: value) }
        if value.hasPrefix("$6$") { return .hashed(scheme: .sha512crypt, encoded: value) }
        if value.hasPrefix("$2a$") || value.hasPrefix("$2b$") || value.hasPrefix("$2y$") {
            return .hashed(scheme: .bcrypt, encoded: value)
        }
        if value.hasPrefix("$y$") || value.hasPrefix("$7$") || value.hasPrefix("$gy$") {
            return .hashed(scheme: .unknown, encoded: value)
        }
        return .cleartext(value)
    }

    /// `encrypted-password` values: a crypt hash, a lock marker, or something unknown.
    static func hashForm(_ text: Substring) -> SecretForm {
        let value = String(text)
        if value.isEmpty { return .empty }
        if value == "!" || value == "*" || value == "!!" || value.hasPrefix("!") && value.count < 4 {
            return .opaque(scheme: "locked", encoded: value)
        }
        if case .hashed = secretForm(text) { return secretForm(text) }
        if value.hasPrefix("$") { return .hashed(scheme: .unknown, encoded: value) }
        if value.count == 13 { return .hashed(scheme: .desCrypt, encoded: value) }
        return .opaque(scheme: "unknown", encoded: value)
    }

    /// The prefix with host bits cleared.
    static func normalised(_ prefix: IPPrefix) -> IPPrefix {
        switch prefix.address {
        case .v4(let a):
            let mask: UInt32 = prefix.length == 0 ? 0 : ~UInt32(0) << (32 - prefix.length)
            return IPPrefix(.v4(a & mask), length: prefix.length)
        case .v6(let a):
            let mask: UInt128 = prefix.length == 0 ? 0 : ~UInt128(0) << (128 - prefix.length)
            return IPPrefix(.v6(a & mask), length: prefix.length)
        }
    }

    static func trim<S: StringProtocol>(_ text: S) -> S.SubSequence {
        var start = text.startIndex
        var end = text.endIndex
        while start < end, text[start] == " " || text[start] == "\t" { start = text.index(after: start) }
        while end > start, text[text.index(before: end)] == " " || text[text.index(before: end)] == "\t" {
            end = text.index(before: end)
        }
        return text[start..<end]
    }
}
