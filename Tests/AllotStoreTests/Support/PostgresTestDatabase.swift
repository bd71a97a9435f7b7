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

    /// A store on a new database of its own, dropped afterwards, opened and shut down with the async calls.
    ///
    /// Why never the synchronous `open` and `close` on a test's own thread: a test runs on one of Swift's cooperative
    /// threads, of which this machine has two, and `close()` blocks until the pool's `run()` has ended, which takes a
    /// task on those same threads (ServiceLifecycle's `CancellationWaiter`). Two tests closing stores at once then
    /// block both threads and wait for each other for ever. A test that needs the synchronous calls makes them
    /// `offPool`. A synchronous promise runs inside `body` unchanged: a repository call blocks only until the store's
    /// own executor has run the query, which needs no cooperative thread.
    static func withAsyncStore<T: Sendable>(_ body: (PostgresStore) async throws -> T) async throws -> T {
        guard let url else { throw PostgresStoreError.badDatabaseURL("ALLOT_TEST_DATABASE_URL is not set") }
        let server = try PostgresURL(parsing: url)
        let name = "allot_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let fresh = try PostgresDatabases.create(name, on: server)
        defer { try? PostgresDatabases.drop(name, on: server) }
        return try await withSecondStore(on: fresh, body)
    }

    /// Another store on the database `url` names (a second instance on the same database), shut down afterwards.
    static func withSecondStore<T: Sendable>(on url: PostgresURL, _ body: (PostgresStore) async throws -> T) async throws -> T {
        let store = try await PostgresStore.connect(url: url, logger: logger)
        let result: Result<T, any Error>
        do { result = .success(try await body(store)) } catch { result = .failure(error) }
        await store.shutdown()
        return try result.get()
    }

    /// Runs `work` on a thread of its own, for work that blocks until a cooperative thread is free (the synchronous
    /// `open` that fails, and closes what it opened) or that waits on threads it starts.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try work() }) }.start()
        }
    }

    /// Warnings and errors only: the store's info lines (opened, schema step applied) would fill the test output.
    static let logger: Logger = {
        var logger = Logger(label: "allot.store.postgres.test")
        logger.logLevel = .warning
        return logger
    }()
}
