import GRDB
import GRDBSQLite

/// An INSERT prepared on a GRDB connection and stepped with SQLite's own calls, binding each value in place.
///
/// Written by hand because GRDB's `StatementArguments` box every value as an existential and copy them into an array
/// before binding: on a million-row survey import that cost more than SQLite's insert itself (profiled: 24% of the
/// process in argument boxing against 11% in `sqlite3_step`). Used only inside the write transaction of the
/// `Database` it was prepared on, on that connection's thread, and finalized before the connection closes.
final class RawInsert: ResponseColumnSink {
    private let connection: OpaquePointer
    private let statement: OpaquePointer
    private let sql: String
    /// The next parameter to bind (1-based, as SQLite counts).
    private var parameter: Int32 = 1

    init(_ db: Database, sql: String) throws {
        guard let connection = db.sqliteConnection else { throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "connection closed") }
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        self.connection = connection
        self.statement = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    func text(_ value: String?) {
        defer { parameter += 1 }
        guard var value else { sqlite3_bind_null(statement, parameter); return }
        // SQLITE_TRANSIENT: SQLite copies the bytes, so the string's storage need not outlive this call.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        value.withUTF8 { bytes in
            // A null pointer would bind NULL: an empty string is bound from a literal, so it stays ''.
            guard let base = bytes.baseAddress, bytes.count > 0 else { _ = sqlite3_bind_text(statement, parameter, "", 0, transient); return }
            _ = sqlite3_bind_text(statement, parameter, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient)
        }
    }

    func integer(_ value: Int64?) {
        if let value { sqlite3_bind_int64(statement, parameter, value) } else { sqlite3_bind_null(statement, parameter) }
        parameter += 1
    }

    /// Runs the statement with the values bound since the last run; returns how many rows it changed.
    func run() throws -> Int {
        defer {
            sqlite3_reset(statement)
            parameter = 1
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return Int(sqlite3_changes(connection))
    }
}
