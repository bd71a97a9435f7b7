import AllotStore
import Foundation
import Testing

/// One suite, every implementation: what the web app's sign-in relies on from a `SignInRepository`. The promises are
/// the static functions below; the tests run them on SQLite and, in `OnPostgres`, on PostgreSQL when configured.
@Suite("Every sign-in repository keeps the same promises")
struct SignInRepositoryContractTests {
    /// A sign-in repository under test and the token repository on the same store.
    struct Subject {
        let signIn: any SignInRepository
        let tokens: any TokenRepository
        let kept: () throws -> Int
    }

    static func sqlite() throws -> Subject {
        let database = try AppDatabase.open(
            dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-sign-in-\(UUID().uuidString)"))
        return Subject(signIn: SQLiteSignInRepository(database), tokens: SQLiteTokenRepository(database),
                       kept: { try SQLiteActivityRepository(database).entries(ActivityFilter()).count })
    }

    static func memory() -> Subject {
        let store = MemoryStore()
        return Subject(signIn: MemorySignInRepository(store), tokens: MemoryTokenRepository(store), kept: { store.activity.count })
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository with its tokens.
        func make() throws -> Subject {
            switch self {
            case .sqlite: try SignInRepositoryContractTests.sqlite()
            case .memory: SignInRepositoryContractTests.memory()
            }
        }
    }

    @Test("A session is live until it expires, ends or its token is revoked", arguments: Implementation.allCases)
    func sessions(_ implementation: Implementation) throws { try Self.sessions(implementation.make()) }

    @Test("A link signs in once, for its own token, while unexpired; withdrawn links are not outstanding", arguments: Implementation.allCases)
    func links(_ implementation: Implementation) throws { try Self.links(implementation.make()) }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        static func subject(_ store: PostgresStore) -> Subject {
            Subject(signIn: PostgresSignInRepository(store), tokens: PostgresTokenRepository(store),
                    kept: { try PostgresActivityRepository(store).entries(ActivityFilter()).count })
        }

        @Test("A session is live until it expires, ends or its token is revoked")
        func sessions() async throws { try await PostgresTestDatabase.withAsyncStore { try SignInRepositoryContractTests.sessions(Self.subject($0)) } }

        @Test("A link signs in once, for its own token, while unexpired; withdrawn links are not outstanding")
        func links() async throws { try await PostgresTestDatabase.withAsyncStore { try SignInRepositoryContractTests.links(Self.subject($0)) } }
    }
}

extension SignInRepositoryContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func token(_ id: String, _ subject: Subject) throws {
        try subject.tokens.create(TokenRecord(id: id, name: id, role: .admin, reviewerID: nil, createdAt: t0), hash: "hash-\(id)", activity: [])
    }

    static func session(_ id: String, token: String, expires: TimeInterval = 3600) -> WebSession {
        WebSession(id: id, tokenID: token, csrf: "csrf-\(id)", createdAt: at(0), expiresAt: at(expires))
    }

    static func sessions(_ subject: Subject) throws {
        let signIn = subject.signIn
        try token("tok_a", subject)
        try token("tok_b", subject)
        try signIn.createSession(session("s1", token: "tok_a"), hash: "h1")
        try signIn.createSession(session("s2", token: "tok_a", expires: 100), hash: "h2")
        try signIn.createSession(session("s3", token: "tok_b"), hash: "h3")
        #expect(throws: (any Error).self, "a hash taken") { try signIn.createSession(session("s4", token: "tok_a"), hash: "h1") }

        let found = try #require(try signIn.session(hash: "h1", at: at(10)))
        #expect(found.session == session("s1", token: "tok_a") && found.token.id == "tok_a")
        #expect(try signIn.session(hash: "h2", at: at(99)) != nil)
        #expect(try signIn.session(hash: "h2", at: at(100)) == nil, "expired")
        #expect(try signIn.session(hash: "nope", at: at(10)) == nil)
        try signIn.endSession(hash: "h1", at: at(20))
        try signIn.endSession(hash: "h1", at: at(30))
        #expect(try signIn.session(hash: "h1", at: at(21)) == nil, "ended")
        #expect(try subject.tokens.revoke(id: "tok_b", at: at(40), activity: []))
        #expect(try signIn.session(hash: "h3", at: at(41)) == nil, "its token revoked")
    }

    static func links(_ subject: Subject) throws {
        let signIn = subject.signIn
        try token("tok_a", subject)
        try token("tok_b", subject)
        func link(_ id: String, token: String, created: TimeInterval = 0, expires: TimeInterval = 600) -> SignInLink {
            SignInLink(id: id, tokenID: token, createdAt: at(created), expiresAt: at(expires))
        }
        try signIn.createLink(link("l1", token: "tok_a"), hash: "lh1")
        try signIn.createLink(link("l2", token: "tok_a", created: 5), hash: "lh2")
        try signIn.createLink(link("l0", token: "tok_a", created: 5), hash: "lh0")
        try signIn.createLink(link("l3", token: "tok_b", created: 1, expires: 50), hash: "lh3")
        #expect(try signIn.outstandingLinks(at: at(10)).map(\.id) == ["l0", "l2", "l3", "l1"], "newest first, then by id")
        #expect(try signIn.link(hash: "lh1", at: at(10))?.token.id == "tok_a")

        #expect(try signIn.redeem(linkHash: "lh1", session: (session("s1", token: "tok_b"), hash: "sh0"), at: at(10)) == nil,
                "a session for another token")
        #expect(try signIn.session(hash: "sh0", at: at(11)) == nil)
        #expect(try signIn.redeem(linkHash: "lh1", session: (session("s1", token: "tok_a"), hash: "sh1"), at: at(10))?.id == "tok_a")
        #expect(try signIn.session(hash: "sh1", at: at(11))?.session.id == "s1")
        #expect(try signIn.redeem(linkHash: "lh1", session: (session("s2", token: "tok_a"), hash: "sh2"), at: at(12)) == nil, "once")
        #expect(try signIn.session(hash: "sh2", at: at(13)) == nil, "and nothing stored")
        #expect(try signIn.link(hash: "lh1", at: at(12)) == nil)
        #expect(try signIn.redeem(linkHash: "lh3", session: (session("s3", token: "tok_b"), hash: "sh3"), at: at(50)) == nil, "expired")

        #expect(try signIn.withdrawLink(id: "l2", at: at(20), activity: [ActivityEntry(at: at(20), actor: "tester", action: .signInLinkWithdrawn,
                                                                                        round: nil, subject: "l2", summary: "withdrew l2")]))
        #expect(try !signIn.withdrawLink(id: "l2", at: at(21), activity: []), "no longer outstanding")
        #expect(try !signIn.withdrawLink(id: "l1", at: at(21), activity: []), "used")
        #expect(try subject.kept() == 1, "only the withdrawal that happened keeps its entry")
        #expect(try signIn.outstandingLinks(at: at(20)).map(\.id) == ["l0", "l3"])
        #expect(try subject.tokens.revoke(id: "tok_b", at: at(30), activity: []))
        #expect(try signIn.outstandingLinks(at: at(30)).map(\.id) == ["l0"], "a revoked token's links are not outstanding")
        #expect(try signIn.link(hash: "lh0", at: at(30))?.link == link("l0", token: "tok_a", created: 5))
    }
}
