import AuditCore

/// Whether new connections from one zone reach the router itself or another zone, decided by
/// first-match over the zone rules, then zone forwardings and the source zone's policy.
public enum ZoneReachability {
    public struct Path: Sendable {
        public var witness: Packet
        /// `rule 'Allow-Guest-DNS'` or `policy ACCEPT of zone guest` or `forwarding guest->lan`.
        public var decidedBy: String
        public var origin: Provenance
    }

    /// A new connection from `from` to the router's own services (chain input), DHCP and DNS aside.
    public static func toRouter(from zone: Zone, in config: DeviceConfig) -> Path? {
        path(from: zone, to: nil, in: config)
    }

    /// A new connection from `from` through the router into `to` (chain forward).
    public static func between(_ from: Zone, _ to: Zone, in config: DeviceConfig) -> Path? {
        path(from: from, to: to, in: config)
    }

    static func path(from source: Zone, to destination: Zone?, in config: DeviceConfig) -> Path? {
        let zones = ZoneIndex(config: config)
        guard let s = zones.number(source.name) else { return nil }
        let rules = RuleCompiler.compile(config.filters.filter { $0.kind == .zoneRules }.flatMap(\.rules), zones: zones)
        // Without a rule, a zone forwarding allows the pair; otherwise the source zone's policy decides.
        var fallback = destination == nil ? source.input : source.forward
        var fallbackName = "\(destination == nil ? "input" : "forward") policy \(fallback.value.rawValue) of zone \(source.name)"
        if let destination, let forwarding = config.zoneForwardings.first(where: {
            $0.enabled && $0.from == source.name && $0.to == destination.name
        }) {
            fallback = Sourced(.permit, forwarding.origin)
            fallbackName = "forwarding \(source.name)->\(destination.name)"
        }
        for family in [0, 1] {
            var cube = Cube.universe(family: family)
            cube[.sourceZone] = UInt128(s)...UInt128(s)
            cube[.state] = 0...0
            if let destination {
                guard let d = zones.number(destination.name) else { return nil }
                cube[.destinationZone] = UInt128(d)...UInt128(d)
                cube[.chain] = 1...1
            } else {
                cube[.chain] = 0...0
            }
            var query = PacketSet([cube])
            if destination == nil {
                // DHCP and DNS to the router are what any client network needs: not the question.
                for (proto, ports) in [(UInt128(17), UInt128(67)...UInt128(68)), (17, 53...53), (6, 53...53)] {
                    var basic = cube
                    basic[.proto] = proto...proto
                    basic[.destinationPort] = ports
                    query.subtract([basic])
                }
            }
            let parts = Evaluation.partition(query, rules: rules, defaultAction: fallback.value, stopAt: .permit)
            guard let open = parts.first(where: { $0.decision.action == .permit }) else { continue }
            let witness = Packet.witness(in: open.packets.cubes[0], zones: zones)
            if let index = open.decision.rule {
                let rule = rules[index].rule
                return Path(witness: witness, decidedBy: ManagementExposure.name(rule), origin: rule.origin)
            }
            return Path(witness: witness, decidedBy: fallbackName, origin: fallback.origin)
        }
        return nil
    }
}
