@testable import AllotStore
import Foundation
import Synchronization
import Testing

/// Dispatchers on several instances sharing one PostgreSQL database. Skipped, and reported so, when
/// ALLOT_TEST_DATABASE_URL is unset.
@Suite("PostgreSQL outbox claims across instances", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
struct PostgresOutboxConcurrencyTests {
    @Test("Concurrent claimers on two stores never get the same message, and between them claim every one")
    func claimsNeverOverlap() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            try await PostgresWebhookAdministration(store).add(
                WebhookEndpoint(id: "busy", url: "https://example.test/busy", secrets: ["whsec_x"]), at: t0,
                activity: ActivityEntry(at: t0, actor: "tester", action: .webhookAdded, round: nil, subject: "busy", summary: "added"))
            let total = 300
            try await store.transaction { connection in
                for n in 0..<total {
                    let event = OutboxEvent(id: "e\(n)", type: "round.completed", occurredAt: t0, body: Data("{}".utf8), text: "e\(n)")
                    try await PostgresOutbox.enqueue(event, on: connection, now: t0.addingTimeInterval(Double(n % 7)), logger: store.logger)
                }
            }
            // A second instance: its own store, its own pool.
            try await PostgresTestDatabase.withSecondStore(on: store.url) { second in
                let outboxes = [PostgresOutboxStore(store), PostgresOutboxStore(second)]
                let claimed = Mutex<[Int64]>([])
                let failures = Mutex<[String]>([])
                let done = DispatchGroup()
                for worker in 0..<6 {
                    done.enter()
                    // Threads of their own, as dispatchers' cycles block theirs.
                    Thread {
                        defer { done.leave() }
                        let outbox = outboxes[worker % 2]
                        do {
                            while true {
                                let batch = try outbox.inTransaction { transaction in
                                    let batch = try transaction.claim(endpointID: "busy", limit: 7, now: t0.addingTimeInterval(10),
                                                                      leaseUntil: t0.addingTimeInterval(600))
                                    // Hold the rows a moment, so other claims run while these are locked.
                                    usleep(2_000)
                                    return batch
                                }
                                if batch.isEmpty { break }
                                claimed.withLock { $0 += batch.map(\.messageID) }
                            }
                        } catch {
                            failures.withLock { $0.append("\(error)") }
                        }
                    }.start()
                }
                #expect(done.wait(timeout: .now() + 120) == .success)
                #expect(failures.withLock { $0 }.isEmpty)
                let ids = claimed.withLock { $0 }
                #expect(ids.count == total, "every message claimed exactly once")
                #expect(Set(ids).count == ids.count, "no message claimed twice")
            }
        }
    }

    @Test("A body that swallows a failed statement's error fails the whole transaction instead of losing its work silently")
    func swallowedFailureIsReported() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let outbox = PostgresOutboxStore(store)
            try await PostgresWebhookAdministration(store).add(
                WebhookEndpoint(id: "hook", url: "https://example.test/hook", secrets: ["whsec_x"]), at: t0,
                activity: ActivityEntry(at: t0, actor: "tester", action: .webhookAdded, round: nil, subject: "hook", summary: "added"))
            #expect(throws: PostgresStoreError.self) {
                try Self.blocking(outbox) { transaction in
                    _ = try transaction.enqueue(OutboxEvent(id: "e1", type: "round.completed", occurredAt: t0, body: Data(), text: "e1"),
                                                now: t0, excludingEndpoint: nil)
                    // No message 999: the attempt's foreign key refuses it, which aborts the transaction.
                    try? transaction.record(AttemptRecord(messageID: 999, startedAt: t0, durationMS: 1, statusCode: 200, error: nil,
                                                          responseSnippet: nil, outcome: .delivered), now: t0)
                }
            }
            #expect(try await PostgresWebhookAdministration(store).deliveries(MessageFilter()).isEmpty, "the enqueue was rolled back")
            // The connection went back to the pool usable, outside any transaction.
            #expect(try Self.blocking(outbox) { try $0.enabledEndpoints().map(\.id) } == ["hook"])
        }
    }

    /// The blocking `inTransaction`, as the dispatcher calls it.
    static func blocking<T>(_ outbox: PostgresOutboxStore, _ body: (any OutboxTransaction) throws -> T) throws -> T {
        try outbox.inTransaction(body)
    }
}
