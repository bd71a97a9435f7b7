import Foundation
import Logging
import PostgresNIO

/// The per-message delivery log on PostgreSQL (SQLite's `DeliveryLog`, with the same public shape: `messages` and
/// `attempts` on a store rather than a GRDB database), and `redeliver`, which shares its filter.
public struct PostgresDeliveryLog: Sendable {
    public let store: PostgresStore
    /// Creates the log reader.
    public init(_ store: PostgresStore) { self.store = store }

    /// Messages matching `filter`, newest first, each with its attempts.
    public func messages(_ filter: MessageFilter) throws -> [MessageLogEntry] {
        try store.wait { try await store.client.withConnection { connection in
            try await Self.messages(filter, on: connection, logger: store.logger)
        } }
    }

    /// Every attempt of one message, oldest first.
    public func attempts(messageID: Int64) throws -> [AttemptLogEntry] {
        try store.wait { try await store.client.withConnection { connection in
            try await Self.attempts(of: [messageID], on: connection, logger: store.logger)[messageID] ?? []
        } }
    }
}

extension PostgresDeliveryLog {
    /// Messages matching `filter`, newest first, with their attempts (read in one more query for all of them, not one
    /// per message).
    static func messages(_ filter: MessageFilter, on connection: PostgresConnection, logger: Logger) async throws -> [MessageLogEntry] {
        var binds = PostgresBindings()
        let matching = condition(of: filter, binds: &binds)
        binds.append(Int64(max(0, filter.limit)))
        let sql = """
            SELECT m.id, m.event_id, e.type, m.endpoint_id, m.state, m.attempts, m.enqueued_at, m.next_attempt_at, m.finished_at,
                m.last_status, m.last_error
            FROM webhook_message m JOIN webhook_event e ON e.id = m.event_id
            WHERE \(matching) ORDER BY m.id DESC LIMIT $\(binds.count)
            """
        let rows = try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect()
        var entries = try rows.map { row in
            let (id, eventID, type, endpointID, stateName, attempts, enqueuedAt, nextAttemptAt, finishedAt, lastStatus, lastError) = try row.decode(
                (Int64, String, String, String, String, Int64, PostgresTime, PostgresTime?, PostgresTime?, Int64?, String?).self)
            guard let state = MessageState(rawValue: stateName) else { throw StoreError.corrupt("webhook_message.state \(stateName)") }
            return MessageLogEntry(
                messageID: id, eventID: eventID, eventType: type, endpointID: endpointID, state: state, attempts: Int(attempts),
                enqueuedAt: enqueuedAt.date, nextAttemptAt: nextAttemptAt?.date, finishedAt: finishedAt?.date,
                lastStatus: lastStatus.map(Int.init), lastError: lastError, attemptLog: [])
        }
        let attempts = try await attempts(of: entries.map(\.messageID), on: connection, logger: logger)
        for index in entries.indices { entries[index].attemptLog = attempts[entries[index].messageID] ?? [] }
        return entries
    }

    /// The attempts of each of `messageIDs`, oldest first.
    static func attempts(of messageIDs: [Int64], on connection: PostgresConnection, logger: Logger) async throws -> [Int64: [AttemptLogEntry]] {
        guard !messageIDs.isEmpty else { return [:] }
        let rows = try await connection.query("""
            SELECT message_id, started_at, duration_ms, status_code, outcome, error, response_snippet FROM webhook_attempt
            WHERE message_id = ANY(\(messageIDs)) ORDER BY id
            """, logger: logger).collect()
        var attempts: [Int64: [AttemptLogEntry]] = [:]
        for row in rows {
            let (messageID, startedAt, duration, status, outcome, error, snippet) = try row.decode(
                (Int64, PostgresTime, Double, Int64?, String, String?, String?).self)
            attempts[messageID, default: []].append(AttemptLogEntry(
                startedAt: startedAt.date, durationMS: duration, statusCode: status.map(Int.init), outcome: outcome, error: error,
                responseSnippet: snippet))
        }
        return attempts
    }

    /// Puts finished messages matching `filter` back in the queue, due now, with a fresh retry schedule and the same
    /// `webhook-id`; pending ones are left alone. Returns how many were requeued. The caller rings `OutboxBell` after
    /// its transaction commits when the count is above zero (see `PostgresOutbox.enqueue`).
    static func redeliver(_ filter: MessageFilter, now: Date, on connection: PostgresConnection, logger: Logger) async throws -> Int {
        var binds = PostgresBindings()
        binds.append(now.postgres)
        let matching = condition(of: filter, binds: &binds)
        let sql = """
            UPDATE webhook_message SET state = 'pending', attempts = 0, enqueued_at = $1, next_attempt_at = $1,
                lease_until = NULL, finished_at = NULL
            WHERE id IN (SELECT m.id FROM webhook_message m WHERE m.state <> 'pending' AND \(matching))
            RETURNING id
            """
        return try await connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).collect().count
    }

    /// The filter's conditions on `webhook_message m`, its values appended to `binds`.
    private static func condition(of filter: MessageFilter, binds: inout PostgresBindings) -> String {
        var conditions = ["TRUE"]
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let eventID = filter.eventID { conditions.append("m.event_id = \(bind(eventID))") }
        if let endpointID = filter.endpointID { conditions.append("m.endpoint_id = \(bind(endpointID))") }
        if let state = filter.state { conditions.append("m.state = \(bind(state.rawValue))") }
        if let since = filter.since { conditions.append("COALESCE(m.finished_at, m.enqueued_at) >= \(bind(since.postgres))") }
        return conditions.joined(separator: " AND ")
    }
}
