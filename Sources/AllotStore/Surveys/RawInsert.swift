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
    /// The first bind that SQLite refused since the last run, thrown by `run()`.
    private var bindFailure: Int32?

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
        guard var value else { check(sqlite3_bind_null(statement, parameter)); return }
        // SQLITE_TRANSIENT: SQLite copies the bytes, so the string's storage need not outlive this call.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        value.withUTF8 { bytes in
            // A null pointer would bind NULL: an empty string is bound from a literal, so it stays ''.
            guard let base = bytes.baseAddress, bytes.count > 0 else { check(sqlite3_bind_text(statement, parameter, "", 0, transient)); return }
            check(sqlite3_bind_text(statement, parameter, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(bytes.count), transient))
        }
    }

    func integer(_ value: Int64?) {
        check(value.map { sqlite3_bind_int64(statement, parameter, $0) } ?? sqlite3_bind_null(statement, parameter))
        parameter += 1
    }

    private func check(_ code: Int32) {
        if code != SQLITE_OK && bindFailure == nil { bindFailure = code }
    }

    /// Runs the statement with the values bound since the last run; returns how many rows it changed.
    func run() throws -> Int {
        defer {
            sqlite3_reset(statement)
            parameter = 1
            bindFailure = nil
        }
        // Every parameter bound exactly once since the last run, or a value of the last row would be stored again.
        let expected = sqlite3_bind_parameter_count(statement)
        guard parameter - 1 == expected else {
            throw DatabaseError(resultCode: .SQLITE_MISUSE, message: "\(parameter - 1) values bound for \(expected) parameters", sql: sql)
        }
        if let bindFailure {
            throw DatabaseError(resultCode: ResultCode(rawValue: bindFailure), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)), sql: sql)
        }
        return Int(sqlite3_changes(connection))
    }
}
