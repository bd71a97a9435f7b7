import AllotStore
import Foundation
import GRDB
import Testing

@Suite("A stored time that is not a time is a corrupt store, never 1970 and never a crash")
struct StoredTimeTests {
    @Test("a reminder whose sent_at holds text reads as a typed error naming the column")
    func reminderTimeThatIsText() throws {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-time-\(UUID().uuidString)")
        let database = try AppDatabase.open(dataDirectory: dir)
        try database.writer.writeWithoutTransaction { db in
            // Foreign keys off for the insert only (the pragma is ignored inside a transaction).
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            // A REAL column stores text it cannot convert as text: what a hand edit or another tool could leave.
            try db.execute(sql: "INSERT INTO review_reminder (round, reviewer, sent_at) VALUES ('r', 'rev', 'yesterday')")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        #expect(throws: ServiceStoreError.corrupt("sent_at of review reminder is not a time")) {
            _ = try SQLiteReminderRepository(database).sent()
        }
    }
}
