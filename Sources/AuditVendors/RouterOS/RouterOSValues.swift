import AuditCore

/// Reading RouterOS property values: booleans, addresses, ranges, ports, protocol names.
enum RouterOSValues {
    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "true", "on": true
        case "no", "false", "off": false
        default: nil
        }
    }

    /// `!value` → (true, value).
    static func negation(_ text: String) -> (negated: Bool, value: String) {
        text.hasPrefix("!") ? (true, String(text.dropFirst())) : (false, text)
    }

    /// Comma-separated values, empty parts dropped.
    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0) }.filter { !$0.isEmpty }
    }

    /// An address as RouterOS writes it in a match or an address list.
    enum Address {
        case prefix(IPPrefix)
        /// `10.0.0.1-10.0.0.9`: kept with the smallest prefix that covers it.
        case range(IPAddress, IPAddress, covering: IPPrefix)
        /// A DNS name (address lists resolve them on the device) or anything else.
        case other(String)
    }

    static func address(_ text: String) -> Address {
        if let prefix = IPPrefix(text) {
            return .prefix(normalised(prefix))
        }
        if let dash = text.firstIndex(of: "-"), let low = IPAddress(text[..<dash]),
           let high = IPAddress(text[text.index(after: dash)...]), low.isV4 == high.isV4 {
            return .range(low, high, covering: covering(low, high))
        }
        return .other(text)
    }

    /// The network of a prefix written with host bits set (`192.168.88.1/24` → `192.168.88.0/24`).
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

    /// The smallest prefix holding both addresses.
    static func covering(_ low: IPAddress, _ high: IPAddress) -> IPPrefix {
        switch (low, high) {
        case (.v4(let a), .v4(let b)):
            let common = (a ^ b).leadingZeroBitCount
            return normalised(IPPrefix(.v4(a), length: common))
        case (.v6(let a), .v6(let b)):
            let common = (a ^ b).leadingZeroBitCount
            return normalised(IPPrefix(.v6(a), length: common))
        default:
            return IPPrefix.anyV4
        }
    }

    /// `22`, `80,443`, `8000-8100`; nil when a part does not read.
    static func ports(_ text: String) -> [ClosedRange<Int>]? {
        var ranges: [ClosedRange<Int>] = []
        for part in text.split(separator: ",") {
            if let dash = part.firstIndex(of: "-") {
                guard let low = Int(part[..<dash]), let high = Int(part[part.index(after: dash)...]),
                      low >= 0, high <= 65535, low <= high else { return nil }
                ranges.append(low...high)
            } else {
                guard let port = Int(part), port >= 0, port <= 65535 else { return nil }
                ranges.append(port...port)
            }
        }
        return ranges.isEmpty ? nil : ranges
    }

    /// RouterOS protocol names (`/ip firewall filter protocol=`), or a number.
    static func ipProtocol(_ text: String) -> IPProtocol? {
        switch text.lowercased() {
        case "ipsec-esp": return .esp
        case "ipsec-ah": return .ah
        case "icmpv6", "ipv6-icmp": return .icmpv6
        case "ipencap", "ipip": return .number(4)
        case "ospf": return .number(89)
        case "vrrp": return .number(112)
        case "l2tp": return .number(115)
        case "sctp": return .number(132)
        case "pim": return .number(103)
        case "udp-lite": return .number(136)
        case "dccp": return .number(33)
        case "encap": return .number(98)
        case "etherip": return .number(97)
        case "rsvp": return .number(46)
        case "ipv6-encap": return .number(41)
        case "ipv6-frag": return .number(44)
        case "ipv6-nonxt": return .number(59)
        case "ipv6-opts": return .number(60)
        case "ipv6-route": return .number(43)
        case "egp": return .number(8)
        case "ggp": return .number(3)
        case "hmp": return .number(20)
        case "idpr-cmtp": return .number(38)
        case "iso-tp4": return .number(29)
        case "pup": return .number(12)
        case "rdp": return .number(27)
        case "st": return .number(5)
        case "xns-idp": return .number(22)
        case "xtp": return .number(36)
        case "ddp": return .number(37)
        default: return IPProtocol(name: text)
        }
    }

    /// The role an interface or interface-list name tells: the default configuration's `WAN` and
    /// `LAN` lists, `wan2`, `LAN1`, `ether1-gateway` (the WAN port's name before RouterOS 6.41).
    static func role(forName name: String) -> ZoneRole? {
        let lower = name.lowercased()
        let bases: [(String, ZoneRole)] = [
            ("wan", .wan), ("wwan", .wan), ("internet", .wan), ("isp", .wan), ("uplink", .wan), ("outside", .wan),
            ("lan", .lan), ("inside", .lan), ("guest", .guest), ("dmz", .dmz), ("mgmt", .mgmt), ("management", .mgmt),
        ]
        for (base, role) in bases where lower == base || hasNumberedSuffix(lower, base: base) {
            return role
        }
        if lower.hasSuffix("-gateway") { return .wan }
        return nil
    }

    /// `wan2`, `wan_b`, `lan-iot`: the base name followed by a digit, `_` or `-`.
    private static func hasNumberedSuffix(_ name: String, base: String) -> Bool {
        guard name.hasPrefix(base), let next = name.dropFirst(base.count).utf8.first else { return false }
        return (next >= 0x30 && next <= 0x39) || next == UInt8(ascii: "_") || next == UInt8(ascii: "-")
    }
}
