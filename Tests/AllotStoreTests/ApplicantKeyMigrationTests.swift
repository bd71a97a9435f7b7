import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Testing

@Suite("The v5-applicant-key migration")
struct ApplicantKeyMigrationTests {
    /// A real SQLite file migrated up to `v4-reminders`, as a store shipped before applicant keys.
    func storeBeforeApplicantKeys() throws -> (DatabasePool, DatabaseMigrator) {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let pool = try DatabasePool(path: dir + "/allot.sqlite")
        let migrator = AppDatabase.migrator
        try migrator.migrate(pool, upTo: "v4-reminders")
        return (pool, migrator)
    }

    @Test("conflicts are keyed again and a queued review.assigned gains its round and applicant key, so the gate can withhold it")
    func conflictsAndQueuedEventsAreKeyed() throws {
        let (pool, migrator) = try storeBeforeApplicantKeys()
        let body = #"{"data":{"applicant_id":"P-1","applicant_name":"Fife STEM Network","due_by":"2026-12-07T17:00:00Z","reviewer_id":"rev-a","round_id":"r1"},"timestamp":"2026-11-23T09:00:00Z","type":"review.assigned"}"#
        try pool.write { db in
            try db.execute(sql: "INSERT INTO round (id, name, state, settings, created_at, updated_at) VALUES ('r1', 'Round 1', 'open', '{}', 0, 0)")
            // Two spellings the old trimmed, lower-cased key kept apart.
            for applicant in ["Fife STEM Network", "FIFE  STEM NETWORK."] {
                try db.execute(sql: "INSERT INTO round_conflict (round, reviewer, applicant, applicant_key) VALUES ('r1', 'rev-a', ?, ?)",
                               arguments: [applicant, applicant.trimmingCharacters(in: .whitespaces).lowercased()])
            }
            try db.execute(sql: """
                INSERT INTO webhook_event (id, type, occurred_at, body, text, reviewer_id, applicant_ids)
                VALUES ('msg_1', 'review.assigned', 0, ?, 'You have a new review', 'rev-a', '["P-1"]')
                """, arguments: [Data(body.utf8)])
            try db.execute(sql: """
                INSERT INTO webhook_event (id, type, occurred_at, body, text) VALUES ('msg_2', 'survey.closed', 0, ?, 'closed')
                """, arguments: [Data(#"{"data":{},"type":"survey.closed"}"#.utf8)])
        }
        try migrator.migrate(pool)
        try pool.read { db in
            let keys = try String.fetchAll(db, sql: "SELECT applicant_key FROM round_conflict WHERE round = 'r1'")
            #expect(keys == [ApplicantKey("Fife STEM Network").value])
            let assigned = try #require(try Row.fetchOne(db, sql: "SELECT round_id, applicant_keys FROM webhook_event WHERE id = 'msg_1'"))
            #expect(assigned["round_id"] as String? == "r1")
            #expect(assigned["applicant_keys"] as String? == #"["fife stem network"]"#)
            let closed = try #require(try Row.fetchOne(db, sql: "SELECT round_id, applicant_keys FROM webhook_event WHERE id = 'msg_2'"))
            #expect(closed["round_id"] as String? == nil && closed["applicant_keys"] as String? == "")
            let conflicted = try ReviewerConflicts.conflicts(reviewerID: " REV-A", round: "r1", among: ["fife stem network"], in: db)
            #expect(conflicted == ["FIFE  STEM NETWORK."])
            #expect(try ReviewerConflicts.conflicts(reviewerID: "rev-a", round: "r2", among: ["fife stem network"], in: db).isEmpty)
        }
    }
}
