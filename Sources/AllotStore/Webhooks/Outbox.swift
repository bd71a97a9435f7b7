import Foundation
import GRDB

/// The transactional outbox: events are written in the caller's transaction, one message per receiving endpoint.
public enum Outbox {
    /// Stores `event` and a pending message for every enabled endpoint that subscribes to its type and is its
    /// audience. Call it inside the write transaction that caused the event, so both commit or neither does.
    /// Returns how many messages were created (0 when no endpoint wants it; the event is kept for the record).
    @discardableResult
    public static func enqueue(
        _ event: OutboxEvent, in db: Database, now: Date = Date(), excludingEndpoint excluded: String? = nil
    ) throws -> Int {
        try db.execute(
            sql: """
                INSERT INTO webhook_event (id, type, occurred_at, body, text, reviewer_id, round_id, applicant_keys)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.id, event.type, event.occurredAt.timeIntervalSince1970, event.body, event.text,
                event.reviewerID, event.roundID, try ApplicantKeysColumn.encode(event.applicantKeys),
            ])
        let targets = try WebhookEndpoints.all(in: db).filter {
            $0.enabled && $0.id != excluded && $0.receives(type: event.type) && $0.isAudience(forReviewer: event.reviewerID)
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO webhook_message (event_id, endpoint_id, state, attempts, enqueued_at, next_attempt_at)
            VALUES (?, ?, 'pending', 0, ?, ?)
            """)
        let at = now.timeIntervalSince1970
        for endpoint in targets {
            try insert.execute(arguments: [event.id, endpoint.id, at, at])
        }
        if !targets.isEmpty {
            OutboxBell.shared.ringAfterCommit(of: db)
        }
        return targets.count
    }
}
