@testable import AllotStore
import Foundation
import Synchronization
import Testing

/// The PostgreSQL store itself: its schema steps, its times, and its synchronous calls from many threads at once.
/// Skipped, and reported so, when ALLOT_TEST_DATABASE_URL is unset (a plain `swift test`); `make test` sets it.
@Suite("The PostgreSQL store", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
struct PostgresStoreTests {
    @Test("Every schema step is applied once, in order, and opening again applies nothing")
    func migrationsOnce() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let steps = try store.wait { try await store.rows("SELECT identifier FROM allot_migration ORDER BY applied_at, identifier")
                .map { try $0.decode(String.self) } }
            #expect(steps == PostgresMigrations.all.map(\.identifier))
            let count = try await PostgresTestDatabase.withSecondStore(on: store.url) { again in
                try await again.rows("SELECT count(*) FROM allot_migration").first!.decode(Int64.self)
            }
            #expect(count == Int64(PostgresMigrations.all.count))
        }
    }

    @Test("A time comes back to the microsecond, rounded, not truncated")
    func timesToTheMicrosecond() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let tokens = PostgresTokenRepository(store)
            // 0.1 s is a little under a tenth in binary: truncating to microseconds would read 99,999 µs.
            let created = Date(timeIntervalSince1970: 1_800_000_000.1)
            try tokens.create(TokenRecord(id: "tok_t", name: "t", role: .admin, reviewerID: nil, createdAt: created), hash: "h", activity: [])
            let read = try #require(try tokens.all().first).createdAt
            #expect(abs(read.timeIntervalSince(created)) < 0.000_001)
            #expect((read.timeIntervalSince1970 * 1_000_000).rounded() == 1_800_000_000_100_000)
        }
    }

    @Test("Synchronous calls from more tasks than there are cooperative threads all finish (none waits on a blocked thread)")
    func manyBlockingCallers() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let tokens = PostgresTokenRepository(store)
            try tokens.create(TokenRecord(id: "tok_c", name: "c", role: .admin, reviewerID: nil, createdAt: Date()), hash: "hash-c", activity: [])
            // Each task blocks a cooperative thread in find(hash:), as a request handler would, and so does this test
            // while it waits: every cooperative thread is blocked, and the queries must still run (on the store's
            // executor). A deadlock shows as the wait timing out, not as a hung suite.
            let found = Tally()
            let done = DispatchGroup()
            for _ in 0..<16 {
                done.enter()
                Task {
                    if (try? tokens.find(hash: "hash-c")) != nil { found.add() }
                    done.leave()
                }
            }
            #expect(done.wait(timeout: .now() + 60) == .success)
            #expect(found.count == 16)
        }
    }

    @Test("A closed store refuses calls with a typed error")
    func closed() async throws {
        let store = try await PostgresTestDatabase.withAsyncStore { $0 }
        #expect(throws: PostgresStoreError.closed) { try PostgresTokenRepository(store).all() }
    }

    @Test("An unreachable server fails open at once with the reason, not after the pool's minute of retries")
    func unreachable() async throws {
        let server = try PostgresURL(parsing: try #require(PostgresTestDatabase.url))
        // Port 1 on loopback: nothing listens there.
        var nowhere = server
        nowhere.port = 1
        let target = nowhere
        let started = ContinuousClock.now
        // Off the cooperative threads: the failed open closes what it opened, and the synchronous close blocks.
        await #expect(throws: PostgresStoreError.self) {
            try await PostgresTestDatabase.offPool { _ = try PostgresStore.open(url: target, logger: PostgresTestDatabase.logger) }
        }
        #expect(ContinuousClock.now - started < .seconds(20))
    }
}

/// A count that tasks add to.
private final class Tally: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
