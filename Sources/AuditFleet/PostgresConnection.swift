#if canImport(Glibc)
import Glibc
#endif
import CLibPQ
import Synchronization

/// One libpq connection, used by one thread at a time (libpq connections are not thread-safe):
/// every call takes the lock for its whole round trip. Parameters go separately from the SQL
/// text (`PQexecParams`), never spliced into it.
final class PostgresConnection: Sendable {
    struct Rows: Sendable {
        var columns: [String]
        var values: [[String?]]

        func column(_ name: String) -> Int? { columns.firstIndex(of: name) }

        subscript(row: Int, name: String) -> String? {
            guard let index = column(name) else { return nil }
            return values[row][index]
        }
    }

    /// The raw handle lives behind the lock; `PGconn` is only touched while it is held.
    private let handle: Mutex<Handle>

    struct Handle: @unchecked Sendable {
        var connection: OpaquePointer
    }

    init(dsn: String) throws {
        guard let connection = PQconnectdb(dsn) else { throw StoreError("PostgreSQL: cannot allocate a connection") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.firstLine(PQerrorMessage(connection))
            PQfinish(connection)
            // The DSN may hold a password: the message names the server as libpq does, never the DSN.
            throw StoreError("PostgreSQL: cannot connect: \(message)")
        }
        handle = Mutex(Handle(connection: connection))
        _ = try execute("SET client_min_messages = warning")
    }

    deinit {
        handle.withLock { PQfinish($0.connection) }
    }

    static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
        guard let text else { return "unknown error" }
        return String(cString: text).split(separator: "\n").first.map(String.init) ?? "unknown error"
    }

    /// Runs one statement (or several without parameters) and returns its rows.
    @discardableResult
    func execute(_ sql: String, _ parameters: [String?] = []) throws -> Rows {
        try handle.withLock { handle in
            try Self.run(handle.connection, sql, parameters)
        }
    }

    /// Runs statements in one transaction on this connection; rolls back when one fails.
    func transaction<T: Sendable>(_ body: (Transaction) throws -> T) throws -> T {
        try handle.withLock { handle in
            _ = try Self.run(handle.connection, "BEGIN", [])
            do {
                let value = try body(Transaction(connection: handle.connection))
                _ = try Self.run(handle.connection, "COMMIT", [])
                return value
            } catch {
                _ = try? Self.run(handle.connection, "ROLLBACK", [])
                throw error
            }
        }
    }

    struct Transaction {
        let connection: OpaquePointer

        @discardableResult
        func execute(_ sql: String, _ parameters: [String?] = []) throws -> Rows {
            try PostgresConnection.run(connection, sql, parameters)
        }
    }

    static func run(_ connection: OpaquePointer, _ sql: String, _ parameters: [String?]) throws -> Rows {
        let copies: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let pointers = copies.map { UnsafePointer($0) }
        let result: OpaquePointer? = pointers.withUnsafeBufferPointer { buffer in
            parameters.isEmpty
                ? PQexec(connection, sql)
                : PQexecParams(connection, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        guard let result else { throw StoreError("PostgreSQL: \(firstLine(PQerrorMessage(connection)))") }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
            throw StoreError("PostgreSQL: \(firstLine(PQresultErrorMessage(result)))")
        }
        let columnCount = Int(PQnfields(result)), rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var values: [[String?]] = []
        values.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            values.append((0..<columnCount).map { column in
                PQgetisnull(result, Int32(row), Int32(column)) == 1 ? nil : String(cString: PQgetvalue(result, Int32(row), Int32(column)))
            })
        }
        return Rows(columns: columns, values: values)
    }
}
