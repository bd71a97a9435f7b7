import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Testing

/// One suite, every implementation: what the reminder sweep relies on from a `ReminderRepository` (a reminder is sent
/// exactly when it is recorded, and never recorded twice), whichever store holds it.
@Suite("Every reminder repository keeps the same promises")
struct ReminderRepositoryContractTests {
    struct Subject {
        let reminders: any ReminderRepository
        let rounds: any RoundRepository
        let events: () throws -> [String]
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        func make() throws -> Subject {
            if self == .memory {
                let store = MemoryStore()
                return Subject(reminders: MemoryReminderRepository(store), rounds: MemoryRoundRepository(store), events: { store.eventIDs.sorted() })
            }
            let database = try AppDatabase.open(
                dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-reminders-\(UUID().uuidString)"))
            return Subject(reminders: SQLiteReminderRepository(database), rounds: SQLiteRoundRepository(database),
                           events: { try database.writer.read { try String.fetchAll($0, sql: "SELECT id FROM webhook_event ORDER BY id") } })
        }
    }

    @Test("Reminders are recorded with their events, a repeat once, and listed oldest first", arguments: Implementation.allCases)
    func recordedWithEvents(_ implementation: Implementation) throws { try Self.recordedWithEvents(implementation.make()) }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test("Reminders are recorded with their events, a repeat once, and listed oldest first")
        func recordedWithEvents() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try ReminderRepositoryContractTests.recordedWithEvents(Subject(
                    reminders: PostgresReminderRepository(store), rounds: PostgresRoundRepository(store),
                    events: { try store.wait { try await store.rows("SELECT id FROM webhook_event ORDER BY id").map { try $0.decode(String.self) } } }))
            }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func event(_ id: String) -> OutboxEvent {
        OutboxEvent(id: id, type: "review.reminder", occurredAt: t0, body: Data("{}".utf8), text: id, reviewerID: "rev-a", roundID: "r1")
    }

    static func recordedWithEvents(_ s: Subject) throws {
        for id in ["r1", "R2"] {
            try s.rounds.create(RoundRecord(id: id, name: id, state: .reviewing, settings: RoundSettings(), createdAt: t0, updatedAt: t0), activity: [])
        }
        #expect(try s.reminders.sent().isEmpty)
        let later = SentReminder(round: "r1", reviewer: "rev-a", at: t0.addingTimeInterval(86_400))
        let b = SentReminder(round: "r1", reviewer: "rev-b", at: t0)
        let a = SentReminder(round: "r1", reviewer: "rev-a", at: t0)
        let other = SentReminder(round: "R2", reviewer: "rev-z", at: t0)
        try s.reminders.record([later, b, a], events: [event("evt_1"), event("evt_2")])
        try s.reminders.record([a, other], events: [event("evt_3")])
        #expect(try s.reminders.sent() == [other, a, b, later], "by time, then round and reviewer in byte order; a repeat once")
        #expect(try s.events() == ["evt_1", "evt_2", "evt_3"])
        #expect(throws: (any Error).self, "an event queued twice fails the whole record") {
            try s.reminders.record([SentReminder(round: "r1", reviewer: "rev-c", at: t0)], events: [event("evt_1")])
        }
        #expect(try s.reminders.sent().count == 4, "rolled back: the reminder is not recorded, so it is sent later")
    }
}
