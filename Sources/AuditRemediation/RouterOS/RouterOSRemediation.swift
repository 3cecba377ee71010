import AuditCore

/// MikroTik RouterOS: commands pasted in a terminal in safe mode (Ctrl-X), so a dropped session
/// undoes them; a binary backup and an export before.
public struct RouterOSRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .routerOS }
    public var fileExtension: String { "rsc" }
    public var applier: any ScriptApplier { RouterOSApplier() }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = RouterOSRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let applyText = plan.blocks.map { $0.apply.joined(separator: "\n") }.joined(separator: "\n")
        let variables = plan.variables.filter { applyText.contains($0.reference) }
        var apply = "# RouterAudit fix for \(plan.device) (RouterOS)\n"
        for variable in variables { apply += "#   \(variable.name): \(variable.explanation)\n" }
        if !variables.isEmpty { apply += "# Fill them in first: envsubst < apply.rsc > apply-filled.rsc\n" }
        apply += "# Before: /system backup save name=routeraudit-before ; /export file=routeraudit-before\n"
        apply += "# Press Ctrl-X (safe mode), paste, check from a NEW session, then Ctrl-X again to keep the changes.\n"
        for (number, block) in plan.blocks.enumerated() {
            apply += "# [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            apply += block.apply.map { $0 + "\n" }.joined()
        }
        var rollback = "# RouterAudit rollback for \(plan.device) (RouterOS)\n"
        rollback += "# In safe mode: leave it without Ctrl-X (or let the session drop) and the changes are undone.\n"
        rollback += "# Later: paste this in safe mode, or /system backup load name=routeraudit-before (reboots).\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            rollback += "# undo [\(number + 1)] \(block.title)\n"
            rollback += block.rollback.map { $0 + "\n" }.joined()
        }
        let readme = ScriptText.readme(plan, ext: "rsc",
            safetyNet: ["/system backup save name=routeraudit-before and /export file=routeraudit-before; copy both off the router",
                        "press Ctrl-X in the terminal (safe mode): if the session drops, RouterOS undoes every change made since",
                        "paste apply.rsc (after envsubst if it has variables)"],
            confirm: ["from a new session (Winbox or SSH from the LAN), log in again; then Ctrl-X in the first session to keep the changes",
                      "/export and run `routeraudit audit` on it: the fixed findings are gone"],
            rollback: ["still in safe mode: close the session without Ctrl-X",
                       "afterwards: paste rollback.rsc, or /system backup load name=routeraudit-before"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "rsc")
    }
}
