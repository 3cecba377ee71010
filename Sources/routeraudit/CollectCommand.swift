import ArgumentParser
import AuditSSH
import RouterAudit

/// `routeraudit collect HOST`: the collection half of `scan`, without auditing. Prints the
/// collected configuration (sanitised) unless --save-config is given, and a summary on stderr.
struct CollectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "collect",
        abstract: "Collect a router's configuration over SSH (read-only) without auditing it.",
        discussion: "See docs/ssh.md. Exit codes: 0 collected, 2 usage error or the collection failed."
    )

    @OptionGroup var ssh: SSHCommandOptions

    @OptionGroup var defaults: ScanDefaultLoginOptions

    func validate() throws {
        try ssh.validateLogin(tryDefaults: defaults.tryDefaults)
    }

    func run() throws {
        let request = try ssh.liveScanRequest(defaults: defaults)
        let outcome = LiveScanSession.run(request, collector: ssh.collector(), progress: { printError($0) })
        if let accepted = outcome.defaults?.accepted {
            printError("critical: RA-CRED-011 default login accepted: \(accepted.candidate.label); change it now")
        }
        guard let result = outcome.collection, let profile = outcome.profile else {
            printError("error: \(outcome.target.label): \(outcome.collection?.failure?.description ?? outcome.problem ?? "nothing collected")")
            throw ExitCode(2)
        }
        let saved = ssh.save(result)
        if let failure = result.failure {
            printError("error: \(failure)")
            throw ExitCode(2)
        }
        if ssh.saveConfig == nil {
            for output in result.configs { print(output.text) }
        }
        let bytes = result.configs.reduce(0) { $0 + $1.text.utf8.count }
        var summary = "collected \(bytes) bytes from \(result.target.label) (\(profile.name)) in \(Int(result.timings.finished * 1000)) ms"
        if let algorithms = result.algorithms {
            summary += "; \(algorithms.summary)"
            let weak = algorithms.weak
            if !weak.isEmpty { summary += "; weak: \(weak.map(\.algorithm).joined(separator: ", "))" }
        }
        printError(summary)
        if !saved { throw ExitCode(2) }
    }
}
