import AuditCore

/// One device's outcome in a run, as stored and compared.
public struct DeviceResult: Sendable, Hashable {
    public var device: String
    public var state: DeviceState
    /// One line for every state but audited.
    public var reason: String?
    public var vendor: String?
    public var hostname: String?
    public var score: Int?
    /// SHA-256 of the collected texts: an unchanged digest means an unchanged configuration.
    public var configDigest: String?
    /// What the audit depended on besides the config (tool version, policy, vendor choice).
    public var auditKey: String?
    public var findings: [StoredFinding]
    public var attempts: Int
    public var durationMilliseconds: Int

    public init(device: String, state: DeviceState, reason: String? = nil, vendor: String? = nil, hostname: String? = nil,
                score: Int? = nil, configDigest: String? = nil, auditKey: String? = nil, findings: [StoredFinding] = [],
                attempts: Int = 1, durationMilliseconds: Int = 0) {
        self.device = device
        self.state = state
        self.reason = reason
        self.vendor = vendor
        self.hostname = hostname
        self.score = score
        self.configDigest = configDigest
        self.auditKey = auditKey
        self.findings = findings
        self.attempts = attempts
        self.durationMilliseconds = durationMilliseconds
    }
}

/// A finding as history keeps it: secrets masked, keyed by the same fingerprint SARIF and JSON
/// reports carry (check, device, subject), so runs compare when lines move.
public struct StoredFinding: Sendable, Hashable, Codable {
    public var fingerprint: String
    public var checkID: String
    public var severity: Severity
    public var subject: String
    public var message: String
    public var line: Int?
    public var wanExposed: Bool

    public init(fingerprint: String, checkID: String, severity: Severity, subject: String, message: String,
                line: Int?, wanExposed: Bool) {
        self.fingerprint = fingerprint
        self.checkID = checkID
        self.severity = severity
        self.subject = subject
        self.message = message
        self.line = line
        self.wanExposed = wanExposed
    }
}

/// A run as `routeraudit history` lists it.
public struct RunRecord: Sendable, Hashable {
    public var id: Int64
    public var key: String
    public var inventory: String
    public var shard: String
    public var startedAt: Double
    public var finishedAt: Double?
    public var status: String
    public var planned: Int
    public var byState: [DeviceState: Int]
    public var findings: Int

    public var completed: Int { byState.values.reduce(0, +) }
}

/// What a sweep asks the store for when it starts.
public struct RunRequest: Sendable {
    public var inventory: String
    /// The devices of this worker's shard, in inventory order.
    public var devices: [String]
    public var shard: Shard
    /// Continue the last unfinished run of this inventory and shard instead of starting one.
    public var resume: Bool
    /// Workers sharing a store join the run with this key (PostgreSQL); nil: a new key.
    public var runKey: String?
    public var toolVersion: String

    public init(inventory: String, devices: [String], shard: Shard, resume: Bool, runKey: String?, toolVersion: String) {
        self.inventory = inventory
        self.devices = devices
        self.shard = shard
        self.resume = resume
        self.runKey = runKey
        self.toolVersion = toolVersion
    }
}

/// An open run: its id, and where the devices still to sweep come from.
public struct OpenRun: Sendable {
    public var id: Int64
    public var key: String
    /// Devices that already have a committed result (a resumed run).
    public var alreadyDone: Int
    public var queue: any DeviceQueue
}

/// Hands out devices to sweep, each once.
public protocol DeviceQueue: Sendable {
    /// The next device name, or nil when the run has none left for this worker.
    func next() -> String?
}

/// An audited result of an earlier run that can stand for this one (same config, same audit key).
public struct PriorAudit: Sendable {
    public var run: Int64
    public var configDigest: String
    public var auditKey: String
}

/// Where sweeps keep their history: SQLite (default) or PostgreSQL.
public protocol SweepStore: Sendable {
    func openRun(_ request: RunRequest) throws -> OpenRun
    /// Commits one device's result, findings and collected config in one transaction.
    func record(_ result: DeviceResult, config: [ConfigInput]?, run: Int64) throws
    func finishRun(_ run: Int64) throws
    /// The latest audited result of this device, for reuse when its config is unchanged.
    func priorAudit(device: String) -> PriorAudit?
    /// Findings and details of one device in one run.
    func result(device: String, run: Int64) throws -> DeviceResult?
    var assessments: any SecretAssessmentStore { get }
    func runs() throws -> [RunRecord]
    func results(run: Int64) throws -> [DeviceResult]
    /// The compressed texts collected from a device in a run.
    func collectedConfig(device: String, run: Int64) throws -> [ConfigInput]?
}

/// Persistent credential judgements (see `SecretAssessmentCache`).
public protocol SecretAssessmentStore: Sendable {
    func loadAll() throws -> [String: SecretAssessment]
    func save(_ assessment: SecretAssessment, key: String) throws
}

public struct StoreError: Error, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
