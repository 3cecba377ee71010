#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import AuditCore
import GRDB
import Synchronization

/// Sweep history in one SQLite file (the default store). Created on first use, readable by its
/// owner only (it holds collected configurations), schema versioned by GRDB's migrator. WAL
/// journal: a commit survives kill -9 of the process, and each device is its own transaction.
public final class SQLiteStore: SweepStore {
    let database: DatabaseQueue
    public let path: String
    /// Latest audited result per device, loaded when a run opens: reuse lookups cost no query.
    let latestAudits = Mutex<[String: PriorAudit]>([:])

    public init(path: String) throws {
        self.path = path
        try Self.createOwnerOnly(path)
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // NORMAL with WAL: durable across a killed process (not a power cut), and fast.
            // secure_delete: pages freed by a migration (the old judgement table) are zeroed.
            try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA secure_delete = ON")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            do {
                try Self.migrator.migrate(database)
            } catch {
                // Two processes opening a new file at once (a sweep starting while `history` or
                // a second worker opens it) both see a migration pending; the loser's CREATE
                // fails. Each migration commits with its record, so once more finds it applied.
                try Self.migrator.migrate(database)
            }
        } catch {
            throw StoreError("\(path): cannot open the history database: \(error)")
        }
    }

    /// The file is created 0600 before SQLite opens it; SQLite gives its -wal and -shm files the
    /// same mode. An existing file is tightened to 0600 too.
    static func createOwnerOnly(_ path: String) throws {
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreError("\(path): cannot create the history database (\(String(cString: strerror(errno))))") }
        fchmod(fd, 0o600)
        close(fd)
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE runs (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_key TEXT NOT NULL UNIQUE,
                    inventory TEXT NOT NULL,
                    shard TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    status TEXT NOT NULL,
                    tool_version TEXT NOT NULL,
                    planned INTEGER NOT NULL
                );
                CREATE TABLE configs (
                    digest TEXT PRIMARY KEY,
                    size INTEGER NOT NULL,
                    compressed BLOB NOT NULL
                );
                CREATE TABLE results (
                    run_id INTEGER NOT NULL REFERENCES runs(id),
                    device TEXT NOT NULL,
                    state TEXT NOT NULL,
                    reason TEXT,
                    vendor TEXT,
                    hostname TEXT,
                    score INTEGER,
                    config_digest TEXT REFERENCES configs(digest),
                    audit_key TEXT,
                    attempts INTEGER NOT NULL,
                    duration_ms INTEGER NOT NULL,
                    finished_at REAL NOT NULL,
                    PRIMARY KEY (run_id, device)
                );
                CREATE INDEX results_by_device ON results(device, run_id);
                CREATE TABLE findings (
                    run_id INTEGER NOT NULL,
                    device TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    fingerprint TEXT NOT NULL,
                    check_id TEXT NOT NULL,
                    severity TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    message TEXT NOT NULL,
                    line INTEGER,
                    wan_exposed INTEGER NOT NULL,
                    PRIMARY KEY (run_id, device, ordinal),
                    FOREIGN KEY (run_id, device) REFERENCES results(run_id, device)
                );
                CREATE TABLE secret_assessments (
                    key TEXT PRIMARY KEY,
                    recovered TEXT,
                    matches_default TEXT,
                    weakness TEXT,
                    problem TEXT
                );
                """)
        }
        // v2: judgements keep whether a secret was recovered, not the recovered cleartext.
        migrator.registerMigration("v2") { db in
            try db.execute(sql: StoredJudgement.replaceCleartextTableSQL)
        }
        return migrator
    }

    public func openRun(_ request: RunRequest) throws -> OpenRun {
        let now = Date().timeIntervalSince1970
        let opened: (id: Int64, key: String, done: Set<String>) = try database.write { db in
            if request.resume,
               let row = try Row.fetchOne(db, sql: """
                   SELECT id, run_key FROM runs WHERE inventory = ? AND shard = ? AND status = 'running'
                   ORDER BY id DESC LIMIT 1
                   """, arguments: [request.inventory, request.shard.description]) {
                let id: Int64 = row["id"]
                let done = try String.fetchAll(db, sql: "SELECT device FROM results WHERE run_id = ?", arguments: [id])
                return (id, row["run_key"], Set(done))
            }
            let key = request.runKey ?? "\(Int(now * 1000))-\(UInt32.random(in: 0...UInt32.max))"
            try db.execute(sql: """
                INSERT INTO runs (run_key, inventory, shard, started_at, status, tool_version, planned)
                VALUES (?, ?, ?, ?, 'running', ?, ?)
                """, arguments: [key, request.inventory, request.shard.description, now, request.toolVersion, request.devices.count])
            return (db.lastInsertedRowID, key, [])
        }
        try loadLatestAudits()
        let pending = request.devices.filter { !opened.done.contains($0) }
        return OpenRun(id: opened.id, key: opened.key, alreadyDone: request.devices.count - pending.count, queue: ListQueue(pending))
    }

    func loadLatestAudits() throws {
        let rows = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT device, MAX(run_id) AS run_id, config_digest, audit_key FROM results
                WHERE state = 'audited' AND config_digest IS NOT NULL AND audit_key IS NOT NULL
                GROUP BY device
                """)
        }
        var map: [String: PriorAudit] = [:]
        for row in rows {
            map[row["device"]] = PriorAudit(run: row["run_id"], configDigest: row["config_digest"], auditKey: row["audit_key"])
        }
        latestAudits.withLock { $0 = map }
    }

    public func priorAudit(device: String) -> PriorAudit? {
        latestAudits.withLock { $0[device] }
    }

    public func record(_ result: DeviceResult, config: [ConfigInput]?, run: Int64) throws {
        let blob = config.map(ConfigArchive.pack)
        let size = config.map { $0.reduce(0) { $0 + $1.text.utf8.count } } ?? 0
        // Cached statements: a sweep inserts tens of rows per device, and compiling the same SQL
        // for every row cost more than the inserts themselves.
        try database.write { db in
            if let blob, let digest = result.configDigest {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO configs (digest, size, compressed) VALUES (?, ?, ?)")
                    .execute(arguments: [digest, size, Data(blob)])
            }
            try db.cachedStatement(sql: """
                INSERT INTO results (run_id, device, state, reason, vendor, hostname, score, config_digest, audit_key,
                                     attempts, duration_ms, finished_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [run, result.device, result.state.rawValue, result.reason, result.vendor, result.hostname,
                                         result.score, result.configDigest, result.auditKey, result.attempts,
                                         result.durationMilliseconds, Date().timeIntervalSince1970])
            let insertFinding = try db.cachedStatement(sql: """
                INSERT INTO findings (run_id, device, ordinal, fingerprint, check_id, severity, subject, message, line, wan_exposed)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (ordinal, finding) in result.findings.enumerated() {
                try insertFinding.execute(arguments: [run, result.device, ordinal, finding.fingerprint, finding.checkID,
                                                      finding.severity.rawValue, finding.subject, finding.message, finding.line,
                                                      finding.wanExposed])
            }
        }
    }

    public func finishRun(_ run: Int64) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE runs SET status = 'finished', finished_at = ? WHERE id = ?",
                           arguments: [Date().timeIntervalSince1970, run])
        }
    }

    public func runs() throws -> [RunRecord] {
        try database.read { db in
            let counts = try Row.fetchAll(db, sql: "SELECT run_id, state, COUNT(*) AS n FROM results GROUP BY run_id, state")
            let findingCounts = try Row.fetchAll(db, sql: "SELECT run_id, COUNT(*) AS n FROM findings GROUP BY run_id")
            var byRun: [Int64: [DeviceState: Int]] = [:]
            for row in counts {
                if let state = DeviceState(rawValue: row["state"]) { byRun[row["run_id"], default: [:]][state] = row["n"] }
            }
            var findingsByRun: [Int64: Int] = [:]
            for row in findingCounts { findingsByRun[row["run_id"]] = row["n"] }
            return try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id").map { row in
                let id: Int64 = row["id"]
                return RunRecord(id: id, key: row["run_key"], inventory: row["inventory"], shard: row["shard"],
                                 startedAt: row["started_at"], finishedAt: row["finished_at"], status: row["status"],
                                 planned: row["planned"], byState: byRun[id] ?? [:], findings: findingsByRun[id] ?? 0)
            }
        }
    }

    public func results(run: Int64) throws -> [DeviceResult] {
        try database.read { db in
            var findings: [String: [StoredFinding]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM findings WHERE run_id = ? ORDER BY device, ordinal", arguments: [run]) {
                findings[row["device"], default: []].append(Self.finding(row))
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM results WHERE run_id = ? ORDER BY device", arguments: [run]).map { row in
                Self.result(row, findings: findings[row["device"]] ?? [])
            }
        }
    }

    public func result(device: String, run: Int64) throws -> DeviceResult? {
        try database.read { db in
            let resultRow = try db.cachedStatement(sql: "SELECT * FROM results WHERE run_id = ? AND device = ?")
            guard let row = try Row.fetchOne(resultRow, arguments: [run, device]) else {
                return nil
            }
            let findingRows = try db.cachedStatement(sql: "SELECT * FROM findings WHERE run_id = ? AND device = ? ORDER BY ordinal")
            let findings = try Row.fetchAll(findingRows, arguments: [run, device]).map(Self.finding)
            return Self.result(row, findings: findings)
        }
    }

    public func collectedConfig(device: String, run: Int64) throws -> [ConfigInput]? {
        let blob = try database.read { db in
            try Data.fetchOne(db, sql: """
                SELECT c.compressed FROM results r JOIN configs c ON c.digest = r.config_digest
                WHERE r.run_id = ? AND r.device = ?
                """, arguments: [run, device])
        }
        return blob.flatMap { ConfigArchive.unpack(Array($0)) }
    }

    static func finding(_ row: Row) -> StoredFinding {
        StoredFinding(fingerprint: row["fingerprint"], checkID: row["check_id"],
                      severity: Severity(rawValue: row["severity"]) ?? .info, subject: row["subject"],
                      message: row["message"], line: row["line"], wanExposed: row["wan_exposed"])
    }

    static func result(_ row: Row, findings: [StoredFinding]) -> DeviceResult {
        DeviceResult(device: row["device"], state: DeviceState(rawValue: row["state"]) ?? .unreachable, reason: row["reason"],
                     vendor: row["vendor"], hostname: row["hostname"], score: row["score"], configDigest: row["config_digest"],
                     auditKey: row["audit_key"], findings: findings, attempts: row["attempts"],
                     durationMilliseconds: row["duration_ms"])
    }

    public var assessments: any SecretAssessmentStore { SQLiteAssessments(database: database) }
}

struct SQLiteAssessments: SecretAssessmentStore {
    let database: DatabaseQueue

    func loadAll() throws -> [String: SecretAssessment] {
        try database.read { db in
            var all: [String: SecretAssessment] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT * FROM credential_judgements") {
                all[row["key"]] = StoredJudgement.assessment(recoveredKind: row["recovered_kind"], matchesDefault: row["matches_default"],
                                                             weakness: row["weakness"], problem: row["problem"])
            }
            return all
        }
    }

    func save(_ assessment: SecretAssessment, key: String) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO credential_judgements (key, recovered_kind, matches_default, weakness, problem)
                VALUES (?, ?, ?, ?, ?)
                """, arguments: [key, StoredJudgement.recoveredKind(assessment), assessment.matchesDefault, assessment.weakness,
                                 assessment.problem])
        }
    }
}

/// The devices still to sweep, handed out once each.
final class ListQueue: DeviceQueue {
    let state: Mutex<(items: [String], next: Int)>

    init(_ items: [String]) {
        state = Mutex((items, 0))
    }

    func next() -> String? {
        state.withLock { state in
            guard state.next < state.items.count else { return nil }
            defer { state.next += 1 }
            return state.items[state.next]
        }
    }
}
