import AuditCore

/// Huawei VRP: `save` a copy first, `system-view`, the commands, `return`; the saved copy is the
/// way back (`startup saved-configuration` and a reboot), or the rollback commands.
public struct HuaweiVRPRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .huaweiVRP }
    public var fileExtension: String { "vrp" }
    public var applier: any ScriptApplier { IOSApplier(dialect: .vrp) }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = VRPRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let applyText = plan.blocks.map { $0.apply.joined(separator: "\n") }.joined(separator: "\n")
        let variables = plan.variables.filter { applyText.contains($0.reference) }
        var apply = "# RouterAudit fix for \(plan.device) (Huawei VRP)\n"
        for variable in variables { apply += "#   \(variable.name): \(variable.explanation)\n" }
        if !variables.isEmpty { apply += "# Fill them in first: envsubst < apply.vrp > apply-filled.vrp (delete that file afterwards)\n" }
        apply += "# Before, in user view: save routeraudit-before.cfg\n"
        apply += "system-view\n"
        for (number, block) in plan.blocks.enumerated() {
            apply += "# [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            apply += block.apply.map { $0 + "\n" }.joined()
        }
        apply += "return\n# Log in again from a NEW session; then: save\n"
        var rollback = "# RouterAudit rollback for \(plan.device) (Huawei VRP)\n"
        rollback += "# Exact way back: startup saved-configuration routeraudit-before.cfg, then reboot.\n"
        rollback += "system-view\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            rollback += "# undo [\(number + 1)] \(block.title)\n"
            rollback += block.rollback.map { $0 + "\n" }.joined()
        }
        rollback += "return\n"
        let readme = ScriptText.readme(plan, ext: "vrp",
            safetyNet: ["in user view: save routeraudit-before.cfg (the copy to return to)",
                        "paste apply.vrp in a session you keep open; do not `save` until you have logged in again"],
            confirm: ["from a new session, log in again (SSH if telnet was turned off)",
                      "display current-configuration, and run `routeraudit audit` on it: the fixed findings are gone; then save"],
            rollback: ["before `save`: reboot without saving, or startup saved-configuration routeraudit-before.cfg and reboot",
                       "afterwards: paste rollback.vrp"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "vrp")
    }
}
