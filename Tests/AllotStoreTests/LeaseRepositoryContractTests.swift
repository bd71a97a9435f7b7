import AllotStore
import Foundation
import Testing

/// One suite, every implementation: what instances sharing a store rely on from a `LeaseRepository`.
@Suite("Every lease repository keeps the same promises")
struct LeaseRepositoryContractTests {
    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        func make() throws -> any LeaseRepository {
            switch self {
            case .sqlite:
                SQLiteLeaseRepository(try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-leases-\(UUID().uuidString)")))
            case .memory:
                MemoryLeaseRepository()
            }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }
    static let round = LeaseName.roundRun(round: "r1")

    @Test("A lease is one holder's until it expires or is released; its holder may take it again, and another only after",
          arguments: Implementation.allCases)
    func oneHolderAtATime(_ implementation: Implementation) throws {
        try Self.oneHolderAtATime(implementation.make())
    }

    @Test("Only the holder renews or releases a lease; a lost lease cannot be renewed", arguments: Implementation.allCases)
    func onlyTheHolderRenewsOrReleases(_ implementation: Implementation) throws {
        try Self.onlyTheHolderRenewsOrReleases(implementation.make())
    }

    @Test("A starting instance gives back its earlier lives' leases, and no other instance's", arguments: Implementation.allCases)
    func earlierLivesAreReleased(_ implementation: Implementation) throws {
        try Self.earlierLivesAreReleased(implementation.make())
    }

    /// The same promises on PostgreSQL, each test on a database of its own. Skipped, and reported so, when
    /// ALLOT_TEST_DATABASE_URL is unset.
    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test("A lease is one holder's until it expires or is released; its holder may take it again, and another only after")
        func oneHolderAtATime() async throws {
            try await PostgresTestDatabase.withAsyncStore { try LeaseRepositoryContractTests.oneHolderAtATime(PostgresLeaseRepository($0)) }
        }

        @Test("Only the holder renews or releases a lease; a lost lease cannot be renewed")
        func onlyTheHolderRenewsOrReleases() async throws {
            try await PostgresTestDatabase.withAsyncStore { try LeaseRepositoryContractTests.onlyTheHolderRenewsOrReleases(PostgresLeaseRepository($0)) }
        }

        @Test("A starting instance gives back its earlier lives' leases, and no other instance's")
        func earlierLivesAreReleased() async throws {
            try await PostgresTestDatabase.withAsyncStore { try LeaseRepositoryContractTests.earlierLivesAreReleased(PostgresLeaseRepository($0)) }
        }
    }
}

extension LeaseRepositoryContractTests {
    static func oneHolderAtATime(_ leases: any LeaseRepository) throws {
        #expect(try leases.acquire(Self.round, holder: "a", until: Self.at(60), now: Self.at(0)))
        #expect(try !leases.acquire(Self.round, holder: "b", until: Self.at(70), now: Self.at(10)))
        #expect(try leases.holder(of: Self.round, now: Self.at(10)) == "a")
        #expect(try leases.acquire(Self.round, holder: "a", until: Self.at(90), now: Self.at(20)), "its holder takes it again")
        #expect(try !leases.acquire(Self.round, holder: "b", until: Self.at(120), now: Self.at(80)), "renewed to 90, so not free at 80")
        #expect(try leases.acquire(Self.round, holder: "b", until: Self.at(150), now: Self.at(90)), "expired at 90: b takes it over")
        #expect(try leases.holder(of: Self.round, now: Self.at(100)) == "b")
        #expect(try leases.holder(of: Self.round, now: Self.at(150)) == nil, "nobody holds an expired lease")
        try leases.release(Self.round, holder: "b")
        #expect(try leases.acquire(Self.round, holder: "c", until: Self.at(200), now: Self.at(100)), "released: free before its expiry")
    }

    static func onlyTheHolderRenewsOrReleases(_ leases: any LeaseRepository) throws {
        let other = LeaseName.roundRun(round: "r2")
        #expect(try leases.acquire(Self.round, holder: "a", until: Self.at(60), now: Self.at(0)))
        #expect(try leases.acquire(other, holder: "b", until: Self.at(60), now: Self.at(0)), "another round's lease is another lease")
        #expect(try !leases.renew(Self.round, holder: "b", until: Self.at(500)))
        try leases.release(Self.round, holder: "b")
        #expect(try leases.holder(of: Self.round, now: Self.at(1)) == "a", "b's release of a's lease does nothing")
        #expect(try leases.renew(Self.round, holder: "a", until: Self.at(120)))
        #expect(try leases.holder(of: Self.round, now: Self.at(100)) == "a")
        #expect(try leases.acquire(Self.round, holder: "b", until: Self.at(300), now: Self.at(120)))
        #expect(try !leases.renew(Self.round, holder: "a", until: Self.at(400)), "a's lease was taken over when it expired")
        #expect(try leases.holder(of: Self.round, now: Self.at(200)) == "b")
    }

    static func earlierLivesAreReleased(_ leases: any LeaseRepository) throws {
        let earlier = LeaseHolder(instance: "host-a:8080", life: "1")
        let now = LeaseHolder(instance: "host-a:8080", life: "2")
        let other = LeaseHolder(instance: "host-b:8080", life: "1")
        #expect(try leases.acquire(.roundRun(round: "r1"), holder: earlier.key, until: Self.at(60), now: Self.at(0)))
        #expect(try leases.acquire(.roundRun(round: "r2"), holder: other.key, until: Self.at(60), now: Self.at(0)))
        #expect(try leases.acquire(.roundRun(round: "r3"), holder: now.key, until: Self.at(60), now: Self.at(0)))
        #expect(try leases.releaseEarlierLives(of: now) == 1)
        #expect(try leases.holder(of: .roundRun(round: "r1"), now: Self.at(1)) == nil)
        #expect(try leases.holder(of: .roundRun(round: "r2"), now: Self.at(1)) == other.key)
        #expect(try leases.holder(of: .roundRun(round: "r3"), now: Self.at(1)) == now.key)
        #expect(LeaseHolder(key: now.key) == now)
    }
}
