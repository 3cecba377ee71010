import ArgumentParser
import AuditFleet
import AuditReport
import Foundation

struct InventoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "Check a sweep inventory, or convert it to and from CSV (name,address,port,vendor,group,file).",
        subcommands: [Check.self, ExportCSV.self, ImportCSV.self]
    )

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Validate an inventory; every problem with its file and line.")

        @Argument(help: "Inventory YAML file.", completion: .file())
        var inventory: String

        func run() throws {
            do {
                let loaded = try InventoryLoader.load(path: inventory)
                print("\(inventory): \(loaded.devices.count) devices")
            } catch {
                for problem in error.problems { printError("error: \(TerminalSafe.clean(problem.description))") }
                throw ExitCode(2)
            }
        }
    }

    struct ExportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "export-csv", abstract: "Print an inventory's devices as CSV.")

        @Argument(help: "Inventory YAML file.", completion: .file())
        var inventory: String

        func run() throws {
            do {
                print(InventoryCSV.export(try InventoryLoader.load(path: inventory)), terminator: "")
            } catch {
                for problem in error.problems { printError("error: \(TerminalSafe.clean(problem.description))") }
                throw ExitCode(2)
            }
        }
    }

    struct ImportCSV: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "import-csv", abstract: "Print CSV rows as an inventory's devices list (YAML).")

        @Argument(help: "CSV file with the header name,address,port,vendor,group,file.", completion: .file())
        var csv: String

        func run() throws {
            guard let data = FileManager.default.contents(atPath: csv) else {
                printError("error: \(csv): cannot be read")
                throw ExitCode(2)
            }
            do {
                print(try InventoryCSV.importYAML(String(decoding: data, as: UTF8.self), file: csv), terminator: "")
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
    }
}
