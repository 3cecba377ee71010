import AuditCore

/// Junos: `load set` in a private candidate, `show | compare`, then `commit confirmed 10` so the
/// device rolls itself back unless the change is confirmed; `rollback 1` is the way back.
public struct JunosRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .junos }
    public var fileExtension: String { "junos" }
    public var applier: any ScriptApplier {
        SetFormApplier(singleValued: ["encrypted-password", "root-login", "protocol-version", "authorization", "default-policy", "class"])
    }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = JunosRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let applyText = plan.blocks.map { $0.apply.joined(separator: "\n") }.joined(separator: "\n")
        let variables = plan.variables.filter { applyText.contains($0.reference) }
        var apply = "# RouterAudit fix for \(plan.device) (Junos)\n"
        for variable in variables { apply += "#   \(variable.name): \(variable.explanation)\n" }
        if !variables.isEmpty { apply += "# Fill them in first: envsubst < apply.junos > apply-filled.junos\n" }
        apply += "# configure private; load set terminal (paste) or load set /var/tmp/apply.junos; show | compare;\n"
        apply += "# commit check; commit confirmed 10; then, from a NEW session, confirm with: commit\n"
        for (number, block) in plan.blocks.enumerated() {
            apply += "# [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            apply += block.apply.map { $0 + "\n" }.joined()
        }
        var rollback = "# RouterAudit rollback for \(plan.device) (Junos)\n"
        rollback += "# Within 10 minutes of `commit confirmed`: do nothing, the device rolls back. Later: rollback 1; commit\n"
        rollback += "# Or: configure private; load set this file; commit confirmed 10; commit\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            rollback += "# undo [\(number + 1)] \(block.title)\n"
            rollback += block.rollback.map { $0 + "\n" }.joined()
        }
        let readme = ScriptText.readme(plan, ext: "junos",
            safetyNet: ["configure private (a candidate of your own), then load set /var/tmp/apply.junos",
                        "show | compare, then commit check",
                        "commit confirmed 10: unless confirmed with `commit` within 10 minutes, Junos rolls the change back by itself"],
            confirm: ["from a new session, log in again; then commit to confirm",
                      "show configuration | display set, and run `routeraudit audit` on it: the fixed findings are gone"],
            rollback: ["within the 10 minutes: do nothing (or `rollback 1; commit`)",
                       "afterwards: rollback 1; commit, or load set rollback.junos and commit"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "junos")
    }
}
