import Foundation
import Logging
import PostgresNIO

/// What a dispatch cycle does to the outbox on PostgreSQL, on a caller's connection inside its transaction (SQLite's
/// `Outbox.claim`, `Outbox.nextDue` and `Outbox.record`, with the same meanings).
enum PostgresOutboxClaims {
    /// Leases up to `limit` due messages of one endpoint until `leaseUntil`, oldest due first. As in SQLite, a lease
    /// moves the message's next attempt to the lease's end, so a message whose dispatcher crashed or stopped mid-send
    /// is due again when the lease runs out, and another dispatcher may then claim it.
    ///
    /// Several instances may run dispatchers on one database: the due rows are locked `FOR UPDATE SKIP LOCKED`, so a
    /// claim never waits for, nor takes, a row another open claim holds; once that claim commits, the row's new
    /// `next_attempt_at` (the lease's end) keeps it out of any later claim's scan until the lease lapses. (A claim
    /// whose scan read the row before the other committed re-checks it when it locks it, and finds it no longer due.)
    static func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date, on connection: PostgresConnection,
                      logger: Logger) async throws -> [ClaimedMessage] {
        guard limit > 0 else { return [] }
        let rows = try await connection.query("""
            WITH due AS (
                SELECT id, next_attempt_at AS due_at FROM webhook_message
                WHERE state = 'pending' AND endpoint_id = \(endpointID) AND next_attempt_at <= \(now.postgres)
                ORDER BY next_attempt_at, id
                LIMIT \(Int64(limit))
                FOR UPDATE SKIP LOCKED
            ), leased AS (
                UPDATE webhook_message m SET lease_until = \(leaseUntil.postgres), next_attempt_at = \(leaseUntil.postgres)
                FROM due WHERE m.id = due.id
                RETURNING m.id, m.endpoint_id, m.attempts, m.enqueued_at, m.event_id, due.due_at
            )
            SELECT l.id, l.endpoint_id, l.attempts, l.enqueued_at, e.id, e.type, e.occurred_at, e.body, e.text, e.reviewer_id,
                e.round_id, e.applicant_keys
            FROM leased l JOIN webhook_event e ON e.id = l.event_id
            ORDER BY l.due_at, l.id
            """, logger: logger).collect()
        return try rows.map { row in
            let (id, endpoint, attempts, enqueuedAt, eventID, type, occurredAt, body, text, reviewerID, roundID, keys) = try row.decode(
                (Int64, String, Int64, PostgresTime, String, String, PostgresTime, Data, String, String?, String?, String).self)
            let event = OutboxEvent(id: eventID, type: type, occurredAt: occurredAt.date, body: body, text: text, reviewerID: reviewerID,
                                    roundID: roundID, applicantKeys: try ApplicantKeysColumn.decode(keys))
            return ClaimedMessage(messageID: id, event: event, endpointID: endpoint, attempts: Int(attempts), enqueuedAt: enqueuedAt.date)
        }
    }

    /// When the earliest pending message of `endpointID` becomes claimable (due, or its lease ended); nil if none.
    static func nextDue(endpointID: String, on connection: PostgresConnection, logger: Logger) async throws -> Date? {
        try await connection.query(
            "SELECT MIN(next_attempt_at) FROM webhook_message WHERE state = 'pending' AND endpoint_id = \(endpointID)", logger: logger
        ).collect().first?.decode(PostgresTime?.self)?.date
    }

    /// Appends the attempt to the log and moves its message on (delivered, rescheduled, dead-lettered or suppressed),
    /// releasing the lease. A message no longer pending (redelivered meanwhile) only gains the log row.
    static func record(_ attempt: AttemptRecord, now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let next = MessageTransition(attempt, now: now)
        // One statement, one round trip: the log row and the message's move (a dispatcher records every completion).
        try await connection.query("""
            WITH attempt AS (
                INSERT INTO webhook_attempt (message_id, started_at, duration_ms, status_code, outcome, error, response_snippet)
                VALUES (\(attempt.messageID), \(attempt.startedAt.postgres), \(attempt.durationMS), \(attempt.statusCode.map(Int64.init)),
                    \(attempt.outcome.logName), \(attempt.error), \(attempt.responseSnippet)))
            UPDATE webhook_message SET state = \(next.state.rawValue), attempts = attempts + \(next.counted),
                next_attempt_at = \(next.nextAttemptAt.postgres), lease_until = NULL, finished_at = \(next.finishedAt.postgres),
                last_status = \(attempt.statusCode.map(Int64.init)), last_error = \(next.lastError)
            WHERE id = \(attempt.messageID) AND state = 'pending'
            """, logger: logger)
    }
}
