#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import AuditCredentials

/// One sweep of an inventory (or of one shard of it) into a store, end to end: what the `sweep`
/// command runs, and what tests run in-process.
public struct Sweep: Sendable {
    public var inventory: Inventory
    public var shard: Shard = .whole
    public var resume = false
    /// Workers sharing a store join a run by key; nil starts a new run (or resumes the last one).
    public var runKey: String?
    public var concurrency = 32
    public var toolVersion: String
    public var collector = RoutingCollector()
    public var engine = CredentialEngine()

    public init(inventory: Inventory, toolVersion: String) {
        self.inventory = inventory
        self.toolVersion = toolVersion
    }

    public struct Outcome: Sendable {
        public var run: Int64
        public var key: String
        /// Every device of the run (including those a resumed run found done).
        public var results: [DeviceResult]
        public var durationSeconds: Double
        /// Results that could not be stored (the run stays open, so a resume sweeps them again).
        public var storeProblems: [String]
    }

    /// The devices of this worker's shard, in inventory order.
    public var devices: [InventoryDevice] {
        inventory.devices.filter { shard.contains($0.name) }
    }

    public func run(store: any SweepStore, observer: SweepEngine.Observer? = nil,
                    opened: (@Sendable (OpenRun, Int) -> Void)? = nil) throws -> Outcome {
        let started = ContinuousClock.now
        let devices = self.devices
        var engine = self.engine
        engine.hashCache = try StoredAssessmentCache(store: store.assessments)
        let auditor = try FleetAuditor(inventory: inventory, engine: engine, toolVersion: toolVersion)
        let inventoryName = Self.absolute(inventory.file)
        let run = try store.openRun(RunRequest(inventory: inventoryName, devices: devices.map(\.name), shard: shard,
                                               resume: resume, runKey: runKey, toolVersion: toolVersion))
        opened?(run, devices.count)
        let sweeper = SweepEngine(collector: collector, auditor: auditor, store: store, options: .init(concurrency: concurrency))
        let problems = sweeper.run(run, devices: devices, total: devices.count, observer: observer)
        if problems.isEmpty { try store.finishRun(run.id) }
        let duration = ContinuousClock.now - started
        return Outcome(run: run.id, key: run.key, results: try store.results(run: run.id),
                       durationSeconds: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18,
                       storeProblems: problems)
    }

    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }
}
