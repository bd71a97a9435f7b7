import AllotCore
import Foundation
import PostgresNIO

/// `ReminderRepository` on the PostgreSQL store (`review_reminder`).
public struct PostgresReminderRepository: ReminderRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func sent() throws -> [SentReminder] {
        try store.wait { try await sent() }
    }

    public func record(_ reminders: [SentReminder], events: [OutboxEvent]) throws {
        try store.wait { try await record(reminders, events: events) }
    }
}

extension PostgresReminderRepository {
    /// Oldest first, then by round and reviewer in byte order (COLLATE "C", as SQLite orders them).
    func sent() async throws -> [SentReminder] {
        try await store.rows("""
            SELECT round, reviewer, sent_at FROM review_reminder ORDER BY sent_at, round COLLATE "C", reviewer COLLATE "C"
            """).map { row in
            let (round, reviewer, at) = try row.decode((String, String, PostgresTime).self)
            return SentReminder(round: round, reviewer: reviewer, at: at.date)
        }
    }

    /// Records the reminders (a repeat ignored) and queues their events in one transaction, so a reminder is sent
    /// exactly when it is recorded; each event is queued as of its own time, as SQLite does. The outbox bell rings
    /// once the transaction has committed, if a message was queued.
    func record(_ reminders: [SentReminder], events: [OutboxEvent]) async throws {
        let queued = try await store.transaction { connection in
            for r in reminders {
                try await connection.query("""
                    INSERT INTO review_reminder (round, reviewer, sent_at) VALUES (\(r.round), \(r.reviewer), \(r.at.postgres))
                    ON CONFLICT DO NOTHING
                    """, logger: store.logger)
            }
            var queued = 0
            for event in events { queued += try await PostgresOutbox.enqueue(event, on: connection, now: event.occurredAt, logger: store.logger) }
            return queued
        }
        if queued > 0 { OutboxBell.shared.ring() }
    }
}
