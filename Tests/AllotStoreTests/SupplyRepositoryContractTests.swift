import AllotStore
import Foundation
import Testing

/// One suite, every implementation: what the server relies on from a `SupplyRepository` (the supply pages and the
/// runs' evidence read the latest upload of each kind), whichever store holds it.
@Suite("Every supply repository keeps the same promises")
struct SupplyRepositoryContractTests {
    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> any SupplyRepository {
            switch self {
            case .sqlite:
                SQLiteSupplyRepository(try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-supply-\(UUID().uuidString)")))
            case .memory:
                MemorySupplyRepository(MemoryStore())
            }
        }
    }

    @Test("The latest upload of a kind is in use, with its bytes; every upload is listed newest first without them",
          arguments: Implementation.allCases)
    func latestOfEachKind(_ implementation: Implementation) throws {
        try Self.latestOfEachKind(implementation.make())
    }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test("The latest upload of a kind is in use, with its bytes; every upload is listed newest first without them")
        func latestOfEachKind() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try SupplyRepositoryContractTests.latestOfEachKind(PostgresSupplyRepository(store)) }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func latestOfEachKind(_ supply: any SupplyRepository) throws {
        #expect(try supply.latest(.participation) == nil)
        #expect(try supply.all().isEmpty)
        let bytes = Data([0x00, 0xFF, 0x2C, 0x0A, 0x80])
        let first = try supply.add(kind: .participation, fileName: "p1.csv", body: Data("a,b\n".utf8), sha256: "h1", rows: 1, at: t0)
        let workforce = try supply.add(kind: .workforce, fileName: "w.csv", body: Data(), sha256: "hw", rows: 0, at: t0.addingTimeInterval(5))
        let second = try supply.add(kind: .participation, fileName: "p2.csv", body: bytes, sha256: "h2", rows: 2, at: t0.addingTimeInterval(10))
        #expect(first.id < workforce.id && workforce.id < second.id, "ids count up")
        #expect(second.kind == .participation && second.fileName == "p2.csv" && second.sha256 == "h2" && second.rows == 2
                && second.uploadedAt == t0.addingTimeInterval(10))

        let latest = try #require(try supply.latest(.participation))
        #expect(latest.0 == second, "the newest of its kind")
        #expect(latest.1 == bytes, "bytes kept exactly")
        #expect(try supply.latest(.workforce)?.1 == Data(), "an empty file is still an upload")
        #expect(try supply.latest(.activity) == nil)
        #expect(try supply.all() == [second, workforce, first])
    }
}
