import AllotCore
import Foundation
import GRDB

/// Review reminders already sent.
public protocol ReminderRepository: Sendable {
    /// Every reminder sent, oldest first.
    func sent() throws -> [SentReminder]
    /// Records `reminders` and queues their events in one transaction, so a reminder is sent exactly when it is recorded.
    func record(_ reminders: [SentReminder], events: [OutboxEvent]) throws
}

/// Reminders in SQLite (`review_reminder`).
public struct SQLiteReminderRepository: ReminderRepository {
    public let database: AppDatabase

    /// A repository on `database`.
    public init(_ database: AppDatabase) { self.database = database }

    public func sent() throws -> [SentReminder] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT round, reviewer, sent_at FROM review_reminder ORDER BY sent_at, round, reviewer").map {
                SentReminder(round: $0["round"], reviewer: $0["reviewer"], at: try StoreTime.required($0, "sent_at", of: "review reminder"))
            }
        }
    }

    public func record(_ reminders: [SentReminder], events: [OutboxEvent]) throws {
        try database.writer.write { db in
            for r in reminders {
                try db.execute(sql: "INSERT OR IGNORE INTO review_reminder (round, reviewer, sent_at) VALUES (?, ?, ?)",
                               arguments: [r.round, r.reviewer, r.at.timeIntervalSince1970])
            }
            for event in events { _ = try Outbox.enqueue(event, in: db, now: event.occurredAt) }
        }
    }
}
