import AuditCore

/// VyOS and EdgeOS: `configure`, the set/delete commands, `compare`, then `commit-confirm 10` so
/// the router reverts by itself unless the change is confirmed; `save` only after `confirm`.
public struct VyattaRemediation: VendorRemediation {
    public let vendor: VendorID

    public init(vendor: VendorID) {
        self.vendor = vendor
    }

    public var fileExtension: String { "vyatta" }
    public var applier: any ScriptApplier {
        SetFormApplier(singleValued: ["encrypted-password", "protocol-version", "authorization", "default-action", "listen-address"])
    }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = JunosRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let name = vendor == .edgeOS ? "EdgeOS" : "VyOS"
        let applyText = plan.blocks.map { $0.apply.joined(separator: "\n") }.joined(separator: "\n")
        let variables = plan.variables.filter { applyText.contains($0.reference) }
        var apply = "# RouterAudit fix for \(plan.device) (\(name))\n"
        for variable in variables { apply += "#   \(variable.name): \(variable.explanation)\n" }
        if !variables.isEmpty { apply += "# Fill them in first: envsubst < apply.vyatta > apply-filled.vyatta\n" }
        apply += "# Paste after `configure`; then: compare; commit-confirm 10; (from a NEW session) confirm; save; exit\n"
        for (number, block) in plan.blocks.enumerated() {
            apply += "# [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            apply += block.apply.map { $0 + "\n" }.joined()
        }
        var rollback = "# RouterAudit rollback for \(plan.device) (\(name))\n"
        rollback += "# Within 10 minutes of commit-confirm: do nothing, the router reverts by itself.\n"
        rollback += "# Later: paste after `configure`, then commit-confirm 10; confirm; save\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            rollback += "# undo [\(number + 1)] \(block.title)\n"
            rollback += block.rollback.map { $0 + "\n" }.joined()
        }
        let readme = ScriptText.readme(plan, ext: "vyatta",
            safetyNet: ["save a copy first: show configuration commands > /config/routeraudit-before.commands",
                        "configure, paste apply.vyatta, compare",
                        "commit-confirm 10: unless you type `confirm` within 10 minutes, the router reverts (a reboot into the saved configuration)"],
            confirm: ["from a new session, log in again; then confirm and save",
                      "show configuration commands, and run `routeraudit audit` on it: the fixed findings are gone"],
            rollback: ["within the 10 minutes: do nothing",
                       "afterwards: configure, paste rollback.vyatta, commit, save"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "vyatta")
    }
}
