import AllotCore
import Foundation
import GRDB
import PostgresNIO

/// `SurveyRepository` on the PostgreSQL store. An import is one transaction on one held connection (see
/// `PostgresHeldTransaction`): whole file or nothing. Its rows are written in batches (`PostgresImportWriter`), since a
/// file may hold a hundred thousand rows and more.
public struct PostgresSurveyRepository: SurveyRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    /// Rows read per round trip by `forEachResponse`.
    static let readBatch = 2_000

    public func importResponses<T>(from source: ImportSource,
                                   _ body: (any SurveyImportWriter) throws -> (T, ImportCounts, sha256: String?)) throws -> T {
        try PostgresHeldTransaction.run(on: store) { held in
            let logger = store.logger
            let importID = try held.run { connection in
                try await PostgresTaxonomyMeanings.reconcile(on: connection, logger: logger)
                return try await connection.query("""
                    INSERT INTO survey_import (file_name, file_sha256, mapping, imported_at, inserted, unchanged, refusals, rejected)
                    VALUES (\(source.fileName), '', \(source.mapping), \(Date().postgres), 0, 0, 0, 0) RETURNING id
                    """, logger: logger).collect().first!.decode(Int64.self)
            }
            let writer = PostgresImportWriter(held: held, importID: importID)
            let (result, counts, digest) = try body(writer)
            try writer.flush()
            // An import without its file's digest would leave an audit row that proves nothing: refuse it whole.
            guard let sha = digest, !sha.isEmpty else { throw StoreError.corrupt("an import of \(source.fileName) came without its file's SHA-256") }
            try held.run { connection in
                try await connection.query("""
                    UPDATE survey_import SET file_sha256 = \(sha), mapping = \(counts.mapping ?? source.mapping), inserted = \(Int64(counts.inserted)),
                        unchanged = \(Int64(counts.unchanged)), refusals = \(Int64(counts.refusals)),
                        refusals_unchanged = \(Int64(counts.refusalsUnchanged)), rejected = \(Int64(counts.rejected))
                    WHERE id = \(importID)
                    """, logger: logger)
            }
            return result
        }
    }

    /// By id in byte order (as SQLite orders them).
    public func surveys() throws -> [StoredSurvey] {
        try store.wait {
            try await store.rows("""
                SELECT s.id, s.kind, s.academic_year,
                       (SELECT COUNT(*) FROM survey_response r WHERE r.survey = s.id),
                       (SELECT COUNT(*) FROM survey_refusal f WHERE f.survey = s.id)
                FROM survey s ORDER BY s.id COLLATE "C"
                """).map { row in
                let (id, kind, year, responses, refusals) = try row.decode((String, String?, String?, Int64, Int64).self)
                return StoredSurvey(id: id, kind: kind, academicYear: year, responses: Int(responses), refusals: Int(refusals))
            }
        }
    }

    public func refusalCount(survey: String) throws -> Int {
        try store.wait { Int(try await store.rows("SELECT COUNT(*) FROM survey_refusal WHERE survey = \(survey)").first!.decode(Int64.self)) }
    }

    /// Ordered by response id in byte order (as SQLite orders them), read through a cursor in batches, so a large survey
    /// is never held in memory whole and every batch comes from the one snapshot the cursor was opened on.
    public func forEachResponse(survey: String, _ body: (SurveyResponse) throws -> Void) throws {
        try PostgresHeldTransaction.run(on: store) { held in
            let logger = store.logger
            let known = try held.run { connection in
                try await PostgresTaxonomyMeanings.reconcile(on: connection, logger: logger)
                return try await !connection.query("SELECT 1 FROM survey WHERE id = \(survey)", logger: logger).collect().isEmpty
            }
            guard known else { throw StoreError.unknownSurvey(survey) }
            try held.run { connection in
                try await connection.query("""
                    DECLARE responses NO SCROLL CURSOR FOR
                    SELECT \(unescaped: ResponseColumns.names.joined(separator: ", ")) FROM survey_response
                    WHERE survey = \(survey) ORDER BY response_id COLLATE "C"
                    """, logger: logger)
            }
            while true {
                let batch = try held.run { connection in
                    try await connection.query("FETCH \(unescaped: String(Self.readBatch)) FROM responses", logger: logger).collect()
                        .map(PostgresResponseRow.decode)
                }
                for response in batch { try body(response) }
                if batch.count < Self.readBatch { break }
            }
        }
    }
}

/// `survey_response` rows read back: each as the GRDB `Row` `ResponseColumns.decode` reads, so both stores decode a
/// response by one set of rules.
enum PostgresResponseRow {
    static func decode(_ row: PostgresRow) throws -> SurveyResponse {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for (name, cell) in zip(ResponseColumns.names, row) {
            switch cell.dataType {
            case .text, .varchar:
                values[name] = try cell.decode(String?.self)
            case .int8, .int4, .int2:
                values[name] = try cell.decode(Int64?.self)
            default:
                throw ServiceStoreError.corrupt("survey_response.\(name) of type \(cell.dataType)")
            }
        }
        return try ResponseColumns.decode(Row(values))
    }
}
