import AuditCore

/// Wraps IOS blocks in the safety net: a saved copy of the running configuration and a timed
/// reload before configuring; `configure replace` to return to the copy.
struct IOSScriptWriter {
    let plan: RemediationPlan
    static let backup = "flash:routeraudit-before.cfg"

    func scripts() -> RemediationScripts {
        let script = ConfigModeScript(
            plan: plan, vendorName: "Cisco IOS", ext: "ios", comment: "!",
            enter: ["configure terminal"], leave: ["end"],
            before: ["", "Safety net, in exec mode, one command at a time:",
                     "  copy running-config \(Self.backup)   (or `archive config` when an archive path is set)",
                     "  reload in 15                         (the router returns to its saved configuration unless cancelled)"],
            after: ["Confirm from a NEW session that you can still log in, then: reload cancel ; write memory"],
            rollbackEnter: ["configure terminal"], rollbackLeave: ["end"],
            rollbackHeader: ["Exact way back: configure replace \(Self.backup) force"])
        return RemediationScripts(apply: script.applyText, rollback: script.rollbackText, readme: readme(), fileExtension: "ios")
    }

    func readme() -> String {
        ScriptText.readme(plan, ext: "ios",
            safetyNet: ["copy running-config \(Self.backup) (or `archive config`), so `configure replace` can return to it",
                        "reload in 15, so a lock-out undoes itself; keep a console cable at hand",
                        "paste apply.ios (after envsubst if it has variables) in a session you keep open"],
            confirm: ["from a new session, log in again (SSH if telnet was turned off)",
                      "show running-config and run `routeraudit audit` on it: the fixed findings are gone",
                      "reload cancel, then write memory"],
            rollback: ["before `write memory`: let `reload in 15` happen, or `configure replace \(Self.backup) force`",
                       "afterwards: paste rollback.ios, which undoes each block in reverse order"])
    }
}
