import AllotCore
import Foundation
import GRDB

/// The survey repository on the SQLite store.
public struct SQLiteSurveyRepository: SurveyRepository {
    public let database: AppDatabase

    public init(_ database: AppDatabase) { self.database = database }

    public func importResponses<T>(from source: ImportSource,
                                   _ body: (any SurveyImportWriter) throws -> (T, ImportCounts, sha256: String?)) throws -> T {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO survey_import (file_name, file_sha256, mapping, imported_at, inserted, unchanged, refusals, rejected)
                VALUES (?, '', ?, ?, 0, 0, 0, 0)
                """, arguments: [source.fileName, source.mapping, ISO8601DateFormatter().string(from: Date())])
            let importID = db.lastInsertedRowID
            let writer = try SQLiteImportWriter(db: db, importID: importID)
            let (result, counts, digest) = try body(writer)
            // An import without its file's digest would leave an audit row that proves nothing: refuse it whole.
            guard let sha = digest, !sha.isEmpty else { throw StoreError.corrupt("an import of \(source.fileName) came without its file's SHA-256") }
            try db.execute(sql: """
                UPDATE survey_import SET file_sha256 = ?, mapping = ?, inserted = ?, unchanged = ?, refusals = ?, refusals_unchanged = ?,
                    rejected = ? WHERE id = ?
                """, arguments: [sha, counts.mapping ?? source.mapping, counts.inserted, counts.unchanged, counts.refusals,
                                 counts.refusalsUnchanged, counts.rejected, importID])
            return result
        }
    }

    public func surveys() throws -> [StoredSurvey] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.kind, s.academic_year,
                       (SELECT COUNT(*) FROM survey_response r WHERE r.survey = s.id) AS responses,
                       (SELECT COUNT(*) FROM survey_refusal f WHERE f.survey = s.id) AS refusals
                FROM survey s ORDER BY s.id
                """).map { row in
                StoredSurvey(id: row["id"], kind: row["kind"], academicYear: row["academic_year"],
                             responses: row["responses"], refusals: row["refusals"])
            }
        }
    }

    public func refusalCount(survey: String) throws -> Int {
        try database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_refusal WHERE survey = ?", arguments: [survey]) ?? 0
        }
    }

    public func forEachResponse(survey: String, _ body: (SurveyResponse) throws -> Void) throws {
        try database.writer.read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM survey WHERE id = ?", arguments: [survey]) == true else {
                throw StoreError.unknownSurvey(survey)
            }
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM survey_response WHERE survey = ? ORDER BY response_id", arguments: [survey])
            while let row = try cursor.next() { try body(try ResponseColumns.decode(row)) }
        }
    }
}

/// Inserts rows of one import with prepared statements.
final class SQLiteImportWriter: SurveyImportWriter {
    private let db: Database
    private let importID: Int64
    /// Bound in place, value by value (a million rows a file; see `RawInsert`).
    private let insertResponse: RawInsert
    private let insertRefusal: Statement
    private var knownSurveys = Set<String>()
    /// Refusal ids per survey, loaded once per survey so consented rows need no extra query.
    private var refusals: [String: Set<String>] = [:]

    init(db: Database, importID: Int64) throws {
        self.db = db
        self.importID = importID
        insertResponse = try RawInsert(db, sql: """
            INSERT INTO survey_response (\(ResponseColumns.names.joined(separator: ", ")), import_id)
            VALUES (\(Array(repeating: "?", count: ResponseColumns.names.count + 1).joined(separator: ", ")))
            ON CONFLICT (survey, response_id) DO NOTHING
            """)
        insertRefusal = try db.makeStatement(sql: """
            INSERT INTO survey_refusal (survey, response_id, import_id) VALUES (?, ?, ?)
            ON CONFLICT (survey, response_id) DO NOTHING
            """)
    }

    private func ensureSurvey(_ id: String) throws {
        guard !knownSurveys.contains(id) else { return }
        let sid = SurveyID(id)
        try db.execute(sql: """
            INSERT INTO survey (id, kind, academic_year, created_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """, arguments: [id, sid.kind, sid.academicYear, ISO8601DateFormatter().string(from: Date())])
        refusals[id] = Set(try String.fetchAll(db, sql: "SELECT response_id FROM survey_refusal WHERE survey = ?", arguments: [id]))
        knownSurveys.insert(id)
    }

    func add(_ response: SurveyResponse) throws -> ImportOutcome {
        try ensureSurvey(response.survey)
        if refusals[response.survey]?.contains(response.responseID) == true {
            throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
        }
        var insert = insertResponse
        ResponseColumns.write(response, to: &insert)
        insert.integer(importID)
        if try insert.run() > 0 { return .inserted }
        let row = try Row.fetchOne(db, sql: "SELECT content_hash, hash_version FROM survey_response WHERE survey = ? AND response_id = ?",
                                   arguments: [response.survey, response.responseID])
        let storedVersion: Int = row?["hash_version"] ?? 0
        // Like with like: the stored hash against this response's hash of the same version.
        guard let version = ContentHashVersion(rawValue: storedVersion) else {
            throw StoreError.corrupt("survey_response.hash_version = \(storedVersion) for response \(response.responseID) of survey "
                + "\(response.survey): a hash version this build does not know (stored by a newer Allot?)")
        }
        guard row?["content_hash"] == ResponseColumns.hashText(response, version: version) else {
            throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
        }
        return .unchanged
    }

    func addRefusal(survey: String, responseID: String) throws -> ImportOutcome {
        try ensureSurvey(survey)
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM survey_response WHERE survey = ? AND response_id = ?", arguments: [survey, responseID]) == true {
            throw StoreError.conflictingResponse(survey: survey, responseID: responseID)
        }
        try insertRefusal.execute(arguments: [survey, responseID, importID])
        refusals[survey, default: []].insert(responseID)
        return db.changesCount > 0 ? .inserted : .unchanged
    }
}
