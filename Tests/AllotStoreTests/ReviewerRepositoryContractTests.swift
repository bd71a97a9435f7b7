import AllotStore
import Foundation
import Testing

/// One suite, every implementation: what the server relies on from a `ReviewerRepository`, whichever store holds it.
@Suite("Every reviewer repository keeps the same promises")
struct ReviewerRepositoryContractTests {
    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> any ReviewerRepository {
            switch self {
            case .sqlite:
                SQLiteReviewerRepository(try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-reviewers-\(UUID().uuidString)")))
            case .memory:
                MemoryReviewerRepository(MemoryStore())
            }
        }
    }

    @Test("Saving a known reviewer updates its name and email; reviewers are listed by id in byte order",
          arguments: Implementation.allCases)
    func saveAndList(_ implementation: Implementation) throws {
        try Self.saveAndList(implementation.make())
    }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test("Saving a known reviewer updates its name and email; reviewers are listed by id in byte order")
        func saveAndList() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try ReviewerRepositoryContractTests.saveAndList(PostgresReviewerRepository(store)) }
        }
    }

    static func saveAndList(_ reviewers: any ReviewerRepository) throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try reviewers.save(ReviewerRecord(id: "rev-b", name: "Bea", email: "bea@example.org"), at: at)
        try reviewers.save(ReviewerRecord(id: "Rev-Z", name: "Zed"), at: at)
        try reviewers.save(ReviewerRecord(id: "rev-a", name: "Ann"), at: at)
        try reviewers.save(ReviewerRecord(id: "rev-b", name: "Beatrice", email: nil), at: at.addingTimeInterval(60))
        #expect(try reviewers.all().map(\.id) == ["Rev-Z", "rev-a", "rev-b"], "byte order: capitals first")
        #expect(try reviewers.find("rev-b") == ReviewerRecord(id: "rev-b", name: "Beatrice", email: nil), "saved again: replaced")
        #expect(try reviewers.find("rev-missing") == nil)
    }
}
