import AllotServer
import AllotStore
import Foundation
import Testing

/// Several instances on one store: a round's run is leased, so it runs on one instance at a time, and a run is failed
/// as abandoned only once its instance's lease has expired.
@Suite("Run leases across instances") struct RunLeaseTests {
    /// A store with one round that has no settings (its runs fail fast, at the settings stage).
    private func storeWithRound() throws -> TestServer {
        let server = try TestServer.make()
        try server.deps.database.writer.write { db in
            try db.execute(sql: "INSERT INTO round (id, name, state, settings, created_at, updated_at) VALUES ('a', 'a', 'open', '{}', 0, 0)")
        }
        return server
    }

    @Test("While another instance holds a round's run lease, a run of it is refused as a conflict; once that lease expires it runs")
    func anotherInstancesRunIsAConflict() async throws {
        let server = try storeWithRound()
        let leases = SQLiteLeaseRepository(server.deps.database)
        #expect(try leases.acquire(.roundRun(round: "a"), holder: "instance-elsewhere", until: Date().addingTimeInterval(60), now: Date()))
        #expect(try server.deps.runs.isRunning(round: "a"))
        await #expect(throws: RunConflict.self) { _ = try await server.deps.runs.run(round: "a", trigger: "manual") }
        // The other instance died: its lease runs out, and this instance may run the round.
        #expect(try leases.renew(.roundRun(round: "a"), holder: "instance-elsewhere", until: Date().addingTimeInterval(-1)))
        #expect(try !server.deps.runs.isRunning(round: "a"))
        let record = try await server.deps.runs.run(round: "a", trigger: "manual")
        #expect(record.status == .failed && record.error?.hasPrefix("settings") == true, "\(record.error ?? "")")
        #expect(try leases.holder(of: .roundRun(round: "a"), now: Date()) == nil, "the lease is released after the run")
    }

    @Test("A run left running is failed as abandoned only when no instance holds its round's lease")
    func aRunInProgressElsewhereIsNotAbandoned() throws {
        let server = try storeWithRound()
        let leases = SQLiteLeaseRepository(server.deps.database)
        let running = RoundRunRecord(id: "run_1", round: "a", trigger: "schedule", status: .running, startedAt: Date(timeIntervalSince1970: 10),
                                     inputs: [:], config: "{}", codeVersion: "t")
        try SQLiteRunRepository(server.deps.database).start(running)
        let now = Date()
        #expect(try leases.acquire(.roundRun(round: "a"), holder: "instance-elsewhere", until: now.addingTimeInterval(60), now: now))
        #expect(try server.deps.runs.abandonOrphanedRuns(at: now).isEmpty, "the holder is still running it")
        #expect(try server.deps.runs.abandonOrphanedRuns(at: now.addingTimeInterval(61)).map(\.id) == ["run_1"],
                "the holder's lease ran out: it died, and the run is owed a retry")
    }
}
