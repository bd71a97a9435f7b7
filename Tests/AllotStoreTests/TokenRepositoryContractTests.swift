import AllotStore
import Foundation
import Testing

/// One suite, every implementation: what the server relies on from a `TokenRepository`, whichever store holds it.
/// The promises are checked by the static functions below; the tests run them on SQLite and in memory, and, in
/// `OnPostgres`, on PostgreSQL when a server is configured.
@Suite("Every token repository keeps the same promises")
struct TokenRepositoryContractTests {
    /// A repository under test and how to count the activity entries kept with its changes.
    struct Subject {
        let tokens: any TokenRepository
        let kept: () throws -> Int
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> Subject {
            switch self {
            case .sqlite:
                let database = try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-tokens-\(UUID().uuidString)"))
                return Subject(tokens: SQLiteTokenRepository(database), kept: { try SQLiteActivityRepository(database).entries(ActivityFilter()).count })
            case .memory:
                let memory = MemoryTokenRepository()
                return Subject(tokens: memory, kept: { memory.activity.count })
            }
        }
    }

    @Test("Tokens are found by hash while unrevoked, listed by creation time, and revoked once, each change with its entry",
          arguments: Implementation.allCases)
    func findListRevoke(_ implementation: Implementation) throws {
        try Self.findListRevoke(implementation.make())
    }

    @Test("Use is noted at most once a minute", arguments: Implementation.allCases)
    func useNotedOncePerMinute(_ implementation: Implementation) throws {
        try Self.useNotedOncePerMinute(implementation.make())
    }

    /// The same promises on PostgreSQL, each test on a database of its own. Skipped, and reported so, when
    /// ALLOT_TEST_DATABASE_URL is unset (a plain `swift test`); `make test` sets it.
    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        static func subject(_ store: PostgresStore) -> Subject {
            Subject(tokens: PostgresTokenRepository(store), kept: { try PostgresActivityRepository(store).entries(ActivityFilter()).count })
        }

        @Test("Tokens are found by hash while unrevoked, listed by creation time, and revoked once, each change with its entry")
        func findListRevoke() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try TokenRepositoryContractTests.findListRevoke(Self.subject(store)) }
        }

        @Test("Use is noted at most once a minute")
        func useNotedOncePerMinute() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try TokenRepositoryContractTests.useNotedOncePerMinute(Self.subject(store)) }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func record(_ id: String, at offset: TimeInterval) -> TokenRecord {
        TokenRecord(id: id, name: "name of \(id)", role: .analyst, reviewerID: nil, createdAt: t0.addingTimeInterval(offset))
    }

    static func entry(_ action: ActivityAction, _ subject: String) -> ActivityEntry {
        ActivityEntry(at: t0, actor: "tester (tok_0)", action: action, round: nil, subject: subject, summary: "\(action.rawValue) \(subject)")
    }

    static func findListRevoke(_ subject: Subject) throws {
        let (tokens, kept) = (subject.tokens, subject.kept)
        var used = record("tok_b", at: 10)
        used.lastUsedAt = t0
        try tokens.create(used, hash: "hash-b", activity: [entry(.tokenCreated, "tok_b")])
        #expect(try tokens.all().first?.lastUsedAt == nil, "use is noted by markUsed only, never by a create")
        try tokens.create(record("tok_a", at: 20), hash: "hash-a", activity: [entry(.tokenCreated, "tok_a")])
        #expect(throws: (any Error).self, "an id taken") {
            try tokens.create(record("tok_a", at: 30), hash: "hash-other", activity: [entry(.tokenCreated, "again")])
        }
        #expect(try kept() == 2, "a refused create keeps no entry")
        #expect(try tokens.all().map(\.id) == ["tok_b", "tok_a"], "by creation time, not by id")
        #expect(try tokens.find(hash: "hash-a")?.id == "tok_a")
        #expect(try tokens.find(hash: "nope") == nil)

        #expect(try tokens.revoke(id: "tok_a", at: t0.addingTimeInterval(40), activity: [entry(.tokenRevoked, "tok_a")]))
        #expect(try !tokens.revoke(id: "tok_a", at: t0.addingTimeInterval(50), activity: [entry(.tokenRevoked, "tok_a")]), "once")
        #expect(try !tokens.revoke(id: "tok_missing", at: t0, activity: [entry(.tokenRevoked, "tok_missing")]))
        #expect(try kept() == 3, "only the revocation that happened keeps its entry")
        #expect(try tokens.find(hash: "hash-a") == nil, "a revoked token signs nothing in")
        #expect(try tokens.all().first { $0.id == "tok_a" }?.revokedAt == t0.addingTimeInterval(40))
    }

    static func useNotedOncePerMinute(_ subject: Subject) throws {
        let tokens = subject.tokens
        try tokens.create(record("tok_u", at: 0), hash: "hash-u", activity: [])
        func lastUsed() throws -> Date? { try tokens.all().first?.lastUsedAt }
        #expect(try lastUsed() == nil)
        try tokens.markUsed(id: "tok_u", at: t0.addingTimeInterval(100))
        #expect(try lastUsed() == t0.addingTimeInterval(100))
        try tokens.markUsed(id: "tok_u", at: t0.addingTimeInterval(130))
        #expect(try lastUsed() == t0.addingTimeInterval(100), "within the minute: not written")
        try tokens.markUsed(id: "tok_u", at: t0.addingTimeInterval(161))
        #expect(try lastUsed() == t0.addingTimeInterval(161))
        try tokens.markUsed(id: "tok_missing", at: t0)
    }
}
