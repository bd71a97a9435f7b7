import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Testing

/// The store keeps what its bits and hashes meant when they were written, and says so when the code no longer agrees.
@Suite("Stored meanings: taxonomy bits and hash versions") struct StoredMeaningTests {
    private func response(_ id: String) -> SurveyResponse {
        SurveyResponse(survey: "practitioner-2022-23", responseID: id, sector: 1, role: 0, council: 15, postcodeText: "IV1 1AA",
                       postcodeIsValid: true, hoursMilli: 5000, easeOfAccess: 1, barriers: CodeSet([0, 2]), priorities: CodeSet([3]), confidence: 3)
    }

    private func ingest(_ database: AppDatabase, _ rows: [SurveyResponse]) throws -> [ImportOutcome] {
        try SQLiteSurveyRepository(database).importResponses(from: ImportSource(fileName: "t.csv", mapping: "canonical")) { writer in
            let outcomes = try rows.map { try writer.add($0) }
            return (outcomes, ImportCounts(), sha256: "0123abcd")
        }
    }

    /// The live barriers codebook with `code` inserted at `position` (or appended when nil).
    private func barriers(inserting code: String, at position: Int?) -> [Codebook] {
        var entries = zip(Taxonomy.barriers.codes, Taxonomy.barriers.labels).map { (code: $0, label: $1) }
        entries.insert((code, "A new barrier"), at: position ?? entries.count)
        return TaxonomyMeanings.live.map { $0.question == "barriers" ? Codebook(question: "barriers", entries: entries) : $0 }
    }

    @Test("A code inserted mid-list in the taxonomy stops the store opening, naming the question and code")
    func aCodeInsertedMidListIsRefused() throws {
        let queue = try DatabaseQueue()
        _ = try ingest(try AppDatabase(queue), [response("a")])
        #expect(throws: StoreError.taxonomyChanged(question: "barriers", position: 1, stored: Taxonomy.barriers.code(at: 1), live: "new-barrier")) {
            _ = try AppDatabase(queue, taxonomy: barriers(inserting: "new-barrier", at: 1))
        }
        let text = StoreError.taxonomyChanged(question: "barriers", position: 1, stored: Taxonomy.barriers.code(at: 1), live: "new-barrier").description
        #expect(text.contains("'barriers'") && text.contains("'\(Taxonomy.barriers.code(at: 1))'") && text.contains("'new-barrier'"))
        // Nothing was changed by the refused open: the live taxonomy still opens it.
        _ = try AppDatabase(queue)
    }

    @Test("A code appended at the end of a list is recorded, and the store opens")
    func aCodeAppendedIsRecorded() throws {
        let queue = try DatabaseQueue()
        _ = try AppDatabase(queue)
        _ = try AppDatabase(queue, taxonomy: barriers(inserting: "new-barrier", at: nil))
        let appended = try queue.read { db in
            try String.fetchOne(db, sql: "SELECT code FROM taxonomy_code WHERE question = 'barriers' AND position = ?", arguments: [Taxonomy.barriers.count])
        }
        #expect(appended == "new-barrier")
        // The list can no longer shrink back under the stored meanings.
        #expect(throws: StoreError.taxonomyChanged(question: "barriers", position: Taxonomy.barriers.count, stored: "new-barrier", live: nil)) {
            _ = try AppDatabase(queue)
        }
    }

    @Test("A tampered taxonomy_code row stops the store opening, naming the question and code")
    func aTamperedRowIsRefused() throws {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-store-\(UUID().uuidString)")
        _ = try ingest(try AppDatabase.open(dataDirectory: dir), [response("a")])
        let queue = try DatabaseQueue(path: dir + "/allot.sqlite")
        try queue.write { db in try db.execute(sql: "UPDATE taxonomy_code SET code = 'cover' WHERE question = 'priorities' AND position = 3") }
        #expect(throws: StoreError.taxonomyChanged(question: "priorities", position: 3, stored: "cover", live: Taxonomy.priorities.code(at: 3))) {
            _ = try AppDatabase.open(dataDirectory: dir)
        }
    }

    @Test("Responses stored before hash versions are version 1 and a re-ingest finds them unchanged")
    func hashesStoredBeforeTheVersionColumnAreVersionOne() throws {
        let queue = try DatabaseQueue()
        try AppDatabase.migrator.migrate(queue, upTo: "v4-reminders")
        // A response as the store wrote it before the column existed.
        let r = response("old")
        try queue.write { db in
            try db.execute(sql: "INSERT INTO survey (id, created_at) VALUES ('practitioner-2022-23', '2024-01-01')")
            try db.execute(sql: "INSERT INTO survey_import (file_name, file_sha256, mapping, imported_at, inserted, unchanged, refusals, rejected) VALUES ('old.csv', '', 'canonical', '2024-01-01', 1, 0, 0, 0)")
            let names = ResponseColumns.names.filter { $0 != "hash_version" }
            let values = Array(ResponseColumns.encode(r).prefix(names.count))
            try db.execute(sql: "INSERT INTO survey_response (\(names.joined(separator: ", ")), import_id) VALUES (\(Array(repeating: "?", count: names.count + 1).joined(separator: ", ")))",
                           arguments: StatementArguments(values + [1]))
        }
        let database = try AppDatabase(queue)
        #expect(try ingest(database, [r, response("new")]) == [.unchanged, .inserted])
        let versions = try queue.read { db in try Int.fetchAll(db, sql: "SELECT hash_version FROM survey_response ORDER BY response_id") }
        #expect(versions == [ContentHashVersion.current.rawValue, 1])
    }

    @Test("A stored hash of a version this build does not know is named, not called a different response")
    func anUnknownHashVersionIsNamed() throws {
        let queue = try DatabaseQueue()
        let database = try AppDatabase(queue)
        _ = try ingest(database, [response("a")])
        try queue.write { db in try db.execute(sql: "UPDATE survey_response SET hash_version = 99") }
        do {
            _ = try ingest(database, [response("a")])
            Issue.record("expected an error")
        } catch let StoreError.corrupt(what) {
            #expect(what.contains("hash_version = 99") && what.contains("response a of survey practitioner-2022-23"))
        }
    }

    @Test("The same response hashes alike at every version it is compared at, and differently when an answer changes")
    func hashVersionsAreStable() {
        var changed = response("a")
        changed.confidence = 2
        for version in ContentHashVersion.allCases {
            #expect(response("a").contentHash(version: version) == response("a").contentHash(version: version))
            #expect(response("a").contentHash(version: version) != changed.contentHash(version: version))
        }
        #expect(response("a").contentHash == response("a").contentHash(version: .current))
    }
}
