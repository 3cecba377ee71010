import AuditCore
import AuditChecks

/// docs/checks.md, generated from the check descriptions. A test fails when the committed file
/// differs; regenerate with `swift run routeraudit checks catalogue > docs/checks.md`.
public enum CheckCatalogue {
    public static func markdown(_ checks: [any Check] = BuiltInChecks.all) -> String {
        var out = """
            # Check catalogue

            Generated from the check descriptions by `routeraudit checks catalogue`; do not edit by hand.
            Each check's examples are also its tests: a good example must produce no finding, a bad one
            exactly the findings whose evidence is the lines marked `↓`.


            """
        out += "| id | severity | title | vendors |\n|---|---|---|---|\n"
        for check in checks {
            let m = check.metadata
            out += "| [\(m.id)](#\(m.id.lowercased())) | \(m.severity.rawValue) | \(m.title) | \(m.vendors.map(\.rawValue).joined(separator: ", ")) |\n"
        }
        for area in CheckArea.allCases {
            let inArea = checks.filter { $0.metadata.area == area }
            guard !inArea.isEmpty else { continue }
            out += "\n## \(area.title)\n"
            for check in inArea {
                out += "\n" + section(check.metadata)
            }
        }
        return out
    }

    static func section(_ m: CheckDescription) -> String {
        var out = "### \(m.id)\n\n**\(m.title)** (`\(m.slug)`), default severity **\(m.severity.rawValue)**.\n\n"
        out += "\(m.rationale)\n\n**Remediation.** \(m.remediation)\n"
        if !m.references.isEmpty {
            out += "\n**References.**\n"
            for r in m.references { out += "- \(r.source) \(r.id): \(r.title)\n" }
        }
        for example in m.examples {
            out += "\n\(example.triggers ? "Triggers" : "Does not trigger") (\(example.vendor)):\n\n```\n\(example.config)\n```\n"
        }
        return out
    }

    /// One check in full, for `routeraudit checks show ID`.
    public static func text(_ m: CheckDescription) -> String {
        var out = "\(m.id)  \(m.title)\n"
        out += "slug: \(m.slug)   severity: \(m.severity.rawValue)   area: \(m.area.title)   vendors: \(m.vendors.map(\.rawValue).joined(separator: ", "))\n\n"
        out += "Why it matters\n  \(m.rationale.split(separator: "\n").joined(separator: "\n  "))\n\n"
        out += "What to do\n  \(m.remediation.split(separator: "\n").joined(separator: "\n  "))\n"
        if !m.references.isEmpty {
            out += "\nReferences\n" + m.references.map { "  \($0.source) \($0.id): \($0.title)" }.joined(separator: "\n") + "\n"
        }
        for example in m.examples {
            out += "\n\(example.triggers ? "Triggers" : "Does not trigger") (\(example.vendor)):\n"
            out += example.config.split(separator: "\n", omittingEmptySubsequences: false).map { "    \($0)" }.joined(separator: "\n") + "\n"
        }
        return out
    }
}
