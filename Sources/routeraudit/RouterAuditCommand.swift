import ArgumentParser
import RouterAudit
#if canImport(Glibc)
import Glibc
#endif

@main
struct RouterAuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routeraudit",
        abstract: "Audit router configurations for default credentials, exposed management and permissive firewalls.",
        discussion: """
            Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or input error \
            (nothing could be audited), 3 partial (some inputs could not be audited).
            """,
        version: RouterAuditVersion.current,
        subcommands: [AuditCommand.self, ScanCommand.self, CollectCommand.self, SelfcheckCommand.self, ChecksCommand.self, SweepCommand.self, HistoryCommand.self, DiffCommand.self, InventoryCommand.self, FixCommand.self]
    )

    /// ArgumentParser exits 64 on usage errors; RouterAudit promises 2 for every usage or input error.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                Glibc.exit(2)
            }
            exit(withError: error)
        }
    }
}
