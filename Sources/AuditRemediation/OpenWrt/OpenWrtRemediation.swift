import AuditCore

/// OpenWrt: `uci batch` staged changes, shown with `uci changes` and committed only after the
/// engineer confirms (otherwise `uci revert`), then the services are reloaded.
public struct OpenWrtRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .openWrt }
    public var fileExtension: String { "sh" }
    public var applier: any ScriptApplier { UCIApplier() }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = OpenWrtRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        OpenWrtScriptWriter(plan: plan).scripts()
    }
}

struct OpenWrtScriptWriter {
    let plan: RemediationPlan
    static let backup = "/tmp/routeraudit-before.tar.gz"
    /// The init script that reloads a package's service.
    static let services: [String: String] = ["firewall": "firewall reload", "dropbear": "dropbear restart", "uhttpd": "uhttpd restart",
                                             "snmpd": "snmpd restart", "upnpd": "miniupnpd restart", "network": "network reload"]

    func scripts() -> RemediationScripts {
        RemediationScripts(apply: script(rollback: false), rollback: script(rollback: true), readme: readme(), fileExtension: "sh")
    }

    static func packages(_ commands: [String]) -> [String] {
        var seen: [String] = []
        for command in commands {
            let words = command.split(separator: " ")
            guard words.count >= 2, let package = words[1].split(separator: ".").first.map(String.init) else { continue }
            if !seen.contains(package) { seen.append(package) }
        }
        return seen
    }

    func script(rollback: Bool) -> String {
        let commands = plan.blocks.flatMap { rollback ? $0.rollback : $0.apply }
        let packages = Self.packages(plan.blocks.filter { !$0.shell }.flatMap { rollback ? $0.rollback : $0.apply })
        var out = "#!/bin/sh\n# RouterAudit \(rollback ? "rollback" : "fix") for \(plan.device) (OpenWrt)\n"
        out += "# Safety net: the changes are staged with uci batch and shown with uci changes; nothing is\n"
        out += "# committed until you answer y, anything else runs uci revert.\n"
        if rollback { out += "# Exact way back instead: sysupgrade -r \(Self.backup) (the backup apply.sh made), then reboot.\n" }
        out += "set -eu\n\n"
        let variables = plan.variables.filter { variable in commands.contains { $0.contains(variable.reference) } }
        if !variables.isEmpty {
            out += "# Values this script never invents: set them in the environment or type them when asked.\n"
            out += "ra_ask() { eval \"ra_v=\\${$1:-}\"; if [ -z \"$ra_v\" ]; then printf '%s: ' \"$2\" >&2; stty -echo 2>/dev/null || true; read -r ra_v; stty echo 2>/dev/null || true; echo >&2; fi; [ -n \"$ra_v\" ] || { echo \"$1 is required\" >&2; exit 1; }; eval \"$1=\\$ra_v\"; }\n"
            for variable in variables {
                out += "ra_ask \(variable.name) '\(variable.explanation.split(separator: "'").joined())'\n"
            }
            out += "\n"
        }
        if commands.contains(where: { $0.hasPrefix(ShadowFile.restoreFunction + " ") }) { out += ShadowFile.restoreDefinition + "\n\n" }
        if !rollback { out += "sysupgrade -b \(Self.backup)\n\n" }
        let order = rollback ? Array(plan.blocks.enumerated().reversed()) : Array(plan.blocks.enumerated())
        for (number, block) in order where !block.shell {
            out += "# \(rollback ? "undo " : "")[\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            out += "uci batch <<EOF\n"
            out += (rollback ? block.rollback : block.apply).map { $0 + "\n" }.joined()
            out += "EOF\n"
        }
        // Shell steps (passwd) cannot be staged: they run only after the engineer confirms.
        let shellSteps = order.filter { $0.element.shell }
        out += "\nuci changes\n"
        for (number, block) in shellSteps {
            out += "echo \(ShellWord.quote("After you confirm, also: \(rollback ? "undo " : "")[\(number + 1)] \(block.title)", expanding: []))\n"
        }
        out += "printf 'Commit these changes? [y/N] '\nread -r ra_answer\n"
        out += "if [ \"$ra_answer\" != y ]; then\n"
        for package in packages { out += "  uci revert \(package)\n" }
        out += "  echo 'Reverted: nothing changed.'\n  exit 1\nfi\n"
        for (number, block) in shellSteps {
            out += "# \(rollback ? "undo " : "")[\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            out += (rollback ? block.rollback : block.apply).map { $0 + "\n" }.joined()
        }
        for package in packages {
            out += "uci commit \(package)\n"
            if let service = Self.services[package] { out += "/etc/init.d/\(service)\n" }
        }
        return out
    }

    func readme() -> String {
        ScriptText.readme(plan, ext: "sh",
            safetyNet: ["copy apply.sh to the router (scp apply.sh root@router:/tmp/) and run it there: sh /tmp/apply.sh",
                        "it saves a backup first (sysupgrade -b \(Self.backup)); copy that backup off the router",
                        "it stages the changes, shows them (uci changes) and commits only when you answer y; any other answer runs uci revert"],
            confirm: ["log in again from a LAN machine (ssh, LuCI over HTTPS)",
                      "uci export and run `routeraudit audit` on it: the fixed findings are gone"],
            rollback: ["before committing: answer anything but y (uci revert)",
                       "after committing: sh rollback.sh (undoes each block in reverse order), or sysupgrade -r \(Self.backup) and reboot"])
    }
}
