@testable import AllotStore
import Foundation
import Logging
import Testing

/// The PostgreSQL server the multi-instance tests run `allot serve` against: `ALLOT_TEST_DATABASE_URL`, which
/// `make test` sets to the throwaway cluster Tests/support/pg-cluster starts. Without it the suites are skipped,
/// visibly, rather than passing without running.
enum ServerPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["ALLOT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static var isConfigured: Bool { url != nil }

    static let unset: Comment = "ALLOT_TEST_DATABASE_URL is not set: `make test` starts a PostgreSQL cluster and sets it"

    /// Runs `body` with the URL of a new, empty database of its own, dropped after (also when `body` throws).
    static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        guard let url else { throw PostgresStoreError.badDatabaseURL("ALLOT_TEST_DATABASE_URL is not set") }
        let server = try PostgresURL(parsing: url)
        let name = "allot_serve_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let fresh = try PostgresDatabases.create(name, on: server)
        do {
            let result = try await body(fresh.plain)
            try? PostgresDatabases.drop(name, on: server)
            return result
        } catch {
            try? PostgresDatabases.drop(name, on: server)
            throw error
        }
    }
}

extension ServerPostgres {
    /// A store on `url` for `body`, shut down after without blocking a thread of the shared pool (a blocking close
    /// there can starve the pool's own clean-up).
    static func withStore<T>(_ url: PostgresURL, _ body: (PostgresStore) async throws -> T) async throws -> T {
        var logger = Logger(label: "allot.test.postgres")
        logger.logLevel = .warning
        let store = try await PostgresStore.connect(url: url, logger: logger)
        do {
            let result = try await body(store)
            await store.shutdown()
            return result
        } catch {
            await store.shutdown()
            throw error
        }
    }
}

extension PostgresURL {
    /// The URL as `database_url` takes it (the test cluster has no password, so nothing is hidden).
    var plain: String { "postgres://\(user)@\(host):\(port)/\(database ?? "")?sslmode=\(sslMode.rawValue)" }
}
