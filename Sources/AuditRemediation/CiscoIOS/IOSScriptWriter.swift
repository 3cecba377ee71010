import AuditCore

/// Wraps IOS blocks in the safety net: a saved copy of the running configuration and a timed
/// reload before configuring; `configure replace` to return to the copy.
struct IOSScriptWriter {
    let plan: RemediationPlan
    static let backup = "flash:routeraudit-before.cfg"

    func scripts() -> RemediationScripts {
        RemediationScripts(apply: apply(), rollback: rollback(), readme: readme(), fileExtension: "ios")
    }

    var header: String {
        var out = "! RouterAudit fix for \(plan.device) (Cisco IOS)\n"
        let text = plan.blocks.flatMap(\.apply).joined(separator: "\n")
        let variables = plan.variables.filter { text.contains($0.reference) }
        if !variables.isEmpty {
            out += "! Fill in the variables first, e.g.: export \(variables.map { "\($0.name)=..." }.joined(separator: " "))\n"
            out += "!   envsubst < apply.ios > apply-filled.ios   (the file then holds the new secrets: delete it afterwards)\n"
            for variable in variables { out += "!   \(variable.name): \(variable.explanation)\n" }
        }
        return out
    }

    func apply() -> String {
        var out = header
        out += "!\n! Safety net, in exec mode, one command at a time:\n"
        out += "!   copy running-config \(Self.backup)   (or `archive config` when an archive path is set)\n"
        out += "!   reload in 15                         (the router returns to its saved configuration unless cancelled)\n"
        out += "configure terminal\n"
        for (number, block) in plan.blocks.enumerated() {
            out += "! [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            out += block.apply.map { $0 + "\n" }.joined()
        }
        out += "end\n"
        out += "! Confirm from a NEW session that you can still log in, then: reload cancel ; write memory\n"
        return out
    }

    func rollback() -> String {
        var out = "! RouterAudit rollback for \(plan.device) (Cisco IOS)\n"
        out += "! Exact way back: configure replace \(Self.backup) force\n"
        let old = plan.variables.filter { $0.kind == .originalSecret }
        if !old.isEmpty {
            out += "! Or paste the commands below after filling in the original secrets (\(old.map(\.name).joined(separator: ", "))) from the backup with envsubst.\n"
        }
        out += "configure terminal\n"
        for (number, block) in plan.blocks.enumerated().reversed() {
            out += "! undo [\(number + 1)] \(block.title)\n"
            out += block.rollback.map { $0 + "\n" }.joined()
        }
        out += "end\n"
        return out
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
