import ArgumentParser
import AuditFleet
import AuditReport
import Foundation

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two sweeps: new, fixed and persisting findings per device, and devices whose state changed.",
        discussion: "Without runs: the last run against the one before it (same inventory and shard). With one run: that run against the one before it."
    )

    @Argument(help: "Earlier run id (see `routeraudit history`).")
    var runA: Int64?

    @Argument(help: "Later run id.")
    var runB: Int64?

    @Option(help: "History store: a SQLite file or postgres://user@host/db.")
    var store: String = "routeraudit-history.sqlite"

    @Option(help: "Output format: text or json.")
    var format: FleetFormat = .text

    @Flag(help: "Also list persisting findings.")
    var all = false

    struct Document: Codable {
        var before: Int64
        var after: Int64
        var new: Int
        var fixed: Int
        var persisting: Int
        var devices: [Device]
    }

    struct Device: Codable {
        var name: String
        var before: String?
        var after: String?
        var new: [StoredFinding]
        var fixed: [StoredFinding]
        var persisting: Int
    }

    func run() throws {
        guard StoreLocation.isPostgres(store) || FileManager.default.fileExists(atPath: store) else {
            printError("error: \(store): no history here yet (run `routeraudit sweep` first)")
            throw ExitCode(2)
        }
        let diff: RunDiff
        let (before, after): (Int64, Int64)
        do {
            let opened = try StoreLocation.open(store)
            let runs = try opened.runs()
            let ids = runs.map(\.id)
            // The run before a run is the last earlier one of the same inventory and shard.
            func previous(_ id: Int64) -> Int64? {
                let run = runs.first { $0.id == id }
                return runs.last { $0.id < id && $0.inventory == run?.inventory && $0.shard == run?.shard }?.id
            }
            switch (runA, runB) {
            case (let a?, let b?): (before, after) = (a, b)
            case (let b?, nil):
                guard let a = previous(b) else { throw ValidationError("run \(b) has no earlier run of the same inventory and shard") }
                (before, after) = (a, b)
            default:
                guard let b = ids.last, let a = previous(b) else {
                    throw ValidationError("the store holds no two runs of one inventory and shard; a diff needs two")
                }
                (before, after) = (a, b)
            }
            for id in [before, after] where !ids.contains(id) {
                throw ValidationError("no run \(id) in \(store) (see `routeraudit history`)")
            }
            diff = RunDiff.compare(before: try opened.results(run: before), after: try opened.results(run: after))
        } catch let error as ValidationError {
            printError("error: \(error.message)")
            throw ExitCode(2)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let changed = diff.devices.filter { !$0.new.isEmpty || !$0.fixed.isEmpty || $0.stateChanged }
        switch format {
        case .json:
            let document = Document(before: before, after: after, new: diff.newCount, fixed: diff.fixedCount, persisting: diff.persistingCount,
                                    devices: changed.map {
                                        Device(name: $0.device, before: $0.before?.rawValue, after: $0.after?.rawValue,
                                               new: $0.new, fixed: $0.fixed, persisting: $0.persisting.count)
                                    })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        case .text:
            print("run \(before) → run \(after): \(diff.newCount) new, \(diff.fixedCount) fixed, \(diff.persistingCount) persisting findings; \(diff.devices.filter(\.stateChanged).count) devices changed state")
            for device in all ? diff.devices : changed {
                let name = TerminalSafe.clean(device.device)
                if device.stateChanged {
                    print("\(name): \(device.before?.rawValue ?? "absent") → \(device.after?.rawValue ?? "absent")")
                } else {
                    print("\(name): \(device.new.count) new, \(device.fixed.count) fixed, \(device.persisting.count) persisting")
                }
                for finding in device.new { print("  + \(line(finding))") }
                for finding in device.fixed { print("  - \(line(finding))") }
                if all { for finding in device.persisting { print("  = \(line(finding))") } }
            }
        }
    }

    func line(_ finding: StoredFinding) -> String {
        TerminalSafe.clean("\(finding.checkID) \(finding.severity.rawValue): \(finding.message) [\(finding.subject)]")
    }
}
