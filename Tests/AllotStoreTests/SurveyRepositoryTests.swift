import AllotCore
import AllotStore
import Foundation
import Testing

/// The survey repository's promises, run on SQLite and, in `OnPostgres`, on PostgreSQL when a server is configured.
@Suite struct SurveyRepositoryTests {
    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> any SurveyRepository {
            switch self {
            case .sqlite:
                SQLiteSurveyRepository(try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-store-\(UUID().uuidString)")))
            case .memory:
                MemorySurveyRepository(MemoryStore())
            }
        }
    }

    @Test(arguments: Implementation.allCases)
    func aResponseReadsBackExactlyAsStored(_ implementation: Implementation) throws { try Self.aResponseReadsBackExactlyAsStored(implementation.make()) }

    @Test(arguments: Implementation.allCases)
    func ingestingTheSameResponsesTwiceCountsThemOnce(_ implementation: Implementation) throws { try Self.ingestingTheSameResponsesTwiceCountsThemOnce(implementation.make()) }

    @Test(arguments: Implementation.allCases)
    func aConflictingResponseRollsBackTheWholeImport(_ implementation: Implementation) throws { try Self.aConflictingResponseRollsBackTheWholeImport(implementation.make()) }

    @Test("an import without its file's SHA-256 is refused whole, so the audit trail never records an empty hash", arguments: Implementation.allCases)
    func anImportWithoutItsDigestIsRefused(_ implementation: Implementation) throws { try Self.anImportWithoutItsDigestIsRefused(implementation.make()) }

    @Test(arguments: Implementation.allCases)
    func anUnknownSurveyIsAnError(_ implementation: Implementation) throws { try Self.anUnknownSurveyIsAnError(implementation.make()) }

    @Test("a large import is stored whole, read back in response-id order, and counted once when repeated", arguments: Implementation.allCases)
    func aLargeImport(_ implementation: Implementation) throws { try Self.aLargeImport(implementation.make()) }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test func aResponseReadsBackExactlyAsStored() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.aResponseReadsBackExactlyAsStored(PostgresSurveyRepository($0)) }
        }

        @Test func ingestingTheSameResponsesTwiceCountsThemOnce() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.ingestingTheSameResponsesTwiceCountsThemOnce(PostgresSurveyRepository($0)) }
        }

        @Test func aConflictingResponseRollsBackTheWholeImport() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.aConflictingResponseRollsBackTheWholeImport(PostgresSurveyRepository($0)) }
        }

        @Test("an import without its file's SHA-256 is refused whole, so the audit trail never records an empty hash")
        func anImportWithoutItsDigestIsRefused() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.anImportWithoutItsDigestIsRefused(PostgresSurveyRepository($0)) }
        }

        @Test func anUnknownSurveyIsAnError() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.anUnknownSurveyIsAnError(PostgresSurveyRepository($0)) }
        }

        @Test("a large import is stored whole, read back in response-id order, and counted once when repeated")
        func aLargeImport() async throws {
            try await PostgresTestDatabase.withAsyncStore { try SurveyRepositoryTests.aLargeImport(PostgresSurveyRepository($0)) }
        }
    }
}

extension SurveyRepositoryTests {
    static func response(_ id: String, hours: Int64 = 5, barriers: [Int]? = [0, 2]) -> SurveyResponse {
        SurveyResponse(survey: "practitioner-2022-23", responseID: id, sector: 1, role: 0, council: 15,
                       postcodeText: "IV1 1AA", postcodeIsValid: true,
                       enrichment: PostcodeEnrichment(dataZone: "S01010001", council: 15, simdRank: 10, simdDecile: 1, simdQuintile: 1, urbanRural6: 6),
                       hoursMilli: hours * 1000, easeOfAccess: 1, barriers: barriers.map(CodeSet.init), priorities: CodeSet([20]),
                       confidence: 3, flags: [.councilFromPostcode])
    }

    static func load(_ repo: any SurveyRepository, _ rows: [SurveyResponse], refusals: [String] = []) throws -> ImportCounts {
        try repo.importResponses(from: ImportSource(fileName: "t.csv", mapping: "canonical")) { writer in
            var counts = ImportCounts()
            for r in rows { if try writer.add(r) == .inserted { counts.inserted += 1 } else { counts.unchanged += 1 } }
            for id in refusals { if try writer.addRefusal(survey: "practitioner-2022-23", responseID: id) == .inserted { counts.refusals += 1 } }
            return (counts, counts, sha256: "0123abcd")
        }
    }

    static func aResponseReadsBackExactlyAsStored(_ repo: any SurveyRepository) throws {
        _ = try load(repo, [response("a"), response("b", barriers: nil)])
        var back: [SurveyResponse] = []
        try repo.forEachResponse(survey: "practitioner-2022-23") { back.append($0) }
        var expected = [response("a"), response("b", barriers: nil)]
        for i in expected.indices { expected[i].enrichment?.council = nil }
        #expect(back == expected)
    }

    static func ingestingTheSameResponsesTwiceCountsThemOnce(_ repo: any SurveyRepository) throws {
        let first = try load(repo, [response("a"), response("b")], refusals: ["c"])
        let second = try load(repo, [response("a"), response("b")], refusals: ["c"])
        #expect(first.inserted == 2 && first.refusals == 1)
        #expect(second.inserted == 0 && second.unchanged == 2 && second.refusals == 0)
        let surveys = try repo.surveys()
        #expect(surveys.map(\.responses) == [2] && surveys.map(\.refusals) == [1])
    }

    static func aConflictingResponseRollsBackTheWholeImport(_ repo: any SurveyRepository) throws {
        _ = try load(repo, [response("a")])
        #expect(throws: StoreError.conflictingResponse(survey: "practitioner-2022-23", responseID: "a")) {
            _ = try load(repo, [response("z"), response("a", hours: 9)])
        }
        #expect(try repo.surveys().first?.responses == 1)
        #expect(throws: StoreError.self) { _ = try load(repo, [], refusals: ["a"]) }
        #expect(try repo.refusalCount(survey: "practitioner-2022-23") == 0)
        #expect(throws: StoreError.conflictingResponse(survey: "practitioner-2022-23", responseID: "d"), "one file's answer and refusal clash") {
            _ = try load(repo, [response("d")], refusals: ["d"])
        }
        #expect(try load(repo, [response("e"), response("e")]).unchanged == 1, "a row repeated in one file is stored once")
    }

    static func anImportWithoutItsDigestIsRefused(_ repo: any SurveyRepository) throws {
        #expect(throws: StoreError.self) {
            try repo.importResponses(from: ImportSource(fileName: "t.csv", mapping: "canonical")) { writer in
                _ = try writer.add(response("a"))
                return ((), ImportCounts(), sha256: nil)
            }
        }
        #expect(try repo.surveys().isEmpty)
    }

    static func anUnknownSurveyIsAnError(_ repo: any SurveyRepository) throws {
        #expect(throws: StoreError.unknownSurvey("nope")) { try repo.forEachResponse(survey: "nope") { _ in } }
    }

    static func aLargeImport(_ repo: any SurveyRepository) throws {
        // More rows than one write batch and one read batch hold, written in no particular order.
        let ids = (0..<5_003).map { String(format: "r%05d", ($0 * 7_919) % 5_003) }
        let rows = ids.map { response($0, hours: Int64($0.dropFirst())! % 40) }
        let first = try load(repo, rows, refusals: (0..<1_500).map { "x\($0)" })
        #expect(first.inserted == 5_003 && first.refusals == 1_500)
        var back: [String] = []
        try repo.forEachResponse(survey: "practitioner-2022-23") { back.append($0.responseID) }
        #expect(back == ids.sorted())
        let second = try load(repo, rows, refusals: (0..<1_500).map { "x\($0)" })
        #expect(second.inserted == 0 && second.unchanged == 5_003 && second.refusals == 0)
        #expect(try repo.refusalCount(survey: "practitioner-2022-23") == 1_500)
    }
}
