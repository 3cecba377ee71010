/// The dimensions of the packet space. Every packet class is a union of disjoint cubes:
/// products of one closed interval per dimension.
public enum Dimension: Int, CaseIterable, Sendable {
    /// 0 = IPv4, 1 = IPv6.
    case family
    /// Ingress and egress zone, as indices into a `ZoneIndex` (interface-ACL vendors use one zone).
    case sourceZone, destinationZone
    /// Addresses: IPv4 in the low 32 bits, IPv6 in all 128.
    case source, destination
    case proto
    case sourcePort, destinationPort
    case icmpType
    /// 0 = a new connection, 1 = a packet of an established one.
    case state
    /// 0 = to the router (input), 1 = through it (forward), 2 = from it (output).
    case chain

    static let count = 11

    /// The largest value a dimension takes (its full range starts at 0).
    var maximum: UInt128 {
        switch self {
        case .family: 1
        case .sourceZone, .destinationZone: UInt128(ZoneIndex.capacity - 1)
        case .source, .destination: .max
        case .proto, .icmpType: 255
        case .sourcePort, .destinationPort: 65_535
        case .state: 1
        case .chain: 2
        }
    }
}

/// A hyper-rectangle of packets: one closed interval per dimension.
///
/// Only addresses need 128 bits; the nine small dimensions sit in two SIMD vectors so one vector
/// comparison tests them all (the pairwise overlap test is the analysis' inner loop).
public struct Cube: Sendable, Equatable {
    var smallLo = SIMD16<UInt32>(repeating: 0)
    var smallHi = SIMD16<UInt32>(repeating: 0)
    var sourceLo: UInt128 = 0, sourceHi: UInt128 = 0
    var destinationLo: UInt128 = 0, destinationHi: UInt128 = 0

    /// Slot of a small dimension in the SIMD vectors; nil for the two address dimensions.
    @inline(__always) static func slot(_ d: Int) -> Int? {
        switch d {
        case Dimension.source.rawValue, Dimension.destination.rawValue: nil
        case let d where d < Dimension.source.rawValue: d
        default: d - 2
        }
    }

    @inline(__always) func lo(_ d: Int) -> UInt128 {
        if let s = Self.slot(d) { return UInt128(smallLo[s]) }
        return d == Dimension.source.rawValue ? sourceLo : destinationLo
    }

    @inline(__always) func hi(_ d: Int) -> UInt128 {
        if let s = Self.slot(d) { return UInt128(smallHi[s]) }
        return d == Dimension.source.rawValue ? sourceHi : destinationHi
    }

    @inline(__always) mutating func setLo(_ d: Int, _ value: UInt128) {
        if let s = Self.slot(d) { smallLo[s] = UInt32(truncatingIfNeeded: value) }
        else if d == Dimension.source.rawValue { sourceLo = value } else { destinationLo = value }
    }

    @inline(__always) mutating func setHi(_ d: Int, _ value: UInt128) {
        if let s = Self.slot(d) { smallHi[s] = UInt32(truncatingIfNeeded: value) }
        else if d == Dimension.source.rawValue { sourceHi = value } else { destinationHi = value }
    }

    /// The one-packet cube of a concrete packet.
    static func point(_ packet: Packet) -> Cube {
        var cube = Cube()
        for (d, value) in packet.values.enumerated() {
            cube.setLo(d, value)
            cube.setHi(d, value)
        }
        return cube
    }

    /// Every packet of one family (addresses bounded to that family's size).
    static func universe(family: Int) -> Cube {
        var cube = Cube()
        for d in Dimension.allCases { cube.setHi(d.rawValue, d.maximum) }
        cube[.family] = UInt128(family)...UInt128(family)
        let top: UInt128 = family == 0 ? UInt128(UInt32.max) : .max
        cube[.source] = 0...top
        cube[.destination] = 0...top
        return cube
    }

    subscript(_ d: Dimension) -> ClosedRange<UInt128> {
        get { lo(d.rawValue)...hi(d.rawValue) }
        set {
            setLo(d.rawValue, newValue.lowerBound)
            setHi(d.rawValue, newValue.upperBound)
        }
    }

    @inline(__always) func intersects(_ other: Cube) -> Bool {
        if any(smallHi .< other.smallLo) || any(other.smallHi .< smallLo) { return false }
        return sourceHi >= other.sourceLo && other.sourceHi >= sourceLo
            && destinationHi >= other.destinationLo && other.destinationHi >= destinationLo
    }

    func contains(_ other: Cube) -> Bool {
        if any(other.smallLo .< smallLo) || any(other.smallHi .> smallHi) { return false }
        return other.sourceLo >= sourceLo && other.sourceHi <= sourceHi
            && other.destinationLo >= destinationLo && other.destinationHi <= destinationHi
    }

    func intersection(_ other: Cube) -> Cube? {
        var result = Cube()
        result.smallLo = pointwiseMax(smallLo, other.smallLo)
        result.smallHi = pointwiseMin(smallHi, other.smallHi)
        result.sourceLo = max(sourceLo, other.sourceLo)
        result.sourceHi = min(sourceHi, other.sourceHi)
        result.destinationLo = max(destinationLo, other.destinationLo)
        result.destinationHi = min(destinationHi, other.destinationHi)
        if any(result.smallLo .> result.smallHi) || result.sourceLo > result.sourceHi
            || result.destinationLo > result.destinationHi { return nil }
        return result
    }

    /// self minus other, as at most 2 × 11 disjoint cubes, appended to `out`.
    func subtracting(_ other: Cube, into out: inout [Cube]) {
        guard intersects(other) else {
            out.append(self)
            return
        }
        var rest = self
        for d in 0..<Dimension.count {
            if rest.lo(d) < other.lo(d) {
                var piece = rest
                piece.setHi(d, other.lo(d) - 1)
                out.append(piece)
                rest.setLo(d, other.lo(d))
            }
            if rest.hi(d) > other.hi(d) {
                var piece = rest
                piece.setLo(d, other.hi(d) + 1)
                out.append(piece)
                rest.setHi(d, other.hi(d))
            }
        }
    }
}
