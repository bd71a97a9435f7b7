@testable import AllotStore
import Foundation
import Synchronization
import Testing

/// Instances racing on one PostgreSQL database for what only one may have: a lease, a sign-in link's one use. Each
/// racer runs on a thread of its own, half of them on a second store (another instance's pool). Skipped, and reported
/// so, when ALLOT_TEST_DATABASE_URL is unset.
@Suite("PostgreSQL races between instances", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
struct PostgresRaceTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Runs `racer(i, store)` for i in 0..<count at once, alternating between `store` and a second store on its database.
    static func race<T: Sendable>(_ count: Int, on store: PostgresStore, _ racer: @escaping @Sendable (Int, PostgresStore) throws -> T) throws -> [T] {
        let second = try PostgresStore.open(url: store.url, logger: PostgresTestDatabase.logger)
        defer { second.close() }
        let results = Mutex<[Result<T, any Error>]>([])
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for i in 0..<count {
            done.enter()
            Thread {
                defer { done.leave() }
                start.wait()
                let result = Result { try racer(i, i % 2 == 0 ? store : second) }
                results.withLock { $0.append(result) }
            }.start()
        }
        for _ in 0..<count { start.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success)
        return try results.withLock { $0 }.map { try $0.get() }
    }

    @Test("Of holders racing for a free lease, exactly one gets it")
    func oneLeaseHolder() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            let won = try await PostgresTestDatabase.offPool {
                try Self.race(8, on: store) { i, store in
                    try PostgresLeaseRepository(store).acquire(.roundRun(round: "r1"), holder: "h\(i)", until: Self.t0.addingTimeInterval(60), now: Self.t0)
                }
            }
            #expect(won.filter { $0 }.count == 1)
            #expect(try PostgresLeaseRepository(store).holder(of: .roundRun(round: "r1"), now: Self.t0) != nil)
        }
    }

    @Test("Of redemptions racing for one sign-in link, exactly one signs in")
    func oneLinkUse() async throws {
        try await PostgresTestDatabase.withAsyncStore { store in
            try await PostgresTokenRepository(store).create(TokenRecord(id: "tok", name: "t", role: .admin, reviewerID: nil, createdAt: Self.t0),
                                                      hash: "hash-tok", activity: [])
            let signIn = PostgresSignInRepository(store)
            try signIn.createLink(SignInLink(id: "l1", tokenID: "tok", createdAt: Self.t0, expiresAt: Self.t0.addingTimeInterval(600)), hash: "lh")
            let signedIn = try await PostgresTestDatabase.offPool {
                try Self.race(8, on: store) { i, store in
                    try PostgresSignInRepository(store).redeem(
                        linkHash: "lh", session: (WebSession(id: "s\(i)", tokenID: "tok", csrf: "c", createdAt: Self.t0,
                                                             expiresAt: Self.t0.addingTimeInterval(3600)), hash: "sh\(i)"),
                        at: Self.t0.addingTimeInterval(1)) != nil
                }
            }
            #expect(signedIn.filter { $0 }.count == 1)
            let sessions = try (0..<8).filter { try signIn.session(hash: "sh\($0)", at: Self.t0.addingTimeInterval(2)) != nil }
            #expect(sessions.count == 1, "one session stored")
        }
    }
}
