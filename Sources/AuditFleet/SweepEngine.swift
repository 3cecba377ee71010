// Full Foundation: `Thread` is not in FoundationEssentials.
import Foundation
import Dispatch
import AuditCore
import AuditReport
import Synchronization

/// Runs a sweep: `concurrency` worker threads (plain threads: collectors block on sockets and must
/// stay out of the Swift cooperative pool) take devices from the run's queue, one session per
/// device, collect within the device's deadline (retrying connection resets with backoff), audit
/// (at most one audit per core at a time: audits are CPU work) and commit each result on its own.
/// A device that fails never stops the sweep.
public final class SweepEngine: Sendable {
    public struct Options: Sendable {
        public var concurrency: Int
        /// Audits at the same time; the cores by default.
        public var auditWorkers: Int
        /// First retry waits this long; each later one twice as long.
        public var backoffSeconds: Double
        /// How long past its deadline a collector may take before the engine stops waiting.
        public var graceSeconds: Double

        public init(concurrency: Int = 32, auditWorkers: Int = ProcessInfo.processInfo.activeProcessorCount,
                    backoffSeconds: Double = 0.25, graceSeconds: Double = 1) {
            self.concurrency = max(1, concurrency)
            self.auditWorkers = max(1, auditWorkers)
            self.backoffSeconds = backoffSeconds
            self.graceSeconds = graceSeconds
        }
    }

    /// Running totals, passed to the observer after every device.
    public struct Progress: Sendable {
        public var total: Int
        public var done: Int
        public var failed: Int
        public var reused: Int
        /// Devices a resumed run had done before this process started (not part of the rate).
        public var doneBefore: Int
        public var startedAt: ContinuousClock.Instant
    }

    public typealias Observer = @Sendable (DeviceResult, Progress) -> Void

    let collector: RoutingCollector
    let auditor: FleetAuditor
    let store: any SweepStore
    let options: Options
    /// Collector threads still running, including those given up at their deadline: the run waits
    /// for them before returning, so no SSH session is still inside libssh or OpenSSL when the
    /// process exits and their global state is torn down (which crashed the process at exit).
    let collectorsRunning = DispatchGroup()
    /// How long the run waits for given-up collectors; each ends by itself within its own connect
    /// timeout (at most 10 s) after its deadline.
    static let lingerSeconds = 15.0

    public init(collector: RoutingCollector, auditor: FleetAuditor, store: any SweepStore, options: Options) {
        self.collector = collector
        self.auditor = auditor
        self.store = store
        self.options = options
    }

    /// Sweeps every device the run's queue hands out. Returns the problems storing results met
    /// (each also means that device has no committed result and a resume will sweep it again).
    public func run(_ run: OpenRun, devices: [InventoryDevice], total: Int, observer: Observer? = nil) -> [String] {
        let byName = Dictionary(devices.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let progress = Locked(Progress(total: total, done: run.alreadyDone, failed: 0, reused: 0,
                                     doneBefore: run.alreadyDone, startedAt: .now))
        let storeProblems = Locked<[String]>([])
        let auditGate = DispatchSemaphore(value: options.auditWorkers)
        let finished = DispatchGroup()
        let workers = min(options.concurrency, max(1, total - run.alreadyDone))
        for _ in 0..<workers {
            finished.enter()
            let thread = Thread { [self] in
                while let name = run.queue.next() {
                    guard let device = byName[name] else { continue }
                    let (result, config, reused) = sweep(device, auditGate: auditGate)
                    do {
                        try store.record(result, config: config, run: run.id)
                    } catch {
                        storeProblems.withLock { $0.append("\(device.name): result not stored: \(error)") }
                        continue
                    }
                    let snapshot = progress.withLock { state in
                        state.done += 1
                        if result.state != .audited { state.failed += 1 }
                        if reused { state.reused += 1 }
                        return state
                    }
                    observer?(result, snapshot)
                }
                finished.leave()
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
        finished.wait()
        _ = collectorsRunning.wait(timeout: .now() + Self.lingerSeconds)
        return storeProblems.withLock { $0 }
    }

    /// One device from start to result: collect, then reuse or audit.
    func sweep(_ device: InventoryDevice, auditGate: DispatchSemaphore) -> (DeviceResult, [ConfigInput]?, Bool) {
        let started = ContinuousClock.now
        let deadline = started + .milliseconds(Int(device.settings.timeoutSeconds * 1000))
        let (collected, attempts) = collectWithRetries(device, deadline: deadline)
        func elapsed() -> Int { Int((ContinuousClock.now - started) / .milliseconds(1)) }
        switch collected {
        case .failure(let failure):
            var reason = TerminalSafe.clean(failure.reason)
            if failure.isRetryable { reason += " (\(attempts) attempts)" }
            return (DeviceResult(device: device.name, state: failure.state, reason: reason, attempts: attempts,
                                 durationMilliseconds: elapsed()), nil, false)
        case .success(let config):
            let digest = ConfigArchive.digest(config.inputs, facts: config.facts)
            if let prior = store.priorAudit(device: device.name), prior.configDigest == digest,
               prior.auditKey == auditor.auditKey(for: device),
               var earlier = try? store.result(device: device.name, run: prior.run) {
                // Unchanged configuration, unchanged audit: the earlier findings stand. The config is
                // already stored under its digest.
                earlier.attempts = attempts
                earlier.durationMilliseconds = elapsed()
                return (earlier, nil, true)
            }
            auditGate.wait()
            var result = auditor.audit(device, collected: config, digest: digest)
            auditGate.signal()
            result.attempts = attempts
            result.durationMilliseconds = elapsed()
            return (result, config.inputs, false)
        }
    }

    /// Collects, retrying connection resets with exponential backoff while the deadline allows.
    func collectWithRetries(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> (Result<CollectedConfig, DeviceFailure>, Int) {
        var attempt = 1
        while true {
            let result = collectOnce(device, deadline: deadline)
            guard case .failure(let failure) = result, failure.isRetryable, attempt <= device.settings.retries else {
                return (result, attempt)
            }
            let pause = Duration.milliseconds(Int(options.backoffSeconds * 1000 * Double(1 << (attempt - 1))))
            guard ContinuousClock.now + pause < deadline else { return (result, attempt) }
            Thread.sleep(forTimeInterval: Double(pause.components.seconds) + Double(pause.components.attoseconds) / 1e18)
            attempt += 1
        }
    }

    /// One collection attempt. A collector that may block past its deadline runs on its own
    /// thread; the worker waits until the deadline plus grace and then gives the device up as
    /// timed out (the abandoned thread ends when its socket times out; its answer is dropped).
    func collectOnce(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> Result<CollectedConfig, DeviceFailure> {
        guard collector.mayOverrun(device) else { return collector.collect(device, deadline: deadline) }
        let answer = Locked<Result<CollectedConfig, DeviceFailure>?>(nil)
        let done = DispatchSemaphore(value: 0)
        let collector = self.collector
        let running = collectorsRunning
        running.enter()
        let thread = Thread {
            let result = collector.collect(device, deadline: deadline)
            answer.withLock { $0 = result }
            done.signal()
            running.leave()
        }
        thread.stackSize = 1 << 20
        thread.start()
        let remaining = deadline - .now
        let wait = max(0, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18) + options.graceSeconds
        if done.wait(timeout: .now() + wait) == .timedOut {
            return .failure(.timedOut("no answer within \(Self.format(seconds: device.settings.timeoutSeconds))"))
        }
        return answer.withLock { $0 } ?? .failure(.timedOut("collector gave no answer"))
    }

    static func format(seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
