import ArgumentParser
import AuditFleet
import AuditReport
import Foundation

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the sweeps kept in a history store."
    )

    @Option(help: "History store: a SQLite file or postgres://user@host/db.")
    var store: String = "routeraudit-history.sqlite"

    @Option(help: "Output format: text or json.")
    var format: FleetFormat = .text

    struct Entry: Codable {
        var run: Int64
        var key: String
        var inventory: String
        var shard: String
        var started: String
        var finished: String?
        var status: String
        var planned: Int
        var byState: [String: Int]
        var findings: Int
    }

    func run() throws {
        guard StoreLocation.isPostgres(store) || FileManager.default.fileExists(atPath: store) else {
            printError("error: \(store): no history here yet (run `routeraudit sweep` first)")
            throw ExitCode(2)
        }
        let runs: [RunRecord]
        do {
            runs = try StoreLocation.open(store).runs()
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let entries = runs.map { run in
            Entry(run: run.id, key: run.key, inventory: run.inventory, shard: run.shard, started: Self.time(run.startedAt),
                  finished: run.finishedAt.map(Self.time), status: run.status, planned: run.planned,
                  byState: Dictionary(uniqueKeysWithValues: run.byState.map { ($0.key.rawValue, $0.value) }), findings: run.findings)
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
        case .text:
            if entries.isEmpty { print("no sweeps yet") }
            for (entry, run) in zip(entries, runs) {
                let failed = run.completed - (run.byState[.audited] ?? 0)
                print("run \(entry.run)  \(entry.started)  \(entry.status)  \(run.completed)/\(entry.planned) devices, \(failed) not audited, \(entry.findings) findings  shard \(entry.shard)  \(TerminalSafe.clean(entry.inventory))")
            }
        }
    }

    static func time(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds).formatted(.iso8601)
    }
}
