import AuditCore
import AuditFirewall

/// Rule-list analyses for a configuration. Zone rule lists are analysed with an unknown default
/// (each zone and chain has its own policy); ACLs with their implicit deny.
enum RuleAnalyses {
    static func of(_ config: DeviceConfig) -> [(list: FilterList, analysis: RuleListAnalysis)] {
        let zones = ZoneIndex(config: config)
        return config.filters.map { list in
            let compiled = RuleCompiler.compile(list.rules, zones: zones)
            let defaultAction: FilterAction? = list.kind == .zoneRules ? nil : list.defaultAction.value
            return (list, RuleListAnalysis(rules: compiled, defaultAction: defaultAction, zones: zones))
        }
    }
}
