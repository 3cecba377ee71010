import AuditCore

/// Two findings can ask to remove each other's reason: rule 30 is shadowed by rule 20, and rule 20
/// is redundant because of rule 30. Removing both changes what passes. A rule that another
/// finding cites as the rule covering its own target stays; the other is removed.
enum RuleRemovalSafety {
    /// Indices of removal findings that must not be applied, with the reason.
    static func keep(_ findings: [Finding]) -> [Int: String] {
        var targets: [(index: Int, span: SourceSpan)] = []
        for (index, finding) in findings.enumerated() {
            if case .removeRule(_, let span) = finding.fix { targets.append((index, span)) }
        }
        var result: [Int: String] = [:]
        for target in targets {
            for other in targets where other.index != target.index && other.span != target.span && result[other.index] == nil {
                let cited = findings[other.index].evidence.flatMap(\.spans).contains { $0.file == target.span.file && $0.start == target.span.start }
                if cited {
                    result[target.index] = "the rule at line \(target.span.start) is what makes the rule at line \(other.span.start) unnecessary, and that one is removed instead; audit again afterwards"
                }
            }
        }
        return result
    }
}
