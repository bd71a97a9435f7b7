import AllotCore
import Foundation
import Logging
import PostgresNIO

/// Adds the rows of one survey import on PostgreSQL, inside its held transaction. `SurveyImportWriter.add` answers at
/// once (inserted, unchanged or a conflict), so the writer knows each survey's stored rows before the first row of it:
/// on a survey's first row it takes the survey's advisory lock (two imports of one survey take turns, as SQLite's
/// single writer makes them), then reads the survey's stored response hashes and refusal ids. Each row is then decided
/// in memory exactly as SQLite's writer decides it against the table, and new rows are queued and written
/// `batchSize` at a time in one multi-row INSERT each, rather than one round trip a row.
final class PostgresImportWriter: SurveyImportWriter {
    private let held: PostgresHeldTransaction
    private let importID: Int64
    /// Rows per INSERT: 26 values a response row, well under PostgreSQL's 65,535 parameters a statement.
    static let batchSize = 1_000

    /// Per survey: stored (and queued) responses' hash and hash version, and refusal ids.
    private var responses: [String: [String: (hash: String, version: Int)]] = [:]
    private var refusals: [String: Set<String>] = [:]
    private var pendingResponses: [SurveyResponse] = []
    private var pendingRefusals: [(survey: String, responseID: String)] = []

    init(held: PostgresHeldTransaction, importID: Int64) {
        self.held = held
        self.importID = importID
    }

    private var logger: Logger { held.store.logger }

    private func ensureSurvey(_ id: String) throws {
        guard responses[id] == nil else { return }
        let logger = self.logger
        let sid = SurveyID(id)
        let (kind, year) = (sid.kind, sid.academicYear)
        let known = try held.run { connection -> KnownRows in
            try await connection.query("SELECT pg_advisory_xact_lock(hashtextextended(\("survey:" + id), 0))", logger: logger)
            try await connection.query("""
                INSERT INTO survey (id, kind, academic_year, created_at) VALUES (\(id), \(kind), \(year), \(Date().postgres))
                ON CONFLICT (id) DO NOTHING
                """, logger: logger)
            let stored = try await connection.query(
                "SELECT response_id, content_hash, hash_version FROM survey_response WHERE survey = \(id)", logger: logger
            ).collect().map { try $0.decode((String, String, Int64).self) }
            let refused = try await connection.query("SELECT response_id FROM survey_refusal WHERE survey = \(id)", logger: logger)
                .collect().map { try $0.decode(String.self) }
            return KnownRows(responses: stored.map { KnownRows.Stored(id: $0.0, hash: $0.1, version: Int($0.2)) }, refusals: refused)
        }
        var stored: [String: (hash: String, version: Int)] = [:]
        stored.reserveCapacity(known.responses.count)
        for row in known.responses { stored[row.id] = (row.hash, row.version) }
        responses[id] = stored
        refusals[id] = Set(known.refusals)
    }

    func add(_ response: SurveyResponse) throws -> ImportOutcome {
        try ensureSurvey(response.survey)
        if refusals[response.survey]?.contains(response.responseID) == true {
            throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
        }
        if let stored = responses[response.survey]?[response.responseID] {
            // Like with like: the stored hash against this response's hash of the same version.
            guard let version = ContentHashVersion(rawValue: stored.version) else {
                throw StoreError.corrupt("survey_response.hash_version = \(stored.version) for response \(response.responseID) of survey "
                    + "\(response.survey): a hash version this build does not know (stored by a newer Allot?)")
            }
            guard stored.hash == ResponseColumns.hashText(response, version: version) else {
                throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
            }
            return .unchanged
        }
        responses[response.survey]?[response.responseID] = (ResponseColumns.hashText(response), ContentHashVersion.current.rawValue)
        pendingResponses.append(response)
        if pendingResponses.count >= Self.batchSize { try flushResponses() }
        return .inserted
    }

    func addRefusal(survey: String, responseID: String) throws -> ImportOutcome {
        try ensureSurvey(survey)
        if responses[survey]?[responseID] != nil {
            throw StoreError.conflictingResponse(survey: survey, responseID: responseID)
        }
        guard refusals[survey, default: []].insert(responseID).inserted else { return .unchanged }
        pendingRefusals.append((survey, responseID))
        if pendingRefusals.count >= Self.batchSize { try flushRefusals() }
        return .inserted
    }

    /// Writes whatever is queued; the import calls it before it records its counts.
    func flush() throws {
        try flushResponses()
        try flushRefusals()
    }

    private func flushResponses() throws {
        guard !pendingResponses.isEmpty else { return }
        var sink = BindingsSink()
        var rows: [String] = []
        rows.reserveCapacity(pendingResponses.count)
        for response in pendingResponses {
            let first = sink.binds.count + 1
            ResponseColumns.write(response, to: &sink)
            sink.integer(importID)
            rows.append("(" + (first...sink.binds.count).map { "$\($0)" }.joined(separator: ", ") + ")")
        }
        pendingResponses.removeAll(keepingCapacity: true)
        // No ON CONFLICT: every row was checked against the survey's stored rows under its lock, so a clash is a fault
        // and fails the import (a unique violation) rather than being skipped.
        let query = PostgresQuery(unsafeSQL: """
            INSERT INTO survey_response (\(ResponseColumns.names.joined(separator: ", ")), import_id) VALUES \(rows.joined(separator: ", "))
            """, binds: sink.binds)
        let logger = self.logger
        try held.run { connection in try await connection.query(query, logger: logger) }
    }

    private func flushRefusals() throws {
        guard !pendingRefusals.isEmpty else { return }
        let surveys = pendingRefusals.map(\.survey), ids = pendingRefusals.map(\.responseID), importID = self.importID
        pendingRefusals.removeAll(keepingCapacity: true)
        let logger = self.logger
        try held.run { connection in
            try await connection.query("""
                INSERT INTO survey_refusal (survey, response_id, import_id)
                SELECT survey, response_id, \(importID) FROM unnest(\(surveys)::text[], \(ids)::text[]) AS r (survey, response_id)
                """, logger: logger)
        }
    }
}

/// A survey's stored rows, passed out of the bridged task.
private struct KnownRows: Sendable {
    struct Stored: Sendable {
        let id: String
        let hash: String
        let version: Int
    }

    let responses: [Stored]
    let refusals: [String]
}

/// Collects a response's column values as query bindings, in `ResponseColumns.names` order.
private struct BindingsSink: ResponseColumnSink {
    var binds = PostgresBindings()
    mutating func text(_ value: String?) { binds.append(value) }
    mutating func integer(_ value: Int64?) { binds.append(value) }
}
