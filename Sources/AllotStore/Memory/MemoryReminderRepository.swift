import AllotCore
import Foundation

/// `ReminderRepository` in memory: a reminder and its events are kept in one write.
public struct MemoryReminderRepository: ReminderRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func sent() throws -> [SentReminder] {
        store.read { tables in
            tables.reminders.sorted { a, b in a.at != b.at ? a.at < b.at : ByteOrder.less([a.round, a.reviewer], [b.round, b.reviewer]) }
        }
    }

    public func record(_ reminders: [SentReminder], events: [OutboxEvent]) throws {
        try store.write { tables in
            for reminder in reminders {
                _ = try tables.requireRound(reminder.round)
                tables.reminders.insert(reminder)
            }
            for event in events { try tables.enqueue(event, now: event.occurredAt) }
        }
    }
}
