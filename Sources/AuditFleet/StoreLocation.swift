#if canImport(Glibc)
import Glibc
#endif

/// Opens the store a `--store` value names: a `postgres://` or `postgresql://` URL, or a path to
/// a SQLite file (created on first use).
public enum StoreLocation {
    public static func isPostgres(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// A password inside the URL would sit in argv (visible in `ps`) and in shell history: refused.
    /// libpq reads it from PGPASSWORD or a ~/.pgpass / PGPASSFILE file instead.
    public static func passwordInURL(_ location: String) -> Bool {
        guard isPostgres(location), let scheme = location.range(of: "://") else { return false }
        let rest = location[scheme.upperBound...]
        guard let at = rest.firstIndex(of: "@") else { return false }
        return rest[..<at].contains(":")
    }

    public static func open(_ location: String) throws -> any SweepStore {
        if isPostgres(location) {
            if passwordInURL(location) {
                throw StoreError("the PostgreSQL URL holds a password: put it in PGPASSWORD or a PGPASSFILE (~/.pgpass) instead")
            }
            return try PostgresStore(dsn: location, worker: workerName())
        }
        return try SQLiteStore(path: location)
    }

    /// `host:pid`: names the worker that claimed a device.
    public static func workerName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        _ = gethostname(&buffer, 255)
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(name):\(getpid())"
    }
}
