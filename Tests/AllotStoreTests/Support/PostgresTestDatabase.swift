@testable import AllotStore
import Foundation
import Logging
import Testing

/// The PostgreSQL server the store's suites run against: `ALLOT_TEST_DATABASE_URL`, which `make test` sets to the
/// throwaway cluster Tests/support/pg-cluster starts. A plain `swift test` has no server, and the PostgreSQL suites
/// are then skipped, visibly (`.enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset)`), rather
/// than passing without running.
enum PostgresTestDatabase {
    static let url: String? = ProcessInfo.processInfo.environment["ALLOT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var isConfigured: Bool { url != nil }

    /// Why the PostgreSQL suites are skipped.
    static let unset: Comment = "ALLOT_TEST_DATABASE_URL is not set: `make test` starts a PostgreSQL cluster and sets it"

    /// Runs `body` with a store on a new, empty database of its own (so tests share nothing), then closes the store
    /// and drops the database, also when `body` throws.
    static func withStore<T>(_ body: (PostgresStore) throws -> T) throws -> T {
        guard let url else { throw PostgresStoreError.badDatabaseURL("ALLOT_TEST_DATABASE_URL is not set") }
        let server = try PostgresURL(parsing: url)
        let name = "allot_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let fresh = try PostgresDatabases.create(name, on: server)
        defer { try? PostgresDatabases.drop(name, on: server) }
        let store = try PostgresStore.open(url: fresh, logger: logger)
        defer { store.close() }
        return try body(store)
    }

    /// `withStore` for an async body, which also closes the store without blocking a cooperative thread: closing
    /// cancels the pool's `run()`, and that cancellation is finished by a task on Swift's global executor
    /// (ServiceLifecycle's `CancellationWaiter`), so a close that blocks a cooperative thread hangs whenever every
    /// other cooperative thread is blocked too (two sync tests closing their stores at once, on two cores). Prefer it
    /// for new PostgreSQL tests; a synchronous promise runs inside it unchanged.
    static func withAsyncStore<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        guard let url else { throw PostgresStoreError.badDatabaseURL("ALLOT_TEST_DATABASE_URL is not set") }
        let server = try PostgresURL(parsing: url)
        let name = "allot_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let fresh = try PostgresDatabases.create(name, on: server)
        let store = try PostgresStore.open(url: fresh, logger: logger)
        let result: Result<T, any Error>
        do { result = .success(try await body(store)) } catch { result = .failure(error) }
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                store.close()
                try? PostgresDatabases.drop(name, on: server)
                done.resume()
            }.start()
        }
        return try result.get()
    }

    /// Warnings and errors only: the store's info lines (opened, schema step applied) would fill the test output.
    static let logger: Logger = {
        var logger = Logger(label: "allot.store.postgres.test")
        logger.logLevel = .warning
        return logger
    }()
}
