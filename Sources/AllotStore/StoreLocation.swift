import Foundation

/// Which store an instance or a command uses: PostgreSQL when `database_url` (or `ALLOT_DATABASE_URL`) names one,
/// otherwise the embedded SQLite file in the data directory. With a URL nothing is written to the data directory.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(dataDirectory: String)
    case postgres(PostgresURL)

    /// For logs and messages (a PostgreSQL URL without its password).
    public var description: String {
        switch self {
        case let .sqlite(directory): (directory as NSString).appendingPathComponent("allot.sqlite")
        case let .postgres(url): url.redacted
        }
    }
}
