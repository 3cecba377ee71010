/// An IPv4 or IPv6 address.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(UInt32)
    case v6(UInt128)

    public var description: String {
        switch self {
        case .v4(let a):
            return "\(a >> 24).\((a >> 16) & 255).\((a >> 8) & 255).\(a & 255)"
        case .v6(let a):
            var groups: [String] = []
            for i in stride(from: 7, through: 0, by: -1) {
                groups.append(String(UInt16(truncatingIfNeeded: a >> (UInt128(i) * 16)), radix: 16))
            }
            return groups.joined(separator: ":")
        }
    }

    public var isV4: Bool { if case .v4 = self { true } else { false } }

    /// Parses dotted IPv4 or colon IPv6 (with `::`); nil for anything else.
    public init?<S: StringProtocol>(_ text: S) {
        if text.contains(":") {
            guard let v = IPAddress.parseV6(text) else { return nil }
            self = .v6(v)
        } else {
            guard let v = IPAddress.parseV4(text) else { return nil }
            self = .v4(v)
        }
    }

    static func parseV4<S: StringProtocol>(_ text: S) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0 else { return nil }
                value = value << 8 | octet
                octet = 0
                digits = 0
                dots += 1
            } else if byte >= 48 && byte <= 57 {
                octet = octet * 10 + UInt32(byte - 48)
                digits += 1
                guard octet <= 255, digits <= 3 else { return nil }
            } else {
                return nil
            }
        }
        guard dots == 3, digits > 0 else { return nil }
        return value << 8 | octet
    }

    static func parseV6<S: StringProtocol>(_ text: S) -> UInt128? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count >= 3 || text.contains("::") else { return nil }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        var seenGap = false
        var index = 0
        while index < parts.count {
            let part = parts[index]
            if part.isEmpty {
                // "::" shows up as one or two empty parts; leading/trailing "::" as two.
                if !seenGap {
                    seenGap = true
                    while index + 1 < parts.count && parts[index + 1].isEmpty { index += 1 }
                } else if !(index == parts.count - 1) {
                    return nil
                }
            } else {
                guard part.utf8.count <= 4, let group = UInt16(part, radix: 16) else { return nil }
                if seenGap { tail.append(group) } else { head.append(group) }
            }
            index += 1
        }
        guard head.count + tail.count <= 8, seenGap || head.count == 8 else { return nil }
        let groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        return groups.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }
}

/// An address with a prefix length: a network, or a host when the length is full.
public struct IPPrefix: Hashable, Sendable, CustomStringConvertible {
    public var address: IPAddress
    public var length: Int

    public init(_ address: IPAddress, length: Int) {
        self.address = address
        self.length = length
    }

    /// Parses `a.b.c.d/len`, `a.b.c.d` (host) or the IPv6 equivalents.
    public init?<S: StringProtocol>(_ text: S) {
        if let slash = text.firstIndex(of: "/") {
            guard let address = IPAddress(text[..<slash]),
                  let length = Int(text[text.index(after: slash)...]) else { return nil }
            let maximum = address.isV4 ? 32 : 128
            guard length >= 0, length <= maximum else { return nil }
            self.init(address, length: length)
        } else {
            guard let address = IPAddress(text) else { return nil }
            self.init(address, length: address.isV4 ? 32 : 128)
        }
    }

    /// 0.0.0.0/0 or ::/0.
    public var isAny: Bool { length == 0 }

    public static let anyV4 = IPPrefix(.v4(0), length: 0)

    public var description: String { "\(address)/\(length)" }

    public func contains(_ other: IPAddress) -> Bool {
        switch (address, other) {
        case (.v4(let net), .v4(let a)):
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
            return net & mask == a & mask
        case (.v6(let net), .v6(let a)):
            let mask: UInt128 = length == 0 ? 0 : ~UInt128(0) << (128 - length)
            return net & mask == a & mask
        default:
            return false
        }
    }

    /// True for RFC 1918, loopback, link-local and unique-local space.
    public var isPrivate: Bool {
        switch address {
        case .v4:
            let privates = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10"]
            return privates.contains { IPPrefix($0)!.contains(address) && IPPrefix($0)!.length <= length }
        case .v6:
            let privates = ["fc00::/7", "fe80::/10", "::1/128"]
            return privates.contains { IPPrefix($0)!.contains(address) && IPPrefix($0)!.length <= length }
        }
    }
}

/// The address part of a filter rule.
public enum AddressMatch: Hashable, Sendable, CustomStringConvertible {
    case any
    case prefix(IPPrefix)
    /// Cisco wildcard masks can be discontiguous; kept as written.
    case wildcard(address: UInt32, wildcard: UInt32)
    /// A named object (address group, alias, address list) resolved elsewhere.
    case object(String)
    /// The router's own addresses.
    case selfAddress

    public var isAny: Bool {
        switch self {
        case .any: true
        case .prefix(let p): p.isAny
        case .wildcard(_, let w): w == .max
        default: false
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .prefix(let p): p.length == (p.address.isV4 ? 32 : 128) ? "host \(p.address)" : p.description
        case .wildcard(let a, let w): "\(IPAddress.v4(a)) \(IPAddress.v4(w))"
        case .object(let name): name
        case .selfAddress: "self"
        }
    }

    /// A Cisco address/wildcard pair, turned into a prefix when the wildcard is contiguous.
    public static func cisco(address: UInt32, wildcard: UInt32) -> AddressMatch {
        if wildcard == .max { return .any }
        // Contiguous when the wildcard is 0...01...1, i.e. wildcard + 1 is a power of two.
        if wildcard & (wildcard &+ 1) == 0 {
            return .prefix(IPPrefix(.v4(address & ~wildcard), length: wildcard.leadingZeroBitCount))
        }
        return .wildcard(address: address, wildcard: wildcard)
    }
}

public enum IPProtocol: Hashable, Sendable, CustomStringConvertible {
    case tcp, udp, icmp, icmpv6, esp, ah, gre, igmp
    case number(Int)

    public var number: Int {
        switch self {
        case .icmp: 1
        case .igmp: 2
        case .tcp: 6
        case .udp: 17
        case .gre: 47
        case .esp: 50
        case .ah: 51
        case .icmpv6: 58
        case .number(let n): n
        }
    }

    public init?(name: some StringProtocol) {
        switch name.lowercased() {
        case "tcp": self = .tcp
        case "udp": self = .udp
        case "icmp": self = .icmp
        case "icmpv6", "ipv6-icmp", "icmp6": self = .icmpv6
        case "esp": self = .esp
        case "ahp", "ah": self = .ah
        case "gre": self = .gre
        case "igmp": self = .igmp
        default:
            guard let n = Int(name), n >= 0, n <= 255 else { return nil }
            self = IPProtocol.known(n) ?? .number(n)
        }
    }

    static func known(_ n: Int) -> IPProtocol? {
        [.tcp, .udp, .icmp, .icmpv6, .esp, .ah, .gre, .igmp].first { $0.number == n }
    }

    public var description: String {
        switch self {
        case .tcp: "tcp"
        case .udp: "udp"
        case .icmp: "icmp"
        case .icmpv6: "icmpv6"
        case .esp: "esp"
        case .ah: "ah"
        case .gre: "gre"
        case .igmp: "igmp"
        case .number(let n): "proto \(n)"
        }
    }

    public var hasPorts: Bool { self == .tcp || self == .udp }
}

public enum ProtocolMatch: Hashable, Sendable, CustomStringConvertible {
    case any
    case only(Set<IPProtocol>)

    public func matches(_ p: IPProtocol) -> Bool {
        switch self {
        case .any: true
        case .only(let set): set.contains(p)
        }
    }

    public var description: String {
        switch self {
        case .any: "any protocol"
        case .only(let set): set.map(\.description).sorted().joined(separator: "/")
        }
    }
}

/// Ports as a list of inclusive ranges; `.any` when unrestricted.
public enum PortMatch: Hashable, Sendable, CustomStringConvertible {
    case any
    case ranges([ClosedRange<Int>])

    public static func single(_ port: Int) -> PortMatch { .ranges([port...port]) }

    public func contains(_ port: Int) -> Bool {
        switch self {
        case .any: true
        case .ranges(let rs): rs.contains { $0.contains(port) }
        }
    }

    public var isAny: Bool {
        switch self {
        case .any: true
        case .ranges(let rs): rs.contains { $0.lowerBound <= 0 && $0.upperBound >= 65535 }
        }
    }

    public var description: String {
        switch self {
        case .any: "any"
        case .ranges(let rs):
            rs.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
                .joined(separator: ",")
        }
    }
}
