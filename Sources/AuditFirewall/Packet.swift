import AuditCore

/// One concrete packet: what a witness is, and what concrete evaluation takes.
public struct Packet: Sendable, Hashable, CustomStringConvertible {
    public var family: Int
    public var sourceZone: Int
    public var destinationZone: Int
    public var source: UInt128
    public var destination: UInt128
    public var proto: Int
    public var sourcePort: Int
    public var destinationPort: Int
    public var icmpType: Int
    public var established: Bool
    public var chain: Int
    /// Zone names for printing (not part of the packet's identity).
    public var zoneNames: [String] = []

    public static func == (a: Packet, b: Packet) -> Bool { a.values == b.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }

    var values: [UInt128] {
        [UInt128(family), UInt128(sourceZone), UInt128(destinationZone), source, destination, UInt128(proto),
         UInt128(sourcePort), UInt128(destinationPort), UInt128(icmpType), established ? 1 : 0, UInt128(chain)]
    }

    func isIn(_ cube: Cube) -> Bool {
        cube.contains(Cube.point(self))
    }

    func address(_ value: UInt128) -> IPAddress {
        family == 0 ? .v4(UInt32(truncatingIfNeeded: value)) : .v6(value)
    }

    /// `tcp 203.0.113.7:40000 -> 198.51.100.1:23 via wan`
    public var description: String {
        let protocolName = IPProtocol.known(proto)?.description ?? "proto \(proto)"
        let ports = proto == 6 || proto == 17
        let from = ports ? "\(address(source)):\(sourcePort)" : "\(address(source))"
        var to = ports ? "\(address(destination)):\(destinationPort)" : "\(address(destination))"
        if proto == 1 || proto == 58 { to += " (icmp type \(icmpType))" }
        var text = "\(protocolName) \(from) -> \(to)"
        if established { text += " (established)" }
        if sourceZone < zoneNames.count { text += " via \(zoneNames[sourceZone])" }
        return text
    }

    /// A readable packet inside a cube: public-looking addresses, an ephemeral source port and a
    /// well-known destination port when the cube allows them; otherwise the lowest values.
    static func witness(in cube: Cube, zones: ZoneIndex) -> Packet {
        func pick(_ d: Dimension, preferring choices: [UInt128]) -> UInt128 {
            let range = cube[d]
            return choices.first { range.contains($0) } ?? range.lowerBound
        }
        let family = Int(cube.lo(Dimension.family.rawValue))
        let v4 = family == 0
        // 203.0.113.7 and 198.51.100.1 (documentation ranges), or 2001:db8:: equivalents.
        let sourceChoices: [UInt128] = v4 ? [0xCB00_7107, 0xC633_6401] : [UInt128(0x2001_0db8) << 96 | 7]
        let destinationChoices: [UInt128] = v4 ? [0xC633_6401, 0xCB00_7101] : [UInt128(0x2001_0db8) << 96 | 0x1_0001]
        return Packet(
            family: family,
            sourceZone: Int(cube.lo(Dimension.sourceZone.rawValue)),
            destinationZone: Int(cube.lo(Dimension.destinationZone.rawValue)),
            source: pick(.source, preferring: sourceChoices),
            destination: pick(.destination, preferring: destinationChoices),
            proto: Int(pick(.proto, preferring: [6, 17, 1])),
            sourcePort: Int(pick(.sourcePort, preferring: [40_000, 1024])),
            destinationPort: Int(pick(.destinationPort, preferring: [443, 80, 22])),
            icmpType: Int(pick(.icmpType, preferring: [8])),
            established: cube.lo(Dimension.state.rawValue) == 1,
            chain: Int(cube.lo(Dimension.chain.rawValue)),
            zoneNames: zones.names)
    }
}

extension IPProtocol {
    static func known(_ number: Int) -> IPProtocol? {
        IPProtocol(name: String(number))
    }
}
