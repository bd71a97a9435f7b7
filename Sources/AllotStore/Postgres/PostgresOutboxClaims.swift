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

    /// Appends each attempt to the log, in order, and moves its message on (delivered, rescheduled, dead-lettered or
    /// suppressed), releasing the lease. A message no longer pending (redelivered meanwhile) only gains the log row.
    ///
    /// One statement for a whole dispatch cycle's completions (in slices of `slice`, under PostgreSQL's 65,535 bound
    /// values): the attempts as rows of a `VALUES` list, inserted into the log in their order, and the messages moved
    /// by an `UPDATE ... FROM` the same rows. A message is in flight on one dispatcher at a time, so it is in the
    /// list at most once.
    static func record(_ attempts: [AttemptRecord], now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        for start in stride(from: 0, to: attempts.count, by: slice) {
            let part = attempts[start..<min(start + slice, attempts.count)]
            var binds = PostgresBindings(capacity: part.count * columnTypes.count)
            var rows: [String] = []
            for (position, attempt) in part.enumerated() {
                let next = MessageTransition(attempt, now: now)
                let first = binds.count
                binds.append(Int64(position))
                binds.append(attempt.messageID)
                binds.append(attempt.startedAt.postgres)
                binds.append(attempt.durationMS)
                try binds.append(attempt.statusCode.map(Int64.init))
                binds.append(attempt.outcome.logName)
                try binds.append(attempt.error)
                try binds.append(attempt.responseSnippet)
                binds.append(next.state.rawValue)
                binds.append(next.counted)
                try binds.append(next.nextAttemptAt.postgres)
                try binds.append(next.finishedAt.postgres)
                try binds.append(next.lastError)
                rows.append("(" + columnTypes.enumerated().map { "$\(first + $0.offset + 1)::\($0.element)" }.joined(separator: ", ") + ")")
            }
            let sql = """
                WITH input (position, message_id, started_at, duration_ms, status_code, outcome, error, snippet, state, counted,
                            next_attempt_at, finished_at, last_error) AS (VALUES \(rows.joined(separator: ", "))),
                attempt AS (
                    INSERT INTO webhook_attempt (message_id, started_at, duration_ms, status_code, outcome, error, response_snippet)
                    SELECT message_id, started_at, duration_ms, status_code, outcome, error, snippet FROM input ORDER BY position)
                UPDATE webhook_message m SET state = i.state, attempts = m.attempts + i.counted, next_attempt_at = i.next_attempt_at,
                    lease_until = NULL, finished_at = i.finished_at, last_status = i.status_code, last_error = i.last_error
                FROM input i WHERE m.id = i.message_id AND m.state = 'pending'
                """
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        }
    }

    /// Attempts per statement: 13 values each, well under PostgreSQL's 65,535 bound values.
    static let slice = 1_000

    /// The types of `record`'s `input` columns, in order: a `VALUES` list takes its column types from its first row,
    /// and a NULL there (no status code, no error) would otherwise be text.
    private static let columnTypes = ["bigint", "bigint", "timestamptz", "float8", "bigint", "text", "text", "text", "text", "bigint",
                                      "timestamptz", "timestamptz", "text"]
}
