import AuditCore

/// pfSense and OPNsense: `apply.patch` changes the downloaded `config.xml`; it is restored
/// through Diagnostics > Backup & Restore (System > Configuration > Backups on OPNsense), which
/// keeps the previous configuration in the history to go back to. The README lists the same
/// changes as clicks in the web interface.
public struct PfSenseRemediation: VendorRemediation {
    public let vendor: VendorID

    public init(vendor: VendorID) {
        self.vendor = vendor
    }

    public var fileExtension: String { "patch" }
    public var applier: any ScriptApplier { PatchApplier() }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = PfSenseRenderer(config: config, showSecrets: showSecrets)
        var plan = renderer.plan(findings)
        // The patch itself shows the lines; the blocks name what they change.
        plan.blocks = plan.blocks.map { block in
            var block = block
            if let edit = PfSenseRenderer.decode(block.apply) {
                block.rollback = PfSenseRenderer.encode(LineEdit(line: edit.line, removed: edit.added, added: edit.removed, before: edit.before, after: edit.after))
            }
            return block
        }
        return plan
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        let name = vendor == .opnSense ? "OPNsense" : "pfSense"
        let edits = plan.blocks.compactMap { PfSenseRenderer.decode($0.apply) }
        let file = "config.xml"
        var apply = "RouterAudit fix for \(plan.device) (\(name)): a patch of config.xml.\n"
        apply += "Download config.xml (\(vendor == .opnSense ? "System > Configuration > Backups" : "Diagnostics > Backup & Restore")), then:\n"
        apply += "  patch config.xml < apply.patch   and restore the patched file there; the previous one stays in the history.\n"
        for (number, block) in plan.blocks.enumerated() { apply += "[\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n" }
        apply += "\n" + ConfigPatch.diff(file: file, edits: edits, reverse: false)
        var rollback = "RouterAudit rollback for \(plan.device) (\(name)): restore the previous configuration from the history,\n"
        rollback += "or  patch config.xml < rollback.patch  on the patched file and restore that.\n\n"
        rollback += ConfigPatch.diff(file: file, edits: edits, reverse: true)
        let readme = ScriptText.readme(plan, ext: "patch",
            safetyNet: ["download a backup of config.xml first and keep it",
                        "apply.patch changes only the lines listed; patch refuses if config.xml changed since the audit",
                        "restoring the patched file keeps the previous configuration in the history (and reloads the firewall)",
                        "or make the same changes by hand in the web interface (each block's note says where)"],
            confirm: ["log in again from the LAN; download config.xml and run `routeraudit audit` on it: the fixed findings are gone"],
            rollback: ["restore the previous configuration from the history, or patch with rollback.patch and restore"])
        return RemediationScripts(apply: apply, rollback: rollback, readme: readme, fileExtension: "patch")
    }
}
