@testable import AllotStore
import Foundation
import Testing

/// `PostgresOutbox.enqueue`, which PostgreSQL repositories call inside their own transactions, as SQLite's code calls
/// `Outbox.enqueue`. Skipped, and reported so, when ALLOT_TEST_DATABASE_URL is unset.
@Suite("PostgreSQL's outbox enqueue", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
struct PostgresOutboxEnqueueTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func endpoint(_ id: String, types: [String] = ["*"], enabled: Bool = true, reviewer: String? = nil) -> WebhookEndpoint {
        WebhookEndpoint(id: id, url: "https://example.test/\(id)", secrets: ["whsec_x"], eventTypes: types, enabled: enabled, reviewerID: reviewer)
    }

    static let event = OutboxEvent(
        id: "msg_1", type: "review.assigned", occurredAt: t0, body: Data([0, 1, 2, 255]), text: "assigned", reviewerID: "rev-a",
        roundID: "r1", applicantKeys: ["acme", "b\u{e9}ta"])

    @Test("One pending message, due now, for each enabled, subscribing, audience endpoint but the excluded one; the event is kept whole")
    func fansOut() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let queued = try store.wait {
                try await store.transaction { connection in
                    for e in [Self.endpoint("general"), Self.endpoint("off", enabled: false), Self.endpoint("other-type", types: ["round.completed"]),
                              Self.endpoint("typed", types: ["round.completed", "review.assigned"]), Self.endpoint("rev-a-hook", reviewer: "rev-a"),
                              Self.endpoint("rev-b-hook", reviewer: "rev-b"), Self.endpoint("excluded")] {
                        try await PostgresWebhookEndpoints.save(e, now: Self.t0, on: connection, logger: store.logger)
                    }
                    return try await PostgresOutbox.enqueue(Self.event, on: connection, now: Self.t0.addingTimeInterval(5),
                                                            excludingEndpoint: "excluded", logger: store.logger)
                }
            }
            #expect(queued == 3)
            let messages = try store.wait {
                try await store.rows("""
                    SELECT endpoint_id, state, attempts, enqueued_at, next_attempt_at, lease_until FROM webhook_message
                    WHERE event_id = 'msg_1' ORDER BY endpoint_id COLLATE "C"
                    """).map { try $0.decode((String, String, Int64, PostgresTime, PostgresTime, PostgresTime?).self) }
            }
            #expect(messages.map(\.0) == ["general", "rev-a-hook", "typed"])
            for m in messages {
                #expect(m.1 == "pending" && m.2 == 0 && m.5 == nil)
                #expect(m.3.date == Self.t0.addingTimeInterval(5) && m.4.date == Self.t0.addingTimeInterval(5))
            }
            let stored = try store.wait {
                try await store.rows("SELECT type, occurred_at, body, text, reviewer_id, round_id, applicant_keys FROM webhook_event")
                    .map { try $0.decode((String, PostgresTime, Data, String, String?, String?, String).self) }
            }
            #expect(stored.count == 1)
            let row = try #require(stored.first)
            #expect(row.0 == "review.assigned" && row.1.date == Self.t0 && row.2 == Data([0, 1, 2, 255]) && row.3 == "assigned")
            let keys = try ApplicantKeysColumn.decode(row.6)
            #expect(row.4 == "rev-a" && row.5 == "r1" && keys == ["acme", "b\u{e9}ta"])
        }
    }

    @Test("An event no endpoint wants is kept with no messages; a rolled-back transaction keeps neither")
    func noTargetsAndRollback() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let none = try store.wait {
                try await store.transaction { connection in
                    try await PostgresOutbox.enqueue(Self.event, on: connection, now: Self.t0, logger: store.logger)
                }
            }
            #expect(none == 0)
            struct Abandon: Error {}
            #expect(throws: Abandon.self) {
                try store.wait {
                    try await store.transaction { connection in
                        try await PostgresWebhookEndpoints.save(Self.endpoint("general"), now: Self.t0, on: connection, logger: store.logger)
                        var second = Self.event
                        second.id = "msg_2"
                        try await PostgresOutbox.enqueue(second, on: connection, now: Self.t0, logger: store.logger)
                        throw Abandon()
                    }
                }
            }
            let counts = try store.wait {
                try await store.rows("SELECT (SELECT count(*) FROM webhook_event), (SELECT count(*) FROM webhook_message), (SELECT count(*) FROM webhook_endpoint)")
                    .first!.decode((Int64, Int64, Int64).self)
            }
            #expect(counts == (1, 0, 0))
        }
    }
}
