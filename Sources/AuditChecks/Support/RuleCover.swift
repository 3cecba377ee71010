import AuditCore

/// Whether one rule matches every packet another matches. A conservative, per-field subset test:
/// when it says yes the later rule can never match; when a field is not comparable (named
/// objects, discontiguous wildcards) it says no. The firewall engine replaces it with exact
/// packet-space reasoning.
enum RuleCover {
    static func covers(_ a: FilterRule, _ b: FilterRule) -> Bool {
        guard a.enabled, b.enabled else { return false }
        guard sameScope(a, b) else { return false }
        guard protocolsCover(a.protocols, b.protocols) else { return false }
        guard addressCovers(a.source, b.source), addressCovers(a.destination, b.destination) else { return false }
        guard portsCover(a.sourcePorts, b.sourcePorts), portsCover(a.destinationPorts, b.destinationPorts) else { return false }
        if a.establishedOnly && !b.establishedOnly { return false }
        if !a.icmpTypes.isEmpty && Set(a.icmpTypes) != Set(b.icmpTypes) { return false }
        return true
    }

    /// Zone-based rules only shadow rules of the same chain and zone pair (or a wildcard zone).
    static func sameScope(_ a: FilterRule, _ b: FilterRule) -> Bool {
        guard a.chain == b.chain else { return false }
        guard a.family == nil || a.family == b.family else { return false }
        return zoneCovers(a.sourceZone, b.sourceZone) && zoneCovers(a.destinationZone, b.destinationZone)
    }

    static func zoneCovers(_ a: String?, _ b: String?) -> Bool {
        a == b || a == "*"
    }

    static func protocolsCover(_ a: ProtocolMatch, _ b: ProtocolMatch) -> Bool {
        switch (a, b) {
        case (.any, _): true
        case (.only, .any): false
        case (.only(let x), .only(let y)): y.isSubset(of: x)
        }
    }

    static func addressCovers(_ a: AddressMatch, _ b: AddressMatch) -> Bool {
        if a.isAny { return true }
        switch (a, b) {
        case (.prefix(let x), .prefix(let y)):
            return x.length <= y.length && x.contains(y.address)
        case (.object(let x), .object(let y)):
            return x == y
        case (.wildcard(let xa, let xw), .wildcard(let ya, let yw)):
            return xa == ya && xw == yw
        default:
            return false
        }
    }

    static func portsCover(_ a: PortMatch, _ b: PortMatch) -> Bool {
        switch (a, b) {
        case (.any, _): return true
        case (.ranges, .any): return a.isAny
        case (.ranges(let x), .ranges(let y)):
            return y.allSatisfy { inner in x.contains { $0.lowerBound <= inner.lowerBound && $0.upperBound >= inner.upperBound } }
        }
    }
}
