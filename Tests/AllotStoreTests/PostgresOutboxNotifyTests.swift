@testable import AllotStore
import Foundation
import Testing

/// Instances on one PostgreSQL database wake each other's dispatchers: a commit that queues messages notifies, and
/// each instance's relay rings its bell. Skipped, and reported so, when ALLOT_TEST_DATABASE_URL is unset.
@Suite("PostgreSQL instances wake each other's dispatchers", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
struct PostgresOutboxNotifyTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Waits (up to 10 s) until `condition` holds; whether it did.
    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return condition()
    }

    @Test("Another instance's queued and redelivered messages ring this one's bell; an attempt's record does not; cancelling ends the relay")
    func queueingElsewhereRings() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            try await PostgresWebhookAdministration(store).add(
                WebhookEndpoint(id: "hook", url: "https://example.test/hook", secrets: ["whsec_x"]), at: Self.t0,
                activity: ActivityEntry(at: Self.t0, actor: "tester", action: .webhookAdded, round: nil, subject: "hook", summary: "added"))
            try await PostgresTestDatabase.withSecondStore(on: store.url) { second in
                // A bell of its own: the first store's enqueue rings the process-wide one, never this.
                let bell = OutboxBell()
                let rings = LockedState(0)
                let listening = bell.listen { rings.withLock { $0 += 1 } }
                defer { listening.cancel() }
                let relay = Task { await second.relayOutboxNotifications(to: bell) }
                #expect(try await Self.eventually { rings.withLock { $0 } >= 1 }, "it rings once when it starts listening")
                try await Task.sleep(for: .milliseconds(200))
                var before = rings.withLock { $0 }

                let outbox = PostgresOutboxStore(store)
                try await outbox.enqueueEvent(OutboxEvent(id: "e1", type: "round.completed", occurredAt: Self.t0, body: Data("{}".utf8), text: "e1"),
                                              now: Self.t0)
                #expect(try await Self.eventually { rings.withLock { $0 } > before }, "a queued message rings")

                before = rings.withLock { $0 }
                let claimed = try await outbox.inTransaction { transaction in
                    try transaction.claim(endpointID: "hook", limit: 10, now: Self.t0, leaseUntil: Self.t0.addingTimeInterval(60))
                }
                try #require(claimed.count == 1)
                try await outbox.inTransaction { transaction in
                    try transaction.record(AttemptRecord(messageID: claimed[0].messageID, startedAt: Self.t0, durationMS: 1, statusCode: 200,
                                                         error: nil, responseSnippet: nil, outcome: .delivered), now: Self.t0)
                }
                try await Task.sleep(for: .seconds(1))
                #expect(rings.withLock { $0 } == before, "recording a delivery queues nothing, so rings nothing")

                #expect(try outbox.redeliver(MessageFilter(eventID: "e1"), now: Self.t0) == 1)
                #expect(try await Self.eventually { rings.withLock { $0 } > before }, "a redelivery queues the message again, and rings")

                relay.cancel()
                await relay.value
            }
        }
    }
}
