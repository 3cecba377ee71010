import AuditCore

/// RA-FW-005: a rule can never match because earlier rules match everything it would.
public struct ShadowedRule: Check {
    public init() {}

    /// Pairwise comparison is quadratic; past this many comparisons per list the check reports
    /// that it stopped rather than stalling an audit.
    static let comparisonBudget = 4_000_000

    public let metadata = CheckDescription(
        id: "RA-FW-005",
        slug: "shadowed-rule",
        title: "Rule can never match (shadowed)",
        severity: .low,
        area: .fw,
        rationale: """
            A rule placed after a broader one never takes effect. When its action differs, the firewall does \
            not do what its author intended (a deny that never blocks); when it is the same, it is dead weight \
            that hides the real policy.
            """,
        remediation: "Move the rule above the rule that shadows it, or delete it if it is redundant.",
        references: [.nist("SC-7", "Boundary protection")],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ip access-list extended RESTRICT_IN
                ↓ deny ip any any
                ↓ permit icmp any any
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓access-list 110 permit tcp 10.0.0.0 0.255.255.255 any
                ↓access-list 110 permit tcp 10.1.0.0 0.0.255.255 any eq 22
                ↓access-list 110 deny tcp 10.1.2.0 0.0.0.255 any eq 22
                """),
            .good(.ciscoIOS, """
                hostname cpe
                ip access-list extended RESTRICT_IN
                 permit icmp any any
                 deny ip any any
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for list in config.filters {
            var comparisons = 0
            let rules = list.rules
            for j in rules.indices where rules[j].enabled {
                guard comparisons < Self.comparisonBudget else {
                    findings.append(metadata.finding(
                        "rule list \(list.name) has \(rules.count) rules: shadow analysis stopped after \(Self.comparisonBudget) comparisons",
                        evidence: [list.origin], subject: "list \(list.name)",
                        fix: .manual("review the rule list; the firewall engine analyses lists of this size exactly"),
                        severity: .info))
                    break
                }
                comparisons += j
                guard let i = rules[..<j].firstIndex(where: { RuleCover.covers($0, rules[j]) }) else { continue }
                let same = rules[i].action == rules[j].action
                let kind = same ? "it is redundant" : "its \(rules[j].action.rawValue) never takes effect"
                findings.append(metadata.finding(
                    "\(listName(list)): \(Describe.ruleName(rules[j])) (\(Describe.rule(rules[j]))) can never match, shadowed by \(Describe.ruleName(rules[i])) (\(Describe.rule(rules[i]))); \(kind)",
                    evidence: [rules[j].origin, rules[i].origin], subject: "\(list.name) \(Describe.rule(rules[j]))",
                    fix: .removeRule(list: list.name, at: rules[j].origin.spans.first ?? SourceSpan(file: "", start: 0)),
                    severity: same ? nil : .medium))
            }
        }
        return findings
    }

    private func listName(_ list: FilterList) -> String {
        list.kind == .zoneRules ? "firewall rules" : "acl \(list.name)"
    }
}
