import Foundation
import GRDB

/// A message a dispatcher holds under a lease, with everything needed to send it.
public struct ClaimedMessage: Sendable, Equatable {
    /// Row id in `webhook_message`.
    public var messageID: Int64
    /// The event, which carries the stable `webhook-id`.
    public var event: OutboxEvent
    /// Receiving endpoint.
    public var endpointID: String
    /// Attempts already made since it was (re)enqueued.
    public var attempts: Int
    /// When it entered the outbox (or was redelivered), for latency figures.
    public var enqueuedAt: Date
}

extension Outbox {
    /// Leases up to `limit` due messages of one endpoint until `leaseUntil`, oldest due first. A lease moves the
    /// message's next attempt to the lease's end, so a message whose dispatcher crashed or stopped mid-send is due
    /// again when the lease runs out, with no separate recovery scan.
    public static func claim(
        endpointID: String, limit: Int, now: Date, leaseUntil: Date, in db: Database
    ) throws -> [ClaimedMessage] {
        guard limit > 0 else { return [] }
        let at = now.timeIntervalSince1970
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.id, m.endpoint_id, m.attempts, m.enqueued_at, e.id AS event_id, e.type, e.occurred_at,
                    e.body, e.text, e.reviewer_id, e.round_id, e.applicant_keys
                FROM webhook_message m JOIN webhook_event e ON e.id = m.event_id
                WHERE m.state = 'pending' AND m.endpoint_id = ? AND m.next_attempt_at <= ?
                ORDER BY m.next_attempt_at, m.id
                LIMIT ?
                """,
            arguments: [endpointID, at, limit])
        let lease = try db.cachedStatement(
            sql: "UPDATE webhook_message SET lease_until = ?1, next_attempt_at = ?1 WHERE id = ?2")
        return try rows.map { row in
            let id: Int64 = row["id"]
            try lease.execute(arguments: [leaseUntil.timeIntervalSince1970, id])
            let event = OutboxEvent(
                id: row["event_id"], type: row["type"], occurredAt: try StoreTime.required(row, "occurred_at", of: "webhook event"),
                body: row["body"], text: row["text"], reviewerID: row["reviewer_id"], roundID: row["round_id"],
                applicantKeys: try ApplicantKeysColumn.decode(row["applicant_keys"]))
            return ClaimedMessage(
                messageID: id, event: event, endpointID: row["endpoint_id"], attempts: row["attempts"],
                enqueuedAt: try StoreTime.required(row, "enqueued_at", of: "webhook message"))
        }
    }

    /// When the earliest pending message of `endpointID` becomes claimable (due, or its lease ended); nil if none.
    public static func nextDue(endpointID: String, in db: Database) throws -> Date? {
        try Double.fetchOne(
            db, sql: "SELECT MIN(next_attempt_at) FROM webhook_message WHERE state = 'pending' AND endpoint_id = ?",
            arguments: [endpointID]
        ).map(Date.init(timeIntervalSince1970:))
    }
}
