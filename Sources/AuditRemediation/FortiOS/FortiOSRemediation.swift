import AuditCore

/// FortiOS: a revision of the configuration before the change, `config` blocks pasted in the CLI,
/// and the revision to return to.
public struct FortiOSRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .fortiOS }
    public var fileExtension: String { "fortios" }
    public var applier: any ScriptApplier { FortiOSApplier() }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = FortiOSRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let applyText = plan.blocks.map { $0.apply.joined(separator: "\n") }.joined(separator: "\n")
        let variables = plan.variables.filter { applyText.contains($0.reference) }
        var apply = "# RouterAudit fix for \(plan.device) (FortiOS)\n"
        for variable in variables { apply += "#   \(variable.name): \(variable.explanation)\n" }
        if !variables.isEmpty { apply += "# Fill them in first: envsubst < apply.fortios > apply-filled.fortios (delete that file afterwards)\n" }
        apply += "# Before: execute revision backup config (or System > Configuration > Revisions: save a revision)\n"
        apply += "# Paste the blocks in the CLI console; check from a NEW session that you can still log in.\n"
        for (number, block) in plan.blocks.enumerated() {
            apply += "# [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            apply += block.apply.map { $0 + "\n" }.joined()
        }
        var rollback = "# RouterAudit rollback for \(plan.device) (FortiOS)\n"
        rollback += "# Exact way back: restore the revision saved before (execute revision / System > Configuration > Revisions); the unit reboots.\n"
        rollback += "# Or paste these blocks, which undo each fix in reverse order.\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            rollback += "# undo [\(number + 1)] \(block.title)\n"
            rollback += block.rollback.map { $0 + "\n" }.joined()
        }
        let readme = ScriptText.readme(plan, ext: "fortios",
            safetyNet: ["save a configuration revision first (System > Configuration > Revisions, or the CLI's revision backup) and download a backup",
                        "keep the session you paste in open; log in from a second one before closing it"],
            confirm: ["from a new session (from the LAN), log in again",
                      "show full-configuration, and run `routeraudit audit` on a backup: the fixed findings are gone"],
            rollback: ["restore the saved revision (the unit reboots), or paste rollback.fortios"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "fortios")
    }
}
