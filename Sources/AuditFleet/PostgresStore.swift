#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import Synchronization

/// Sweep history in a shared PostgreSQL database (`--store postgres://...`). Several workers on
/// several machines join one run by its key and claim devices from a queue table with
/// `FOR UPDATE SKIP LOCKED`, so no two workers sweep the same device; a result is inserted at most
/// once per run and device, in the same transaction that marks its queue row done.
public final class PostgresStore: SweepStore {
    let connection: PostgresConnection
    let worker: String
    /// A claim older than this is taken to belong to a worker that died, and is handed out again.
    let leaseSeconds: Double
    let latestAudits = Mutex<[String: PriorAudit]>([:])

    public init(dsn: String, worker: String, leaseSeconds: Double = 600) throws {
        connection = try PostgresConnection(dsn: dsn)
        self.worker = worker
        self.leaseSeconds = leaseSeconds
        try migrate()
    }

    /// Versioned migrations, applied once under an advisory lock (workers may start together).
    static let migrations: [(version: Int, sql: String)] = [
        (1, """
            CREATE TABLE runs (
                id BIGSERIAL PRIMARY KEY,
                run_key TEXT NOT NULL UNIQUE,
                inventory TEXT NOT NULL,
                shard TEXT NOT NULL,
                started_at DOUBLE PRECISION NOT NULL,
                finished_at DOUBLE PRECISION,
                status TEXT NOT NULL,
                tool_version TEXT NOT NULL,
                planned INTEGER NOT NULL
            );
            CREATE TABLE configs (
                digest TEXT PRIMARY KEY,
                size INTEGER NOT NULL,
                compressed BYTEA NOT NULL
            );
            CREATE TABLE results (
                run_id BIGINT NOT NULL REFERENCES runs(id),
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
                finished_at DOUBLE PRECISION NOT NULL,
                worker TEXT,
                PRIMARY KEY (run_id, device)
            );
            CREATE INDEX results_by_device ON results(device, run_id);
            CREATE TABLE findings (
                run_id BIGINT NOT NULL,
                device TEXT NOT NULL,
                ordinal INTEGER NOT NULL,
                fingerprint TEXT NOT NULL,
                check_id TEXT NOT NULL,
                severity TEXT NOT NULL,
                subject TEXT NOT NULL,
                message TEXT NOT NULL,
                line INTEGER,
                wan_exposed BOOLEAN NOT NULL,
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
            CREATE TABLE queue (
                run_id BIGINT NOT NULL REFERENCES runs(id),
                device TEXT NOT NULL,
                position INTEGER NOT NULL,
                state TEXT NOT NULL DEFAULT 'pending',
                worker TEXT,
                claimed_at DOUBLE PRECISION,
                PRIMARY KEY (run_id, device)
            );
            CREATE INDEX queue_open ON queue(run_id, state, position);
            """),
        // Judgements keep whether a secret was recovered, not the recovered cleartext.
        (2, StoredJudgement.replaceCleartextTableSQL),
    ]

    func migrate() throws {
        try connection.transaction { tx in
            try tx.execute("SELECT pg_advisory_xact_lock(7466201)")
            try tx.execute("CREATE TABLE IF NOT EXISTS routeraudit_migrations (version INTEGER PRIMARY KEY, applied_at DOUBLE PRECISION NOT NULL)")
            let applied = Set(try tx.execute("SELECT version FROM routeraudit_migrations").values.compactMap { $0[0].flatMap { Int($0) } })
            for migration in Self.migrations where !applied.contains(migration.version) {
                try tx.execute(migration.sql)
                try tx.execute("INSERT INTO routeraudit_migrations (version, applied_at) VALUES ($1, $2)",
                               [String(migration.version), String(Date().timeIntervalSince1970)])
            }
        }
    }

    public func openRun(_ request: RunRequest) throws -> OpenRun {
        let now = Date().timeIntervalSince1970
        var key = request.runKey ?? "\(Int(now * 1000))-\(UInt32.random(in: 0...UInt32.max))"
        if request.resume, request.runKey == nil,
           let latest = try connection.execute("""
               SELECT run_key FROM runs WHERE inventory = $1 AND shard = $2 AND status = 'running' ORDER BY id DESC LIMIT 1
               """, [request.inventory, request.shard.description]).values.first?[0] {
            key = latest
        }
        let id: Int64 = try connection.transaction { tx in
            try tx.execute("""
                INSERT INTO runs (run_key, inventory, shard, started_at, status, tool_version, planned)
                VALUES ($1, $2, $3, $4, 'running', $5, $6) ON CONFLICT (run_key) DO NOTHING
                """, [key, request.inventory, request.shard.description, String(now), request.toolVersion, String(request.devices.count)])
            guard let id = try tx.execute("SELECT id FROM runs WHERE run_key = $1", [key]).values.first?[0].flatMap({ Int64($0) }) else {
                throw StoreError("PostgreSQL: run \(key) vanished")
            }
            try tx.execute("""
                INSERT INTO queue (run_id, device, position)
                SELECT $1, device, position FROM unnest($2::text[]) WITH ORDINALITY AS t(device, position)
                ON CONFLICT DO NOTHING
                """, [String(id), Self.arrayLiteral(request.devices)])
            if request.resume {
                // Claims without a result belong to a worker that was killed: hand them out again.
                try tx.execute("""
                    UPDATE queue SET state = 'pending', worker = NULL, claimed_at = NULL
                    WHERE run_id = $1 AND state = 'claimed'
                      AND NOT EXISTS (SELECT 1 FROM results r WHERE r.run_id = queue.run_id AND r.device = queue.device)
                    """, [String(id)])
            }
            return id
        }
        let done = try connection.execute("SELECT COUNT(*) FROM results WHERE run_id = $1", [String(id)]).values.first?[0].flatMap { Int($0) } ?? 0
        try loadLatestAudits()
        return OpenRun(id: id, key: key, alreadyDone: done, queue: PostgresQueue(store: self, run: id))
    }

    /// Takes the next open device of the run for this worker, skipping rows other workers hold.
    func claim(run: Int64) throws -> String? {
        let now = Date().timeIntervalSince1970
        return try connection.execute("""
            UPDATE queue SET state = 'claimed', worker = $2, claimed_at = $3
            WHERE run_id = $1 AND device = (
                SELECT device FROM queue
                WHERE run_id = $1 AND (state = 'pending' OR (state = 'claimed' AND claimed_at < $4))
                ORDER BY position
                FOR UPDATE SKIP LOCKED
                LIMIT 1)
            RETURNING device
            """, [String(run), worker, String(now), String(now - leaseSeconds)]).values.first?[0]
    }

    func loadLatestAudits() throws {
        let rows = try connection.execute("""
            SELECT DISTINCT ON (device) device, run_id, config_digest, audit_key FROM results
            WHERE state = 'audited' AND config_digest IS NOT NULL AND audit_key IS NOT NULL
            ORDER BY device, run_id DESC
            """)
        var map: [String: PriorAudit] = [:]
        for row in rows.values {
            guard let device = row[0], let run = row[1].flatMap({ Int64($0) }), let digest = row[2], let key = row[3] else { continue }
            map[device] = PriorAudit(run: run, configDigest: digest, auditKey: key)
        }
        latestAudits.withLock { $0 = map }
    }

    public func priorAudit(device: String) -> PriorAudit? {
        latestAudits.withLock { $0[device] }
    }

    public func record(_ result: DeviceResult, config: [ConfigInput]?, run: Int64) throws {
        let blob = config.map(ConfigArchive.pack)
        let size = config.map { $0.reduce(0) { $0 + $1.text.utf8.count } } ?? 0
        try connection.transaction { tx in
            if let blob, let digest = result.configDigest {
                try tx.execute("INSERT INTO configs (digest, size, compressed) VALUES ($1, $2, decode($3, 'hex')) ON CONFLICT DO NOTHING",
                               [digest, String(size), Hex.string(blob)])
            }
            let inserted = try tx.execute("""
                INSERT INTO results (run_id, device, state, reason, vendor, hostname, score, config_digest, audit_key,
                                     attempts, duration_ms, finished_at, worker)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
                ON CONFLICT DO NOTHING RETURNING device
                """, [String(run), result.device, result.state.rawValue, result.reason, result.vendor, result.hostname,
                      result.score.map(String.init), result.configDigest, result.auditKey, String(result.attempts),
                      String(result.durationMilliseconds), String(Date().timeIntervalSince1970), worker])
            // A device whose claim expired and was swept again keeps its first result.
            if !inserted.values.isEmpty {
                for (ordinal, finding) in result.findings.enumerated() {
                    try tx.execute("""
                        INSERT INTO findings (run_id, device, ordinal, fingerprint, check_id, severity, subject, message, line, wan_exposed)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                        """, [String(run), result.device, String(ordinal), finding.fingerprint, finding.checkID,
                              finding.severity.rawValue, finding.subject, finding.message, finding.line.map(String.init),
                              finding.wanExposed ? "true" : "false"])
                }
            }
            try tx.execute("UPDATE queue SET state = 'done' WHERE run_id = $1 AND device = $2", [String(run), result.device])
        }
    }

    public func finishRun(_ run: Int64) throws {
        // The last worker to finish closes the run; earlier ones find devices still claimed.
        try connection.execute("""
            UPDATE runs SET status = 'finished', finished_at = $2
            WHERE id = $1 AND status = 'running' AND NOT EXISTS (SELECT 1 FROM queue WHERE run_id = $1 AND state <> 'done')
            """, [String(run), String(Date().timeIntervalSince1970)])
    }

    public func runs() throws -> [RunRecord] {
        var byRun: [Int64: [DeviceState: Int]] = [:]
        for row in try connection.execute("SELECT run_id, state, COUNT(*) FROM results GROUP BY run_id, state").values {
            guard let id = row[0].flatMap({ Int64($0) }), let state = row[1].flatMap(DeviceState.init(rawValue:)) else { continue }
            byRun[id, default: [:]][state] = row[2].flatMap { Int($0) } ?? 0
        }
        var findings: [Int64: Int] = [:]
        for row in try connection.execute("SELECT run_id, COUNT(*) FROM findings GROUP BY run_id").values {
            if let id = row[0].flatMap({ Int64($0) }) { findings[id] = row[1].flatMap { Int($0) } ?? 0 }
        }
        let rows = try connection.execute("SELECT id, run_key, inventory, shard, started_at, finished_at, status, planned FROM runs ORDER BY id")
        return rows.values.compactMap { row in
            guard let id = row[0].flatMap({ Int64($0) }) else { return nil }
            return RunRecord(id: id, key: row[1] ?? "", inventory: row[2] ?? "", shard: row[3] ?? "",
                             startedAt: row[4].flatMap { Double($0) } ?? 0, finishedAt: row[5].flatMap { Double($0) },
                             status: row[6] ?? "", planned: row[7].flatMap { Int($0) } ?? 0,
                             byState: byRun[id] ?? [:], findings: findings[id] ?? 0)
        }
    }

    static let resultColumns = "device, state, reason, vendor, hostname, score, config_digest, audit_key, attempts, duration_ms"
    static let findingColumns = "device, fingerprint, check_id, severity, subject, message, line, wan_exposed"

    public func results(run: Int64) throws -> [DeviceResult] {
        var findings: [String: [StoredFinding]] = [:]
        let findingRows = try connection.execute("SELECT \(Self.findingColumns) FROM findings WHERE run_id = $1 ORDER BY device, ordinal", [String(run)])
        for row in findingRows.values { findings[row[0] ?? "", default: []].append(Self.finding(row)) }
        let rows = try connection.execute("SELECT \(Self.resultColumns) FROM results WHERE run_id = $1 ORDER BY device", [String(run)])
        return rows.values.map { Self.result($0, findings: findings[$0[0] ?? ""] ?? []) }
    }

    public func result(device: String, run: Int64) throws -> DeviceResult? {
        guard let row = try connection.execute("SELECT \(Self.resultColumns) FROM results WHERE run_id = $1 AND device = $2",
                                               [String(run), device]).values.first else { return nil }
        let findings = try connection.execute("SELECT \(Self.findingColumns) FROM findings WHERE run_id = $1 AND device = $2 ORDER BY ordinal",
                                              [String(run), device]).values.map(Self.finding)
        return Self.result(row, findings: findings)
    }

    public func collectedConfig(device: String, run: Int64) throws -> [ConfigInput]? {
        let rows = try connection.execute("""
            SELECT encode(c.compressed, 'hex') FROM results r JOIN configs c ON c.digest = r.config_digest
            WHERE r.run_id = $1 AND r.device = $2
            """, [String(run), device])
        guard let hex = rows.values.first?[0] else { return nil }
        return Self.bytes(hex: hex).flatMap(ConfigArchive.unpack)
    }

    static func finding(_ row: [String?]) -> StoredFinding {
        StoredFinding(fingerprint: row[1] ?? "", checkID: row[2] ?? "", severity: row[3].flatMap(Severity.init(rawValue:)) ?? .info,
                      subject: row[4] ?? "", message: row[5] ?? "", line: row[6].flatMap { Int($0) }, wanExposed: row[7] == "t")
    }

    static func result(_ row: [String?], findings: [StoredFinding]) -> DeviceResult {
        DeviceResult(device: row[0] ?? "", state: row[1].flatMap(DeviceState.init(rawValue:)) ?? .unreachable, reason: row[2],
                     vendor: row[3], hostname: row[4], score: row[5].flatMap { Int($0) }, configDigest: row[6], auditKey: row[7],
                     findings: findings, attempts: row[8].flatMap { Int($0) } ?? 1, durationMilliseconds: row[9].flatMap { Int($0) } ?? 0)
    }

    /// A text[] literal: every element quoted, backslashes and quotes escaped.
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    static func bytes(hex: String) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for char in hex.utf8 {
            let value: UInt8
            switch char {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = char - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = char - UInt8(ascii: "a") + 10
            default: return nil
            }
            if let h = high { out.append(h << 4 | value); high = nil } else { high = value }
        }
        return high == nil ? out : nil
    }

    public var assessments: any SecretAssessmentStore { PostgresAssessments(connection: connection) }
}

struct PostgresQueue: DeviceQueue {
    let store: PostgresStore
    let run: Int64

    func next() -> String? {
        // A failed claim ends this worker's share; the others (or a resume) take the rest.
        try? store.claim(run: run)
    }
}

struct PostgresAssessments: SecretAssessmentStore {
    let connection: PostgresConnection

    func loadAll() throws -> [String: SecretAssessment] {
        var all: [String: SecretAssessment] = [:]
        for row in try connection.execute("SELECT key, recovered_kind, matches_default, weakness, problem FROM credential_judgements").values {
            guard let key = row[0] else { continue }
            all[key] = StoredJudgement.assessment(recoveredKind: row[1], matchesDefault: row[2], weakness: row[3], problem: row[4])
        }
        return all
    }

    func save(_ assessment: SecretAssessment, key: String) throws {
        try connection.execute("""
            INSERT INTO credential_judgements (key, recovered_kind, matches_default, weakness, problem) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (key) DO NOTHING
            """, [key, StoredJudgement.recoveredKind(assessment), assessment.matchesDefault, assessment.weakness, assessment.problem])
    }
}
