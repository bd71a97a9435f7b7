import Foundation
import GRDB

/// One message and its attempts, for `allot webhooks log`.
public struct MessageLogEntry: Sendable, Equatable {
    /// Row id in `webhook_message`.
    public var messageID: Int64
    /// The `webhook-id`.
    public var eventID: String
    /// Event type.
    public var eventType: String
    /// Receiving endpoint.
    public var endpointID: String
    /// Where it stands.
    public var state: MessageState
    /// Attempts since it was (re)enqueued.
    public var attempts: Int
    /// When it entered the outbox or was last redelivered.
    public var enqueuedAt: Date
    /// Next attempt (or lease end) while pending.
    public var nextAttemptAt: Date?
    /// When it was delivered, dead-lettered or suppressed.
    public var finishedAt: Date?
    /// Status of the last response.
    public var lastStatus: Int?
    /// Last error or dead-letter reason.
    public var lastError: String?
    /// Every attempt ever made, oldest first (redeliveries included).
    public var attemptLog: [AttemptLogEntry]
}

/// One row of `webhook_attempt`.
public struct AttemptLogEntry: Sendable, Equatable {
    /// When the request started.
    public var startedAt: Date
    /// Wall time of the request.
    public var durationMS: Double
    /// HTTP status, if a response arrived.
    public var statusCode: Int?
    /// `delivered`, `retry`, `failed` or `suppressed`.
    public var outcome: String
    /// Transport error, if any.
    public var error: String?
    /// Start of the response body.
    public var responseSnippet: String?
}

/// Which messages to list or redeliver; nil fields match everything.
public struct MessageFilter: Sendable, Equatable {
    /// One event (`webhook-id`).
    public var eventID: String?
    /// One endpoint.
    public var endpointID: String?
    /// One state.
    public var state: MessageState?
    /// Finished (or, for pending ones, enqueued) at or after this time.
    public var since: Date?
    /// At most this many, newest first (listing only: redelivery takes every match).
    public var limit: Int

    /// Creates a filter.
    public init(
        eventID: String? = nil, endpointID: String? = nil, state: MessageState? = nil, since: Date? = nil,
        limit: Int = 100
    ) {
        self.eventID = eventID
        self.endpointID = endpointID
        self.state = state
        self.since = since
        self.limit = limit
    }

    fileprivate var whereClause: (sql: String, arguments: StatementArguments) {
        var conditions = ["1"]
        var arguments = StatementArguments()
        if let eventID {
            conditions.append("m.event_id = ?")
            arguments += [eventID]
        }
        if let endpointID {
            conditions.append("m.endpoint_id = ?")
            arguments += [endpointID]
        }
        if let state {
            conditions.append("m.state = ?")
            arguments += [state.rawValue]
        }
        if let since {
            conditions.append("COALESCE(m.finished_at, m.enqueued_at) >= ?")
            arguments += [since.timeIntervalSince1970]
        }
        return (conditions.joined(separator: " AND "), arguments)
    }
}

/// The per-message delivery log.
public enum DeliveryLog {
    /// Messages matching `filter`, newest first, each with its attempts.
    public static func messages(_ filter: MessageFilter, in db: Database) throws -> [MessageLogEntry] {
        let (condition, arguments) = filter.whereClause
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.*, e.type FROM webhook_message m JOIN webhook_event e ON e.id = m.event_id
                WHERE \(condition) ORDER BY m.id DESC LIMIT \(max(0, filter.limit))
                """,
            arguments: arguments)
        return try rows.map { row in
            let stateName: String = row["state"]
            guard let state = MessageState(rawValue: stateName) else {
                throw StoreError.corrupt("webhook_message.state \(stateName)")
            }
            let id: Int64 = row["id"]
            return MessageLogEntry(
                messageID: id, eventID: row["event_id"], eventType: row["type"], endpointID: row["endpoint_id"],
                state: state, attempts: row["attempts"], enqueuedAt: date(row["enqueued_at"]) ?? .distantPast,
                nextAttemptAt: date(row["next_attempt_at"]), finishedAt: date(row["finished_at"]),
                lastStatus: row["last_status"], lastError: row["last_error"],
                attemptLog: try attempts(messageID: id, in: db))
        }
    }

    /// Every attempt of one message, oldest first.
    public static func attempts(messageID: Int64, in db: Database) throws -> [AttemptLogEntry] {
        try Row.fetchAll(
            db, sql: "SELECT * FROM webhook_attempt WHERE message_id = ? ORDER BY id", arguments: [messageID]
        ).map { row in
            AttemptLogEntry(
                startedAt: try StoreTime.required(row, "started_at", of: "webhook attempt"), durationMS: row["duration_ms"],
                statusCode: row["status_code"], outcome: row["outcome"], error: row["error"],
                responseSnippet: row["response_snippet"])
        }
    }

    private static func date(_ seconds: Double?) -> Date? {
        seconds.map(Date.init(timeIntervalSince1970:))
    }
}

extension Outbox {
    /// Puts finished messages matching `filter` back in the queue, due now, with a fresh retry schedule and the same
    /// `webhook-id`. Pending messages are left alone. Returns how many were requeued.
    @discardableResult
    public static func redeliver(_ filter: MessageFilter, now: Date, in db: Database) throws -> Int {
        let (condition, arguments) = filter.whereClause
        let at = now.timeIntervalSince1970
        try db.execute(
            sql: """
                UPDATE webhook_message SET state = 'pending', attempts = 0, enqueued_at = ?, next_attempt_at = ?,
                    lease_until = NULL, finished_at = NULL
                WHERE id IN (SELECT m.id FROM webhook_message m WHERE m.state != 'pending' AND \(condition))
                """,
            arguments: [at, at] + arguments)
        let count = db.changesCount
        if count > 0 {
            OutboxBell.shared.ringAfterCommit(of: db)
        }
        return count
    }
}
