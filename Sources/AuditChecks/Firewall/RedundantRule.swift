import AuditCore

/// RA-FW-008: removing a rule would change no decision.
public struct RedundantRule: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-008",
        slug: "redundant-rule",
        title: "Rule is redundant",
        severity: .info,
        area: .fw,
        rationale: """
            A rule whose packets would get the same verdict from the rules after it (or the default) adds \
            nothing but length. Long lists of dead rules hide the real policy and slow every review.
            """,
        remediation: "Remove the rule, or if it documents intent, make the later rule that decides the same explicit.",
        references: [.nist("CM-6", "Configuration settings")],
        dutch: LocalizedText(
            title: "Regel is overbodig",
            rationale: """
                Een regel waarvan alle pakketten van de regels erna (of van de standaardactie) toch hetzelfde \
                oordeel krijgen, voegt alleen lengte toe. Lange lijsten met dode regels verbergen het echte beleid \
                en vertragen elke controle.
                """,
            remediation: """
                Verwijder de regel, of maak de latere regel die hetzelfde beslist expliciet als de regel een \
                bedoeling vastlegt.
                """),
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ip access-list extended LAN_IN
                 permit tcp 192.168.1.0 0.0.0.255 any eq 443
                ↓ deny tcp any any eq 23
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ip access-list extended OUT
                ↓ permit tcp any any eq 80
                 permit tcp any any
                """),
            .good(.ciscoIOS, """
                hostname cpe
                ip access-list extended LAN_IN
                 permit tcp 192.168.1.0 0.0.0.255 any eq 443
                 deny ip any any log
                 permit ip any any
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for (list, analysis) in RuleAnalyses.of(config) {
            for (i, outcome) in analysis.outcomes.enumerated() {
                guard case .redundant(let witness, let decidedBy) = outcome else { continue }
                let rule = list.rules[i]
                // An explicit catch-all that restates the list's default (`deny ip any any` at the
                // end of an ACL) documents intent, as CIS asks: not reported.
                if rule.matchesEverything && decidedBy == [-1] && list.kind != .zoneRules { continue }
                let others = decidedBy.map { $0 < 0 ? "the default \(list.defaultAction.value.rawValue)" : Describe.ruleName(list.rules[$0]) }
                let listName = list.kind == .zoneRules ? "firewall rules" : "acl \(list.name)"
                findings.append(metadata.finding(
                    "\(listName): \(Describe.ruleName(rule)) (\(Describe.rule(rule))) is redundant: its packets (e.g. \(witness)) get the same \(rule.action.rawValue) from \(others.joined(separator: ", then "))",
                    evidence: [rule.origin], subject: "\(list.name) \(Describe.rule(rule)) redundant",
                    fix: .removeRule(list: list.name, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0))))
            }
        }
        return findings
    }
}
