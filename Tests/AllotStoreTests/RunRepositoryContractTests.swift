import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Synchronization
import Testing

/// One suite, every implementation: what the run service and the scheduler rely on from a `RunRepository`,
/// whichever store holds it; and, on PostgreSQL, that its promises hold with several instances writing at once.
@Suite("Every run repository keeps the same promises")
struct RunRepositoryContractTests {
    /// A repository under test, the rounds it runs, a way to hold a round's run lease, and the ids of the webhook
    /// events it queued. Unchecked Sendable: its closures only call the repositories, which are Sendable, so the
    /// racing tests may share it between threads.
    struct Subject: @unchecked Sendable {
        let runs: Runs
        let rounds: any RoundRepository
        /// Holds a round's run lease until a time, as another instance running it would.
        let holdLease: (_ round: String, _ until: Date) throws -> Void
        let events: () throws -> [String]
    }

    /// The run repository's calls under test, as closures (so the racing tests can share them between threads).
    struct Runs {
        let start: (RoundRunRecord) throws -> Void
        let finish: (RoundRunRecord, Data?, Data?, RoundState?, OutboxEvent?) throws -> Void
        let runs: (String) throws -> [RoundRunRecord]
        let run: (String, String) throws -> RoundRunRecord?
        let latestResult: (String) throws -> (run: RoundRunRecord, json: Data, csv: Data)?
        let abandonRunning: (Date, String, String) throws -> [RoundRunRecord]

        init(_ r: any RunRepository) {
            start = { try r.start($0) }
            finish = { try r.finish($0, result: $1, csv: $2, roundState: $3, event: $4) }
            runs = { try r.runs(round: $0) }
            run = { try r.run(round: $0, id: $1) }
            latestResult = { try r.latestResult(round: $0) }
            abandonRunning = { try r.abandonRunning(at: $0, reason: $1, retryReason: $2) }
        }
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> Subject {
            if self == .memory {
                let store = MemoryStore()
                let leases = MemoryLeaseRepository(store)
                return Subject(runs: Runs(MemoryRunRepository(store)), rounds: MemoryRoundRepository(store),
                               holdLease: { _ = try leases.acquire(.roundRun(round: $0), holder: "elsewhere#1", until: $1, now: $1.addingTimeInterval(-1)) },
                               events: { store.eventIDs.sorted() })
            }
            let database = try AppDatabase.open(
                dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-runs-\(UUID().uuidString)"))
            let leases = SQLiteLeaseRepository(database)
            return Subject(runs: Runs(SQLiteRunRepository(database)), rounds: SQLiteRoundRepository(database),
                           holdLease: { _ = try leases.acquire(.roundRun(round: $0), holder: "elsewhere#1", until: $1, now: $1.addingTimeInterval(-1)) },
                           events: { try database.writer.read { try String.fetchAll($0, sql: "SELECT id FROM webhook_event ORDER BY id") } })
        }
    }

    @Test("A run is started, finished with its result and event, and read back; the round moves on only from open or reviewing",
          arguments: Implementation.allCases)
    func startAndFinish(_ implementation: Implementation) throws { try Self.startAndFinish(implementation.make()) }

    @Test("A run of a round closed meanwhile keeps no result, no event and no round change", arguments: Implementation.allCases)
    func closedRoundKeepsNoResult(_ implementation: Implementation) throws { try Self.closedRoundKeepsNoResult(implementation.make()) }

    @Test("Runs left running are failed once, a retry as interrupted twice; a run whose lease is held is left alone",
          arguments: Implementation.allCases)
    func abandonedRunsFailOnce(_ implementation: Implementation) throws { try Self.abandonedRunsFailOnce(implementation.make()) }

    /// The same promises on PostgreSQL, each test on a database of its own, and what instances racing rely on.
    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        static func subject(_ store: PostgresStore) -> Subject {
            let leases = PostgresLeaseRepository(store)
            return Subject(runs: Runs(PostgresRunRepository(store)), rounds: PostgresRoundRepository(store),
                           holdLease: { _ = try leases.acquire(.roundRun(round: $0), holder: "elsewhere#1", until: $1, now: $1.addingTimeInterval(-1)) },
                           events: { try store.wait { try await store.rows("SELECT id FROM webhook_event ORDER BY id").map { try $0.decode(String.self) } } })
        }

        static func on(_ promise: (Subject) throws -> Void) async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try promise(subject(store)) }
        }

        @Test("A run is started, finished with its result and event, and read back; the round moves on only from open or reviewing")
        func startAndFinish() async throws { try await Self.on { try RunRepositoryContractTests.startAndFinish($0) } }

        @Test("A run of a round closed meanwhile keeps no result, no event and no round change")
        func closedRoundKeepsNoResult() async throws { try await Self.on { try RunRepositoryContractTests.closedRoundKeepsNoResult($0) } }

        @Test("Runs left running are failed once, a retry as interrupted twice; a run whose lease is held is left alone")
        func abandonedRunsFailOnce() async throws { try await Self.on { try RunRepositoryContractTests.abandonedRunsFailOnce($0) } }

        @Test("A round has one running run: of instances starting one at once, one does and the others are refused")
        func oneRunningRunPerRound() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                let s = Self.subject(store)
                try s.rounds.create(RunRepositoryContractTests.round("r1"), activity: [])
                let outcomes = Mutex<(started: Int, refused: Int)>((0, 0))
                DispatchQueue.concurrentPerform(iterations: 6) { i in
                    do {
                        try s.runs.start(RunRepositoryContractTests.running("run_\(i)", round: "r1", at: 10))
                        outcomes.withLock { $0.started += 1 }
                    } catch ServiceStoreError.alreadyExists(kind: "running run of round", id: "r1") {
                        outcomes.withLock { $0.refused += 1 }
                    } catch {
                        Issue.record("unexpected \(error)")
                    }
                }
                let outcome = outcomes.withLock { $0 }
                #expect(outcome.started == 1 && outcome.refused == 5, "\(outcome)")
                // Once that run has ended, the next may start.
                var running = try #require(try s.runs.runs("r1").first)
                running.status = .failed
                running.finishedAt = RunRepositoryContractTests.at(20)
                try s.runs.finish(running, nil, nil, nil, nil)
                try s.runs.start(RunRepositoryContractTests.running("run_next", round: "r1", at: 30))
            }
        }

        @Test("Of instances abandoning at once, each left-over run is failed and reported by one of them")
        func abandonersRaceFailEachRunOnce() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                let s = Self.subject(store)
                for i in 0..<8 {
                    try s.rounds.create(RunRepositoryContractTests.round("r\(i)"), activity: [])
                    try s.runs.start(RunRepositoryContractTests.running("run_\(i)", round: "r\(i)", at: Double(i)))
                }
                let reported = Mutex<[String]>([])
                DispatchQueue.concurrentPerform(iterations: 4) { _ in
                    do {
                        let failed = try s.runs.abandonRunning(RunRepositoryContractTests.at(100), "abandoned", "twice")
                        reported.withLock { $0 += failed.map(\.id) }
                    } catch {
                        Issue.record("unexpected \(error)")
                    }
                }
                #expect(reported.withLock { $0.sorted() } == (0..<8).map { "run_\($0)" }, "each once")
                #expect(try (0..<8).allSatisfy { try s.runs.run("r\($0)", "run_\($0)")?.status == .failed })
            }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func round(_ id: String, state: RoundState = .open) -> RoundRecord {
        RoundRecord(id: id, name: id, state: state, settings: RoundSettings(), createdAt: t0, updatedAt: t0)
    }

    static func running(_ id: String, round: String, at seconds: TimeInterval, attempt: Int = 1) -> RoundRunRecord {
        RoundRunRecord(id: id, round: round, trigger: "schedule", status: .running, startedAt: at(seconds), inputs: [:], config: "{}",
                       codeVersion: "test", attempt: attempt)
    }

    static func event(_ id: String) -> OutboxEvent {
        OutboxEvent(id: id, type: "round.completed", occurredAt: t0, body: Data("{}".utf8), text: id)
    }

    static func startAndFinish(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        try s.rounds.create(round("r2", state: .decided), activity: [])
        #expect(try s.runs.latestResult("r1")?.run == nil)
        var first = running("run_a", round: "r1", at: 10)
        try s.runs.start(first)
        #expect(try s.runs.run("r1", "run_a") == first)
        #expect(try s.runs.run("r2", "run_a") == nil, "a run is found in its own round only")
        first.status = .succeeded
        first.finishedAt = at(20)
        first.inputs = ["survey:s1": "abc", "supply:2022-23": "def"]
        first.config = #"{"budget":100}"#
        let json = Data(#"{"proposals":[]}"#.utf8)
        let csv = Data([0xEF, 0xBB, 0xBF, 0x61, 0x0A, 0x00])
        try s.runs.finish(first, json, csv, .scored, event("evt_1"))
        #expect(try s.rounds.find("r1")?.state == .scored)
        #expect(try s.rounds.find("r1")?.updatedAt == at(20))

        var second = running("run_b", round: "r1", at: 30)
        try s.runs.start(second)
        second.status = .failed
        second.finishedAt = at(40)
        second.error = "portfolio: infeasible"
        // A finish records the end; what the run started with stays as started.
        var told = second
        told.trigger = "changed at the finish"
        told.attempt = 9
        try s.runs.finish(told, nil, nil, nil, event("evt_2"))
        #expect(try s.runs.runs("r1") == [second, first], "newest first")
        let latest = try #require(try s.runs.latestResult("r1"))
        #expect(latest.run == first && latest.json == json && latest.csv == csv, "the latest success, bytes exact")

        var decided = running("run_c", round: "r2", at: 50)
        try s.runs.start(decided)
        decided.status = .succeeded
        decided.finishedAt = at(60)
        try s.runs.finish(decided, json, csv, .scored, nil)
        #expect(try s.rounds.find("r2")?.state == .decided, "a decided round is not moved back to scored")
        #expect(try s.events() == ["evt_1", "evt_2"])
    }

    static func closedRoundKeepsNoResult(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        var run = running("run_a", round: "r1", at: 10)
        try s.runs.start(run)
        _ = try s.rounds.setState("r1", to: .closed, at: at(15), activity: [])
        run.status = .succeeded
        run.finishedAt = at(20)
        #expect(throws: ServiceStoreError.roundClosed("r1")) {
            try s.runs.finish(run, Data("{}".utf8), Data(), .scored, event("evt_1"))
        }
        #expect(try s.runs.run("r1", "run_a")?.status == .running, "nothing of the finish was kept")
        #expect(try s.runs.latestResult("r1")?.run == nil)
        #expect(try s.rounds.find("r1")?.state == .closed)
        #expect(try s.events().isEmpty)
    }

    static func abandonedRunsFailOnce(_ s: Subject) throws {
        for id in ["r1", "r2", "r3"] { try s.rounds.create(round(id), activity: []) }
        try s.runs.start(running("run_first", round: "r1", at: 10))
        try s.runs.start(running("run_retry", round: "r2", at: 5, attempt: 2))
        try s.runs.start(running("run_elsewhere", round: "r3", at: 1))
        try s.holdLease("r3", at(100))
        let failed = try s.runs.abandonRunning(at(50), "abandoned", "interrupted twice")
        #expect(failed.map(\.id) == ["run_retry", "run_first"], "oldest first; the leased round's run is another instance's")
        #expect(failed.map(\.error) == ["interrupted twice", "abandoned"])
        #expect(failed.allSatisfy { $0.status == .failed && $0.finishedAt == at(50) })
        #expect(try s.runs.run("r1", "run_first") == failed.last, "returned as stored")
        #expect(try s.runs.run("r2", "run_retry")?.attempt == 2)
        #expect(try s.runs.abandonRunning(at(60), "abandoned", "interrupted twice").isEmpty, "once")
        let expired = try s.runs.abandonRunning(at(100), "abandoned", "interrupted twice")
        #expect(expired.map(\.id) == ["run_elsewhere"], "its lease ran out at 100")
        #expect(expired.map(\.error) == ["abandoned"])
    }
}
