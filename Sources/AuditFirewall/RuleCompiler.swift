import AuditCore

/// A rule turned into packet-space cubes. `exact` is false when something in the rule could not
/// be expressed (an unresolved address object, an ICMP type name we do not know): such a rule
/// never counts as covering another, and is never itself reported as shadowed.
public struct CompiledRule: Sendable {
    public var index: Int
    public var rule: FilterRule
    public var cubes: [Cube]
    public var exact: Bool
    /// Why the rule is not exact, for diagnostics.
    public var inexactReason: String?
}

public enum RuleCompiler {
    /// Discontiguous Cisco wildcards expand into intervals up to this many; past it the rule is inexact.
    static let wildcardExpansionLimit = 4096

    public static func compile(_ rules: [FilterRule], zones: ZoneIndex) -> [CompiledRule] {
        rules.enumerated().map { compile($0.element, index: $0.offset, zones: zones) }
    }

    public static func compile(_ rule: FilterRule, index: Int, zones: ZoneIndex) -> CompiledRule {
        var reasons: [String] = []
        var cubes: [Cube] = []
        guard rule.enabled else { return CompiledRule(index: index, rule: rule, cubes: [], exact: true) }

        let families: [Int] = rule.family.map { [$0 == 6 ? 1 : 0] } ?? [0, 1]
        for family in families {
            guard let sources = ranges(rule.source, family: family, reasons: &reasons),
                  let destinations = ranges(rule.destination, family: family, reasons: &reasons) else { continue }
            if sources.isEmpty || destinations.isEmpty { continue }
            var base = Cube.universe(family: family)
            if let zone = zoneRange(rule.sourceZone, zones: zones, reasons: &reasons) { base[.sourceZone] = zone } else { continue }
            if let zone = zoneRange(rule.destinationZone, zones: zones, reasons: &reasons) { base[.destinationZone] = zone } else { continue }
            if let chain = rule.chain { base[.chain] = chainNumber(chain)...chainNumber(chain) }
            if rule.establishedOnly { base[.state] = 1...1 }

            let portsMatter = !rule.sourcePorts.isAny || !rule.destinationPorts.isAny
            let protocols = protocolRanges(rule.protocols, family: family, portsMatter: portsMatter)
            let icmp = icmpRanges(rule.icmpTypes, family: family, reasons: &reasons)
            for proto in protocols {
                let hasPorts = proto.lowerBound == proto.upperBound && (proto.lowerBound == 6 || proto.lowerBound == 17)
                let sourcePorts = hasPorts ? portRanges(rule.sourcePorts) : [0...65_535]
                let destinationPorts = hasPorts ? portRanges(rule.destinationPorts) : [0...65_535]
                let isICMP = proto.lowerBound == proto.upperBound && (proto.lowerBound == 1 || proto.lowerBound == 58)
                let types = isICMP ? icmp : [0...255]
                for s in sources {
                    for d in destinations {
                        for sp in sourcePorts {
                            for dp in destinationPorts {
                                for t in types {
                                    var cube = base
                                    cube[.source] = s
                                    cube[.destination] = d
                                    cube[.proto] = proto
                                    cube[.sourcePort] = sp
                                    cube[.destinationPort] = dp
                                    cube[.icmpType] = t
                                    cubes.append(cube)
                                }
                            }
                        }
                    }
                }
            }
        }
        // Conditions the fields cannot hold (state invalid, TCP flags, rate limits) narrow the rule
        // to part of its cubes: it is not exact, so it never covers another rule.
        if !rule.conditions.isEmpty {
            reasons.append("matches only packets that also meet: \(rule.conditions.joined(separator: "; "))")
        }
        return CompiledRule(index: index, rule: rule, cubes: cubes, exact: reasons.isEmpty,
                            inexactReason: reasons.isEmpty ? nil : reasons.joined(separator: "; "))
    }

    static func chainNumber(_ chain: Chain) -> UInt128 {
        switch chain {
        case .input: 0
        case .forward: 1
        case .output: 2
        }
    }

    static func zoneRange(_ zone: String?, zones: ZoneIndex, reasons: inout [String]) -> ClosedRange<UInt128>? {
        guard let zone, zone != "*" else { return 0...Dimension.sourceZone.maximum }
        guard let number = zones.number(zone) else {
            reasons.append("zone '\(zone)' is not defined")
            return nil
        }
        return UInt128(number)...UInt128(number)
    }

    /// Address intervals within one family; nil when the address cannot be expressed exactly.
    static func ranges(_ match: AddressMatch, family: Int, reasons: inout [String]) -> [ClosedRange<UInt128>]? {
        let top: UInt128 = family == 0 ? UInt128(UInt32.max) : .max
        switch match {
        case .any:
            return [0...top]
        case .prefix(let prefix):
            switch prefix.address {
            case .v4(let a):
                guard family == 0 else { return [] }
                let size: UInt128 = prefix.length == 0 ? UInt128(1) << 32 : UInt128(1) << UInt128(32 - prefix.length)
                let base = UInt128(a) & ~(size - 1)
                return [base...(base + size - 1)]
            case .v6(let a):
                guard family == 1 else { return [] }
                if prefix.length == 0 { return [0...UInt128.max] }
                let hostBits = 128 - prefix.length
                let mask: UInt128 = hostBits == 128 ? .max : (UInt128(1) << UInt128(hostBits)) - 1
                return [(a & ~mask)...(a | mask)]
            }
        case .wildcard(let address, let wildcard):
            guard family == 0 else { return [] }
            return wildcardRanges(address: address, wildcard: wildcard, reasons: &reasons)
        case .object(let name):
            reasons.append("address object '\(name)' is not resolved")
            return nil
        case .selfAddress:
            reasons.append("the router's own address is not known here")
            return nil
        }
    }

    /// A discontiguous wildcard: the free low bits make one interval; each combination of the free
    /// high bits is another interval.
    static func wildcardRanges(address: UInt32, wildcard: UInt32, reasons: inout [String]) -> [ClosedRange<UInt128>]? {
        let lowRun = UInt32((~wildcard).trailingZeroBitCount)   // contiguous free bits at the bottom
        let lowMask: UInt32 = lowRun >= 32 ? .max : (UInt32(1) << lowRun) - 1
        let highFree = wildcard & ~lowMask
        let combinations = 1 << highFree.nonzeroBitCount
        guard combinations <= wildcardExpansionLimit else {
            reasons.append("wildcard mask \(IPAddress.v4(wildcard)) has too many discontiguous bits")
            return nil
        }
        let fixed = address & ~wildcard
        var bits: [UInt32] = []
        for bit in 0..<32 where highFree & (1 << UInt32(bit)) != 0 { bits.append(1 << UInt32(bit)) }
        var result: [ClosedRange<UInt128>] = []
        result.reserveCapacity(combinations)
        for combination in 0..<combinations {
            var value = fixed
            for (k, bit) in bits.enumerated() where combination & (1 << k) != 0 { value |= bit }
            result.append(UInt128(value)...UInt128(value | lowMask))
        }
        return result
    }

    static func protocolRanges(_ match: ProtocolMatch, family: Int, portsMatter: Bool) -> [ClosedRange<UInt128>] {
        switch match {
        case .any:
            // Ports only exist for TCP and UDP: a port condition limits the rule to them.
            return portsMatter ? [6...6, 17...17] : [0...255]
        case .only(let set):
            return set.map { p -> Int in
                // ICMP means ICMPv6 in an IPv6 rule.
                if family == 1 && p == .icmp { return 58 }
                return p.number
            }.sorted().map { UInt128($0)...UInt128($0) }
        }
    }

    static func portRanges(_ match: PortMatch) -> [ClosedRange<UInt128>] {
        switch match {
        case .any: [0...65_535]
        case .ranges(let ranges): ranges.map { UInt128(max(0, $0.lowerBound))...UInt128(min(65_535, $0.upperBound)) }
        }
    }

    static let icmpNames: [String: (v4: Int, v6: Int)] = [
        "echo-reply": (0, 129), "destination-unreachable": (3, 1), "unreachable": (3, 1), "source-quench": (4, -1),
        "redirect": (5, 137), "echo-request": (8, 128), "echo": (8, 128), "router-advertisement": (9, 134),
        "router-solicitation": (10, 133), "time-exceeded": (11, 3), "ttl-exceeded": (11, 3), "parameter-problem": (12, 4),
        "bad-header": (12, 4), "timestamp-request": (13, -1), "timestamp-reply": (14, -1), "packet-too-big": (-1, 2),
        "neighbour-solicitation": (-1, 135), "neighbor-solicitation": (-1, 135),
        "neighbour-advertisement": (-1, 136), "neighbor-advertisement": (-1, 136), "unknown-header-type": (-1, 4),
        "mask-request": (17, -1), "mask-reply": (18, -1),
    ]

    static func icmpRanges(_ types: [String], family: Int, reasons: inout [String]) -> [ClosedRange<UInt128>] {
        guard !types.isEmpty else { return [0...255] }
        var result: [ClosedRange<UInt128>] = []
        for name in types {
            // "130/0" style (type/code): the type is what we model.
            let typePart = name.split(separator: "/").first.map(String.init) ?? name
            if let number = Int(typePart), (0...255).contains(number) {
                result.append(UInt128(number)...UInt128(number))
            } else if let known = icmpNames[typePart.lowercased()] {
                let number = family == 0 ? known.v4 : known.v6
                if number >= 0 { result.append(UInt128(number)...UInt128(number)) }
            } else {
                reasons.append("icmp type '\(name)' is not known")
                return [0...255]
            }
        }
        return result
    }
}
