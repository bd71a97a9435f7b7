@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
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

/// Three instances' schedulers, each with its own connection to one store file, pass together after a survey closes.
/// Their passes mostly serialise on SQLite's writer, so this checks that the once-only guards (a close posted by the
/// closer, a run re-planned under its lease) let one instance do the work rather than none; that two instances racing
/// cannot both do it is pinned by the deterministic tests above (`closeIfOpen`, `RunNoLongerDue`, the lease's 409).
@Suite("Schedulers of several instances on one store") struct SeveralSchedulersTests {
    @Test("Three schedulers passing together after a close post it once and run its round once, and owe nothing after")
    func aSurveyCloseRunsItsRoundOnce() async throws {
        let server = try TestServer.make()
        let start = SchedulerTests.wholeSecond()
        let closes = start.addingTimeInterval(60)
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin, closesAt: SchedulerTests.iso(closes))
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        let clock = ManualWallClock(start: closes.addingTimeInterval(1))
        let schedulers = try (0..<3).map { _ in
            // Each instance opens the store itself, as separate processes do.
            let database = try AppDatabase.open(dataDirectory: server.deps.config.dataDirectory)
            return RunScheduler(ServerDependencies(config: server.deps.config, database: database, configDirectory: TestServer.configDirectory,
                                                   clock: clock))
        }
        let passes = await withTaskGroup(of: SchedulerPass.self) { group in
            for scheduler in schedulers { group.addTask { await scheduler.tick(at: closes.addingTimeInterval(1)) } }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(passes.map(\.closed.count).reduce(0, +) == 1, "one instance closes the survey")
        #expect(passes.map(\.runs.count).reduce(0, +) == 1, "one instance runs the round")
        let runs = try server.deps.runs.runs.runs(round: Scenario.round)
        #expect(runs.map(\.trigger) == ["survey-closed:\(Scenario.survey)"])
        #expect(try SchedulerTests.events(server) == ["survey.closed", "round.completed"])
        // Later passes of any instance owe nothing.
        for scheduler in schedulers {
            let later = await scheduler.tick(at: closes.addingTimeInterval(120))
            #expect(later.runs.isEmpty && later.closed.isEmpty)
        }
    }
}

extension RunLeaseTests {
    @Test("A scheduled run found no longer due once the round's lease is held is not made, and the lease is given back")
    func aRunMadeElsewhereMeanwhileIsNotMadeAgain() async throws {
        let server = try storeWithRound()
        await #expect(throws: RunNoLongerDue.self) {
            _ = try await server.deps.runs.run(round: "a", trigger: "schedule", stillDue: { false })
        }
        #expect(try server.deps.runs.runs.runs(round: "a").isEmpty, "no run was recorded")
        #expect(try SQLiteLeaseRepository(server.deps.database).holder(of: .roundRun(round: "a"), now: Date()) == nil)
    }
}

extension RunLeaseTests {
    @Test("Of several instances closing one survey, exactly one closes it (and so posts survey.closed); its close time is kept")
    func aSurveyIsClosedByOneInstance() throws {
        let server = try TestServer.make()
        let schedules = try (0..<3).map { _ in
            SQLiteSurveyScheduleRepository(try AppDatabase.open(dataDirectory: server.deps.config.dataDirectory))
        }
        let first = Date(timeIntervalSince1970: 1_800_000_000)
        try schedules[0].create(SurveySchedule(id: "practitioner-2025-26", closesAt: first, createdAt: first))
        let closedBy = try schedules.enumerated().map { i, s in try s.closeIfOpen("practitioner-2025-26", at: first.addingTimeInterval(Double(i))) }
        #expect(closedBy == [true, false, false])
        #expect(try schedules[2].dueToClose(now: first.addingTimeInterval(10)).isEmpty)
        #expect(try schedules[1].close("practitioner-2025-26", at: first.addingTimeInterval(20)).closedAt == first)
    }
}

extension RunLeaseTests {
    @Test("A second run of a round asked of the same instance while its first is in progress is a conflict (one lease holder, two runs)")
    func twoRunsOnOneInstanceDoNotOverlap() async throws {
        // Enough robustness samples that the first run is still going when the second is asked for.
        let server = try TestServer.make(robustnessSamples: 400)
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        let service = server.deps.runs
        let first = Task { try await service.run(round: Scenario.round, trigger: "manual") }
        try #require(await eventually(timeout: .seconds(30), interval: .milliseconds(10)) { (try? service.isRunning(round: Scenario.round)) ?? false })
        await #expect(throws: RunConflict.self) { _ = try await service.run(round: Scenario.round, trigger: "manual") }
        #expect(try await first.value.status == .succeeded)
        #expect(try service.runs.runs(round: Scenario.round).count == 1)
    }
}

extension RunLeaseTests {
    @Test("A run renews its round's lease on the injected clock: moving the clock past the renewal interval extends the lease",
          .timeLimit(.minutes(1)))
    func aRunRenewsItsLeaseOnTheInjectedClock() async throws {
        let server = try storeWithRound()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let clock = ManualWallClock(start: start)
        let deps = ServerDependencies(config: server.deps.config, database: server.deps.database, configDirectory: TestServer.configDirectory,
                                      clock: clock)
        let leases = SQLiteLeaseRepository(server.deps.database)
        // The run holds its lease until the test lets it go on (then it finds itself no longer due and stops).
        let goOn = DispatchSemaphore(value: 0)
        let run = Task { try await deps.runs.run(round: "a", trigger: "schedule", stillDue: { goOn.wait(); return false }) }
        // The renewal sleeps on the test's clock, not for real.
        let deadline = await clock.sleeperDeadline()
        #expect(deadline == start.addingTimeInterval(deps.runs.renewalInterval))
        let pastFirstLease = start.addingTimeInterval(deps.runs.leaseLength + 1)
        #expect(try leases.holder(of: .roundRun(round: "a"), now: pastFirstLease) == nil, "acquired for one lease length from the start")
        clock.advance(to: deadline)
        // The renewal writes on a thread of its own: wait for it (at most 10 s of real time).
        var renewed = false
        for _ in 0..<200 where !renewed {
            renewed = try leases.holder(of: .roundRun(round: "a"), now: pastFirstLease) != nil
            if !renewed { try await Task.sleep(for: .milliseconds(50)) }
        }
        #expect(renewed, "renewed until one lease length after the clock's time")
        #expect(try leases.holder(of: .roundRun(round: "a"), now: deadline.addingTimeInterval(deps.runs.leaseLength + 1)) == nil)
        goOn.signal()
        await #expect(throws: RunNoLongerDue.self) { _ = try await run.value }
        #expect(try leases.holder(of: .roundRun(round: "a"), now: start) == nil, "given back")
    }
}
