import AllotCore
import AllotStore
import Foundation
import Testing

@Suite struct SurveyRepositoryTests {
    private func store() throws -> SQLiteSurveyRepository {
        let dir = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-store-\(UUID().uuidString)")
        return SQLiteSurveyRepository(try AppDatabase.open(dataDirectory: dir))
    }

    private func response(_ id: String, hours: Int64 = 5, barriers: [Int]? = [0, 2]) -> SurveyResponse {
        SurveyResponse(survey: "practitioner-2022-23", responseID: id, sector: 1, role: 0, council: 15,
                       postcodeText: "IV1 1AA", postcodeIsValid: true,
                       enrichment: PostcodeEnrichment(dataZone: "S01010001", simdRank: 10, simdDecile: 1, simdQuintile: 1, urbanRural6: 6),
                       hoursMilli: hours * 1000, easeOfAccess: 1, barriers: barriers.map(CodeSet.init), priorities: CodeSet([20]),
                       confidence: 3, flags: [.councilFromPostcode])
    }

    private func load(_ repo: SQLiteSurveyRepository, _ rows: [SurveyResponse], refusals: [String] = []) throws -> ImportCounts {
        try repo.importResponses(from: ImportSource(fileName: "t.csv", mapping: "canonical")) { writer in
            var counts = ImportCounts()
            for r in rows { if try writer.add(r) == .inserted { counts.inserted += 1 } else { counts.unchanged += 1 } }
            for id in refusals { if try writer.addRefusal(survey: "practitioner-2022-23", responseID: id) == .inserted { counts.refusals += 1 } }
            return (counts, counts, sha256: "0123abcd")
        }
    }

    @Test func aResponseReadsBackExactlyAsStored() throws {
        let repo = try store()
        _ = try load(repo, [response("a"), response("b", barriers: nil)])
        var back: [SurveyResponse] = []
        try repo.forEachResponse(survey: "practitioner-2022-23") { back.append($0) }
        var expected = [response("a"), response("b", barriers: nil)]
        for i in expected.indices { expected[i].enrichment?.council = nil }
        #expect(back == expected)
    }

    @Test func ingestingTheSameResponsesTwiceCountsThemOnce() throws {
        let repo = try store()
        let first = try load(repo, [response("a"), response("b")], refusals: ["c"])
        let second = try load(repo, [response("a"), response("b")], refusals: ["c"])
        #expect(first.inserted == 2 && first.refusals == 1)
        #expect(second.inserted == 0 && second.unchanged == 2 && second.refusals == 0)
        let surveys = try repo.surveys()
        #expect(surveys.map(\.responses) == [2] && surveys.map(\.refusals) == [1])
    }

    @Test func aConflictingResponseRollsBackTheWholeImport() throws {
        let repo = try store()
        _ = try load(repo, [response("a")])
        #expect(throws: StoreError.conflictingResponse(survey: "practitioner-2022-23", responseID: "a")) {
            _ = try load(repo, [response("z"), response("a", hours: 9)])
        }
        #expect(try repo.surveys().first?.responses == 1)
        #expect(throws: StoreError.self) { _ = try load(repo, [], refusals: ["a"]) }
        #expect(try repo.refusalCount(survey: "practitioner-2022-23") == 0)
    }

    @Test("an import without its file's SHA-256 is refused whole, so the audit trail never records an empty hash")
    func anImportWithoutItsDigestIsRefused() throws {
        let repo = try store()
        #expect(throws: StoreError.self) {
            try repo.importResponses(from: ImportSource(fileName: "t.csv", mapping: "canonical")) { writer in
                _ = try writer.add(response("a"))
                return ((), ImportCounts(), sha256: nil)
            }
        }
        #expect(try repo.surveys().isEmpty)
    }

    @Test func anUnknownSurveyIsAnError() throws {
        #expect(throws: StoreError.unknownSurvey("nope")) { try store().forEachResponse(survey: "nope") { _ in } }
    }
}
