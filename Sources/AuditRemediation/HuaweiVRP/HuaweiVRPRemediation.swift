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
        let script = ConfigModeScript(
            plan: plan, vendorName: "Huawei VRP", ext: "vrp", comment: "#",
            enter: ["system-view"], leave: ["return"],
            before: ["Before, in user view: save routeraudit-before.cfg"],
            after: ["Log in again from a NEW session; then: save"],
            rollbackEnter: ["system-view"], rollbackLeave: ["return"],
            rollbackHeader: ["Exact way back: startup saved-configuration routeraudit-before.cfg, then reboot."])
        let readme = ScriptText.readme(plan, ext: "vrp",
            safetyNet: ["in user view: save routeraudit-before.cfg (the copy to return to)",
                        "paste apply.vrp in a session you keep open; do not `save` until you have logged in again"],
            confirm: ["from a new session, log in again (SSH if telnet was turned off)",
                      "display current-configuration, and run `routeraudit audit` on it: the fixed findings are gone; then save"],
            rollback: ["before `save`: reboot without saving, or startup saved-configuration routeraudit-before.cfg and reboot",
                       "afterwards: paste rollback.vrp"])
        return RemediationScripts(apply: script.applyText, rollback: script.rollbackText, readme: readme, fileExtension: "vrp")
    }
}
