import Foundation
import Logging
import PostgresNIO

/// The transactional outbox on PostgreSQL (the twin of SQLite's `Outbox.enqueue`): events are written in the caller's
/// transaction, one message per receiving endpoint.
enum PostgresOutbox {
    /// Stores `event` and a pending message, due `now`, for every enabled endpoint (but `excluded`) that subscribes to
    /// its type and is its audience. Call it inside the transaction that caused the event (`store.transaction`), so
    /// both commit or neither does. Returns how many messages were created (0 when no endpoint wants it; the event is
    /// kept for the record).
    ///
    /// Unlike SQLite's, it cannot ring `OutboxBell` after the commit itself: postgres-nio has no commit hook, and the
    /// transaction commits when `store.transaction` returns. So the caller rings, once the transaction has returned
    /// (committed) and only if a count was above zero:
    ///
    ///     let queued = try await store.transaction { connection in
    ///         ...; return try await PostgresOutbox.enqueue(event, on: connection, now: at, logger: store.logger)
    ///     }
    ///     if queued > 0 { OutboxBell.shared.ring() }
    ///
    /// A rolled-back transaction rings nothing, as with SQLite. Other processes' dispatchers find the messages by
    /// polling.
    @discardableResult
    static func enqueue(_ event: OutboxEvent, on connection: PostgresConnection, now: Date, excludingEndpoint excluded: String? = nil,
                        logger: Logger) async throws -> Int {
        let endpoints = try await PostgresWebhookEndpoints.all(on: connection, logger: logger)
        return try await enqueue(event, to: endpoints, on: connection, now: now, excludingEndpoint: excluded, logger: logger)
    }

    /// `enqueue` with the endpoints already read in this transaction: the event and its messages in one statement.
    static func enqueue(_ event: OutboxEvent, to endpoints: [WebhookEndpoint], on connection: PostgresConnection, now: Date,
                        excludingEndpoint excluded: String?, logger: Logger) async throws -> Int {
        // The endpoints are chosen as SQLite's `Outbox.enqueue` chooses them (subscription and audience are Swift rules).
        let targets = endpoints.filter {
            $0.enabled && $0.id != excluded && $0.receives(type: event.type) && $0.isAudience(forReviewer: event.reviewerID)
        }
        // One statement for the event and every message, however many endpoints (none: the event alone). The messages'
        // foreign key sees the event: PostgreSQL checks it at the end of the statement.
        try await connection.query("""
            WITH event AS (
                INSERT INTO webhook_event (id, type, occurred_at, body, text, reviewer_id, round_id, applicant_keys)
                VALUES (\(event.id), \(event.type), \(event.occurredAt.postgres), \(event.body), \(event.text), \(event.reviewerID),
                    \(event.roundID), \(try ApplicantKeysColumn.encode(event.applicantKeys))))
            INSERT INTO webhook_message (event_id, endpoint_id, state, attempts, enqueued_at, next_attempt_at)
            SELECT \(event.id), endpoint, 'pending', 0, \(now.postgres), \(now.postgres) FROM unnest(\(targets.map(\.id))::text[]) AS endpoint
            """, logger: logger)
        return targets.count
    }
}
