import Foundation
import Logging

/// Opens the store a `StoreLocation` names and closes it after use: the one place that knows which implementations
/// stand behind `StoreRepositories`.
public enum StoreOpener {
    /// Opens the store, runs `body` on its repositories, and closes it after (a PostgreSQL pool's connections end),
    /// whether `body` returns or throws. Pass the repositories on to a generic function to keep their concrete types.
    public static func withStore<T>(_ location: StoreLocation, _ body: (any StoreRepositories) async throws -> T) async throws -> T {
        switch location {
        case let .sqlite(directory):
            return try await body(SQLiteRepositories(try AppDatabase.open(dataDirectory: directory)))
        case let .postgres(url):
            let store = try await PostgresStore.connect(url: url, logger: Logger(label: "allot.store.postgres"))
            do {
                let result = try await body(PostgresRepositories(store))
                await store.shutdown()
                return result
            } catch {
                await store.shutdown()
                throw error
            }
        }
    }

    /// `withStore` for synchronous commands.
    public static func withStore<T>(_ location: StoreLocation, _ body: (any StoreRepositories) throws -> T) throws -> T {
        switch location {
        case let .sqlite(directory):
            return try body(SQLiteRepositories(try AppDatabase.open(dataDirectory: directory)))
        case let .postgres(url):
            let store = try PostgresStore.open(url: url, logger: Logger(label: "allot.store.postgres"))
            defer { store.close() }
            return try body(PostgresRepositories(store))
        }
    }
}
