import AuditCore

/// What the WAN-facing firewall checks share: which zones are the WAN, the enabled permit rules
/// that take traffic from them, and how to remove one of those rules.
enum WANRules {
    struct Permit {
        var list: FilterList
        var rule: FilterRule
        /// The rule's source zone (`*` for rules from every zone).
        var zone: String
    }

    static func wanZones(_ config: DeviceConfig) -> Set<String> {
        Set(config.zones.filter { $0.role.value == .wan }.map(\.name))
    }

    /// Enabled permit rules of the zone rule lists whose source is a WAN zone (or, when asked,
    /// every zone: `*` takes the WAN's traffic too).
    static func permits(in config: DeviceConfig, includingAnyZone: Bool = false) -> [Permit] {
        let wan = wanZones(config)
        return config.filters.filter { $0.kind == .zoneRules }.flatMap { list in
            list.rules.compactMap { rule -> Permit? in
                guard rule.enabled, rule.action == .permit, let zone = rule.sourceZone,
                      wan.contains(zone) || (includingAnyZone && zone == "*") else { return nil }
                return Permit(list: list, rule: rule, zone: zone)
            }
        }
    }

    /// The list a rule sits in, found by its source line.
    static func list(holding rule: FilterRule, in config: DeviceConfig) -> FilterList? {
        config.filters.first { list in list.rules.contains { $0.origin == rule.origin } }
    }

    static func removal(of rule: FilterRule, in list: String) -> FixIntent {
        .removeRule(list: list, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0))
    }
}
