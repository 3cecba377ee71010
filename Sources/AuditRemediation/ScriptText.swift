import AuditCore

/// Words shared by every vendor's scripts and README.
enum ScriptText {
    static func closes(_ block: FixBlock, _ plan: RemediationPlan) -> String {
        let ids = block.findings.map { index -> String in
            let finding = plan.findings[index]
            let line = finding.primarySpan.map { " line \($0.start)" } ?? ""
            return "\(finding.checkID)\(line)"
        }
        return ids.isEmpty ? "prepares the blocks below" : "closes " + ids.joined(separator: ", ")
    }

    /// The README: what each block fixes, in order, how to confirm, how to roll back.
    static func readme(_ plan: RemediationPlan, ext: String, safetyNet: [String], confirm: [String], rollback: [String]) -> String {
        var out = "RouterAudit fix for \(plan.device) (\(plan.vendor))\n\n"
        out += "Files: apply.\(ext) (the fix), rollback.\(ext) (puts back what was there).\n\n"
        out += "Before you start\n"
        for step in safetyNet { out += "  - \(step)\n" }
        let newSecrets = plan.variables.filter { $0.kind == .newSecret }
        if !newSecrets.isEmpty {
            out += "\nNew credentials (the tool never invents them; choose them and set these variables):\n"
            for variable in newSecrets { out += "  \(variable.name): \(variable.explanation)\n" }
        }
        let old = plan.variables.filter { $0.kind == .originalSecret }
        if !old.isEmpty {
            out += "\nThe rollback needs \(old.count) original secret(s) the scripts do not show (\(old.map(\.name).joined(separator: ", "))): "
            out += "take them from the backup you made, or regenerate with --show-secrets.\n"
        }
        out += "\nWhat apply.\(ext) does, in order\n"
        for (number, block) in plan.blocks.enumerated() {
            out += "  \(number + 1). \(block.title) (\(closes(block, plan)))\n"
            for note in block.notes { out += "     note: \(note)\n" }
        }
        if plan.blocks.isEmpty { out += "  nothing: no finding here has an automatic fix\n" }
        if !plan.unfixable.isEmpty {
            out += "\nNot fixed automatically (a person must do these)\n"
            for item in plan.unfixable {
                let finding = plan.findings[item.finding]
                let line = finding.primarySpan.map { " line \($0.start)" } ?? ""
                out += "  - \(finding.checkID)\(line) \(finding.subject): \(item.reason)\n"
            }
        }
        out += "\nHow to confirm\n"
        for step in confirm { out += "  - \(step)\n" }
        out += "\nHow to roll back\n"
        for step in rollback { out += "  - \(step)\n" }
        return out
    }
}
