import ArgumentParser
import RouterAudit

struct ChecksCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checks",
        abstract: "List and explain the built-in checks.",
        subcommands: [List.self, Show.self, Catalogue.self],
        defaultSubcommand: List.self
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every check with its id, severity and title.")
        func run() {
            for check in RouterAuditFacade.checks {
                let severity = check.severity.rawValue.padding(8)
                print("\(check.id.padding(14)) \(severity) \(check.title)  [\(check.vendors.map(\.rawValue).joined(separator: ", "))]")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Explain one check: why it matters, what to do, examples.")
        @Argument(help: "A check id such as RA-MGMT-001, or its slug.")
        var id: String

        func run() throws {
            guard let check = RouterAuditFacade.checks.first(where: { $0.id == id.uppercased() || $0.slug == id.lowercased() }) else {
                throw ValidationError("no check '\(id)'; see `routeraudit checks list`")
            }
            print(CheckCatalogue.text(check), terminator: "")
        }
    }

    struct Catalogue: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the Markdown check catalogue (docs/checks.md).")
        func run() {
            print(CheckCatalogue.markdown(), terminator: "")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
