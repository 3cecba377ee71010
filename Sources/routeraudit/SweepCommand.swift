import ArgumentParser
import AuditFleet
import AuditReport
import RouterAudit
import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

enum FleetFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

enum ProgressStyle: String, ExpressibleByArgument, CaseIterable {
    /// A bar on a terminal, log lines otherwise.
    case auto, bar, lines, none
}

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Collect and audit every device of an inventory, keeping history (docs/fleet.md).",
        discussion: """
            Exit codes: 0 every device audited, 3 some devices ended unreachable, auth-failed, host-key-mismatch, \
            timed-out or parse-failed, 2 inventory, store or usage error.
            """
    )

    @Argument(help: "Inventory YAML file.", completion: .file())
    var inventory: String

    @Option(help: "History store: a SQLite file (created on first use) or postgres://user@host/db (password from PGPASSWORD or ~/.pgpass).")
    var store: String = "routeraudit-history.sqlite"

    @Option(help: "Devices collected at the same time.")
    var concurrency: Int = 32

    @Option(help: "Sweep only slice K of N (1 ≤ K ≤ N) of the inventory, chosen by a stable hash of each device name.")
    var shard: String?

    @Flag(help: "Continue the last unfinished sweep of this inventory (and shard) instead of starting a new one.")
    var resume = false

    @Option(help: "Join the run with this key (workers sharing a PostgreSQL store); default: a new run.")
    var runKey: String?

    @Option(help: "Summary on standard output: text or json (every device with its state and findings).")
    var format: FleetFormat = .text

    @Option(help: "Write a CSV of findings per device to this file.")
    var findingsCsv: String?

    @Option(help: "Write Prometheus text-format metrics to this file (node-exporter textfile collector).")
    var metrics: String?

    @Option(help: "Progress on standard error: auto (a bar on a terminal, log lines otherwise), bar, lines, none.")
    var progress: ProgressStyle = .auto

    func validate() throws {
        guard concurrency >= 1, concurrency <= 4096 else { throw ValidationError("--concurrency must be from 1 to 4096") }
        if let shard, Shard(shard) == nil { throw ValidationError("--shard must look like K/N with 1 ≤ K ≤ N, e.g. 2/8") }
    }

    func run() throws {
        let loaded: Inventory
        do {
            loaded = try InventoryLoader.load(path: inventory)
        } catch {
            for problem in error.problems { printError("error: \(TerminalSafe.clean(problem.description))") }
            throw ExitCode(2)
        }
        let opened: any SweepStore
        do {
            opened = try StoreLocation.open(store)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        var sweep = Sweep(inventory: loaded, toolVersion: RouterAuditVersion.current)
        sweep.shard = shard.flatMap(Shard.init) ?? .whole
        sweep.resume = resume
        sweep.runKey = runKey
        sweep.concurrency = concurrency
        let style: ProgressStyle = progress == .auto ? (isatty(STDERR_FILENO) == 1 ? .bar : .lines) : progress
        let reporter = ProgressReporter(style: style)
        let outcome: Sweep.Outcome
        do {
            outcome = try sweep.run(store: opened, observer: { result, progress in reporter.device(result, progress) },
                                    opened: { run, total in reporter.opened(run, total: total) })
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        reporter.finish()
        for problem in outcome.storeProblems { printError("error: \(problem)") }
        try writeOutputs(outcome, shard: sweep.shard)
        let failed = outcome.results.filter { $0.state != .audited }.count
        throw ExitCode(outcome.storeProblems.isEmpty ? (failed == 0 ? 0 : 3) : 2)
    }

    func writeOutputs(_ outcome: Sweep.Outcome, shard: Shard) throws {
        do {
            if let findingsCsv {
                try ReportFile.write(FleetReport.findingsCSV(outcome.results), to: findingsCsv, ownerOnly: false)
            }
            if let metrics {
                try SweepMetrics.write(SweepMetrics.render(results: outcome.results, durationSeconds: outcome.durationSeconds,
                                                           finishedAt: Date().timeIntervalSince1970, shard: shard), to: metrics)
            }
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        switch format {
        case .json:
            print(FleetReport.json(run: outcome.run, key: outcome.key, inventory: inventory, shard: shard,
                                   results: outcome.results, durationSeconds: outcome.durationSeconds), terminator: "")
        case .text:
            var byState: [DeviceState: Int] = [:]
            for result in outcome.results { byState[result.state, default: 0] += 1 }
            let states = DeviceState.allCases.compactMap { state in byState[state].map { "\($0) \(state.rawValue)" } }
            let findings = outcome.results.reduce(0) { $0 + $1.findings.count }
            print("run \(outcome.run): \(outcome.results.count) devices (\(states.joined(separator: ", "))), \(findings) findings, \(String(format: "%.1f", outcome.durationSeconds)) s")
            for result in outcome.results where result.state != .audited {
                print("  \(TerminalSafe.clean(result.device)): \(result.state.rawValue): \(result.reason ?? "")")
            }
        }
    }
}

/// Progress on standard error: a redrawn bar on a terminal (devices done, failed, rate, ETA; at
/// most ten redraws a second), or one log line per device.
final class ProgressReporter: Sendable {
    let style: ProgressStyle
    let state = Mutex<(lastDraw: ContinuousClock.Instant?, progress: SweepEngine.Progress?)>((nil, nil))

    init(style: ProgressStyle) {
        self.style = style
    }

    func opened(_ run: OpenRun, total: Int) {
        guard style != .none else { return }
        let resumed = run.alreadyDone > 0 ? ", \(run.alreadyDone) already done" : ""
        printError("sweep: run \(run.id) (\(TerminalSafe.clean(run.key))): \(total) devices\(resumed)")
    }

    func device(_ result: DeviceResult, _ progress: SweepEngine.Progress) {
        state.withLock { state in
            state.progress = progress
            switch style {
            case .none, .auto:
                return
            case .lines:
                let detail = result.state == .audited
                    ? "\(result.findings.count) findings, score \(result.score.map(String.init) ?? "-")"
                    : (result.reason ?? "")
                printError("sweep: [\(progress.done)/\(progress.total)] \(TerminalSafe.clean(result.device)) \(result.state.rawValue): \(TerminalSafe.clean(detail))")
            case .bar:
                let now = ContinuousClock.now
                if let last = state.lastDraw, now - last < .milliseconds(100), progress.done < progress.total { return }
                state.lastDraw = now
                Self.draw(progress)
            }
        }
    }

    func finish() {
        state.withLock { state in
            if style == .bar, let progress = state.progress {
                Self.draw(progress)
                printError("")
            }
        }
    }

    static func draw(_ progress: SweepEngine.Progress) {
        let width = 30
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        let filled = Int(fraction * Double(width))
        let elapsed = ContinuousClock.now - progress.startedAt
        let seconds = max(0.001, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let rate = Double(progress.done - progress.doneBefore) / seconds
        let remaining = rate > 0 ? Double(progress.total - progress.done) / rate : 0
        let eta = remaining >= 60 ? "\(Int(remaining) / 60)m\(Int(remaining) % 60)s" : "\(Int(remaining))s"
        let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
        var standardError = StandardError()
        print("\r[\(bar)] \(progress.done)/\(progress.total) done, \(progress.failed) failed, \(String(format: "%.1f", rate))/s, ETA \(eta)  ",
              terminator: "", to: &standardError)
    }
}
