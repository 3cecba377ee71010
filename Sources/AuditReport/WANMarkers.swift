import AuditCore

/// The configuration lines that let traffic from the WAN in: a WAN zone's accepting input or
/// forward policy, a forwarding or an accepting rule from a WAN zone, a port forward, a WAN
/// interface and what is attached to it (its role, its inbound filters and their permits, its
/// IPv6 switch). A finding whose evidence cites one of these lines is exposed to the WAN, and
/// weighs double in the score (docs/score.md).
///
/// Worked out from the model alone, so reporters stay independent of the checks: a check that
/// proves WAN reachability cites the line that opens the path (its witness), which lands here.
struct WANMarkers {
    struct Line: Hashable {
        var file: String
        var line: Int
    }

    private(set) var lines: Set<Line> = []

    init(config: DeviceConfig) {
        let wanZones = Set(config.zones.filter { $0.role.value == .wan }.map(\.name))
        for zone in config.zones where wanZones.contains(zone.name) {
            if zone.input.value.allows { add(zone.input.origin) }
            if zone.forward.value.allows { add(zone.forward.origin) }
        }
        for forwarding in config.zoneForwardings where forwarding.enabled && wanZones.contains(forwarding.from) {
            add(forwarding.origin)
        }
        for list in config.filters where list.kind == .zoneRules {
            for rule in list.rules where rule.enabled && rule.action.allows {
                guard let source = rule.sourceZone, wanZones.contains(source) || (source == "*" && !wanZones.isEmpty) else { continue }
                add(rule.origin)
            }
        }
        for forward in config.portForwards where forward.enabled && (forward.externalRole == nil || forward.externalRole == .wan) {
            add(forward.origin)
        }
        for wan in config.wanInterfaces {
            add(wan.origin)
            add(wan.role.origin)
            if let enabled = wan.ipv6Enabled, enabled.value { add(enabled.origin) }
            for filter in [wan.inboundFilter, wan.ipv6InboundFilter].compactMap({ $0 }) {
                add(filter.origin)
                for rule in config.filter(named: filter.value)?.rules ?? [] where rule.enabled && rule.action.allows {
                    add(rule.origin)
                }
            }
        }
    }

    private mutating func add(_ provenance: Provenance) {
        for span in provenance.spans { lines.insert(Line(file: span.file, line: span.start)) }
    }

    /// True when the finding's evidence cites a line that lets the WAN in.
    func exposes(_ finding: Finding) -> Bool {
        finding.evidence.contains { evidence in
            evidence.spans.contains { lines.contains(Line(file: $0.file, line: $0.start)) }
        }
    }
}
