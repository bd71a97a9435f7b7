import PostgresNIO

/// What the PostgreSQL store can fail with. No case carries a password, a query's bound values or a token hash: these
/// errors reach logs and the command line.
public enum PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `database_url` (or `ALLOT_DATABASE_URL`) is not a PostgreSQL URL this store can use.
    case badDatabaseURL(String)
    /// A schema step failed; nothing of it was kept (each step is its own transaction).
    case migrationFailed(identifier: String, reason: String)
    /// The server refused a statement: its SQLSTATE code and message.
    case server(sqlState: String, message: String)
    /// The server could not be reached or the connection failed (no server answer to quote).
    case connection(String)
    /// The store was closed before the call.
    case closed

    public var description: String {
        switch self {
        case let .badDatabaseURL(reason):
            "database_url (ALLOT_DATABASE_URL) is not a usable PostgreSQL URL: \(reason). "
                + "Expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require|verify-ca|verify-full]"
        case let .migrationFailed(identifier, reason): "PostgreSQL schema step \(identifier) failed: \(reason)"
        case let .server(sqlState, message): "PostgreSQL refused a statement (SQLSTATE \(sqlState)): \(message)"
        case let .connection(reason): "cannot reach PostgreSQL: \(reason)"
        case .closed: "the PostgreSQL store is closed"
        }
    }

    /// `error` as this module's error: a server refusal keeps its code and message (PSQLError's own description is
    /// deliberately empty, and its reflection holds the query's bound values, which may be token hashes).
    static func from(_ error: any Error) -> any Error {
        switch error {
        case is PostgresStoreError, is ServiceStoreError, is StoreError: return error
        case let transaction as PostgresTransactionError:
            // withTransaction wraps whatever went wrong; the first failure is the one that says why.
            if let inner = transaction.beginError ?? transaction.closureError ?? transaction.commitError { return from(inner) }
            return PostgresStoreError.connection("transaction failed")
        case let psql as PSQLError:
            if let info = psql.serverInfo {
                return PostgresStoreError.server(sqlState: info[.sqlState] ?? "?????", message: info[.message] ?? "")
            }
            if let underlying = psql.underlying, let words = ConnectionFailure.words(underlying) {
                return PostgresStoreError.connection(words)
            }
            return PostgresStoreError.connection("\(psql.code)" + (psql.underlying.map { ": \($0)" } ?? ""))
        case is PostgresDecodingError:
            return ServiceStoreError.corrupt("a PostgreSQL value of an unexpected type or form")
        default:
            return error
        }
    }

    /// The SQLSTATE of a server refusal, looking through transaction wrappers.
    static func sqlState(of error: any Error) -> String? {
        if case let .server(state, _) = from(error) as? PostgresStoreError { return state }
        return nil
    }
}
