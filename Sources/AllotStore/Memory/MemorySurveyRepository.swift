import AllotCore
import Foundation

/// `SurveyRepository` in memory. An import is one write: its rows, refusals and audit record are kept together, or
/// none of them when the import throws.
public struct MemorySurveyRepository: SurveyRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func importResponses<T>(from source: ImportSource,
                                   _ body: (any SurveyImportWriter) throws -> (T, ImportCounts, sha256: String?)) throws -> T {
        try store.write { tables in
            let writer = MemoryImportWriter(tables: tables)
            // The writer's copy is then the only one, so its first change copies each table it touches once, not twice.
            tables = MemoryTables()
            let (result, counts, digest) = try body(writer)
            // As on SQLite: an import without its file's digest would leave an audit record that proves nothing.
            guard let sha = digest, !sha.isEmpty else { throw StoreError.corrupt("an import of \(source.fileName) came without its file's SHA-256") }
            tables = writer.tables
            tables.imports.append(MemoryImport(source: source, sha256: sha, counts: counts, at: Date()))
            return result
        }
    }

    public func surveys() throws -> [StoredSurvey] {
        store.read { tables in
            tables.surveys.sorted { ByteOrder.less($0.key, $1.key) }.map { id, survey in
                StoredSurvey(id: id, kind: survey.kind, academicYear: survey.academicYear,
                             responses: tables.responses[id]?.count ?? 0, refusals: tables.refusals[id]?.count ?? 0)
            }
        }
    }

    public func forEachResponse(survey: String, _ body: (SurveyResponse) throws -> Void) throws {
        // Read under the lock, visited after it: `body` may read the store again.
        let responses = try store.read { tables -> [SurveyResponse] in
            guard tables.surveys[survey] != nil else { throw StoreError.unknownSurvey(survey) }
            return (tables.responses[survey] ?? [:]).values.sorted { ByteOrder.less($0.responseID, $1.responseID) }
        }
        for response in responses { try body(response) }
    }

    public func refusalCount(survey: String) throws -> Int {
        store.read { $0.refusals[survey]?.count ?? 0 }
    }
}

/// Adds an import's rows to a working copy of the tables, with the SQLite writer's rules: a response id is one set of
/// answers (the same answers again are unchanged, other answers a conflict), and a refused id is never a response.
final class MemoryImportWriter: SurveyImportWriter {
    var tables: MemoryTables

    init(tables: MemoryTables) { self.tables = tables }

    private func ensureSurvey(_ id: String) {
        guard tables.surveys[id] == nil else { return }
        let sid = SurveyID(id)
        tables.surveys[id] = MemorySurvey(kind: sid.kind, academicYear: sid.academicYear)
    }

    func add(_ response: SurveyResponse) throws -> ImportOutcome {
        ensureSurvey(response.survey)
        if tables.refusals[response.survey]?.contains(response.responseID) == true {
            throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
        }
        if let stored = tables.responses[response.survey]?[response.responseID] {
            guard stored.contentHash(version: .current) == response.contentHash(version: .current) else {
                throw StoreError.conflictingResponse(survey: response.survey, responseID: response.responseID)
            }
            return .unchanged
        }
        tables.responses[response.survey, default: [:]][response.responseID] = Self.asStored(response)
        return .inserted
    }

    /// The response as the SQL stores read it back (`ResponseColumns`): the postcode lookup's council is not kept (the
    /// stated one is), and an enrichment with nothing left in it is none.
    static func asStored(_ response: SurveyResponse) -> SurveyResponse {
        var stored = response
        if var enrichment = stored.enrichment {
            enrichment.council = nil
            let empty = enrichment.dataZone == nil && enrichment.simdRank == nil && enrichment.simdDecile == nil
                && enrichment.simdQuintile == nil && enrichment.urbanRural6 == nil
            stored.enrichment = empty ? nil : enrichment
        }
        return stored
    }

    func addRefusal(survey: String, responseID: String) throws -> ImportOutcome {
        ensureSurvey(survey)
        if tables.responses[survey]?[responseID] != nil {
            throw StoreError.conflictingResponse(survey: survey, responseID: responseID)
        }
        return tables.refusals[survey, default: []].insert(responseID).inserted ? .inserted : .unchanged
    }
}
