import AllotCore
@testable import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// The scheduler on an injected clock: survey closes, cron schedules, missed runs and review reminders.
@Suite struct SchedulerTests {
    static func iso(_ date: Date) -> String { date.formatted(.iso8601) }

    /// Dependencies reading `clock`, on the test server's store, with a tick long enough never to be the reason to wake.
    static func deps(_ server: TestServer, _ clock: ManualWallClock) -> ServerDependencies<SQLiteRepositories> {
        var config = server.deps.config
        config.schedulerTickSeconds = 7 * 86_400
        return ServerDependencies(config: config, database: server.deps.database, configDirectory: TestServer.configDirectory,
                                  clock: clock)
    }

    /// Moves the clock to `at` (runs are stamped with the clock's time) and makes one pass there.
    static func pass(_ scheduler: RunScheduler<SQLiteRepositories>, _ clock: ManualWallClock, at: Date) async -> SchedulerPass {
        clock.advance(to: at)
        return await scheduler.tick(at: at)
    }

    /// Now, to the whole second: the API's dates are ISO 8601 without fractions.
    static func wholeSecond() -> Date { Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)) }

    static func events(_ server: TestServer) throws -> [String] {
        try server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT type FROM webhook_event ORDER BY rowid") }
    }

    @Test func theSchedulerSleepsUntilTheSurveyClosesThenRunsItsRoundOnce() async throws {
        let server = try TestServer.make()
        let start = Self.wholeSecond()
        let closes = start.addingTimeInterval(3_600)
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin, closesAt: Self.iso(closes))
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        let clock = ManualWallClock(start: start)
        let deps = Self.deps(server, clock)
        let scheduler = RunScheduler(deps)
        let task = Task { try await scheduler.run() }
        defer { task.cancel() }

        // Nothing is due yet: it sleeps exactly until the close time, having run nothing.
        #expect(await clock.sleeperDeadline() == closes)
        #expect(try deps.runs.runs.runs(round: Scenario.round).isEmpty)

        clock.advance(to: closes.addingTimeInterval(1))
        // Once it sleeps again the pass is over: one run, for the close, and the events in order. (The run's lease
        // renewal sleeps on the same clock meanwhile.)
        let renewal = closes.addingTimeInterval(1 + deps.runs.renewalInterval)
        _ = await clock.sleeperDeadline { $0 != renewal }
        let runs = try deps.runs.runs.runs(round: Scenario.round)
        #expect(runs.map(\.trigger) == ["survey-closed:\(Scenario.survey)"])
        #expect(runs.first?.status == .succeeded)
        #expect(try Self.events(server) == ["survey.closed", "round.completed"])

        // Later passes owe nothing more for that close.
        task.cancel()
        let later = await Self.pass(scheduler, clock, at: closes.addingTimeInterval(7_200))
        #expect(later.runs.isEmpty && later.closed.isEmpty)
    }

    @Test("A scheduled run that fails for its input is recorded failed with the reason and is not owed again")
    func aRunThatFailsForItsInputIsNotOwedAgain() async throws {
        let server = try TestServer.make()
        let start = Self.wholeSecond()
        let closes = start.addingTimeInterval(60)
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin, closesAt: Self.iso(closes))
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        // Stored by a version without the limits: a budget the solver cannot take.
        try await server.deps.database.writer.write { db in
            try db.execute(sql: "UPDATE round SET settings = json_set(settings, '$.budget', 1e20) WHERE id = ?", arguments: [Scenario.round])
        }
        let clock = ManualWallClock(start: start)
        let deps = Self.deps(server, clock)
        let scheduler = RunScheduler(deps)
        let first = await Self.pass(scheduler, clock, at: closes.addingTimeInterval(1))
        #expect(first.runs.count == 1)
        #expect(first.runs.first?.status == .failed)
        #expect(first.runs.first?.error?.hasPrefix("settings: $.budget") == true, "\(first.runs.first?.error ?? "")")
        for later in [closes.addingTimeInterval(2), closes.addingTimeInterval(3_600)] {
            #expect(await Self.pass(scheduler, clock, at: later).runs.isEmpty)
        }
        #expect(try deps.runs.runs.runs(round: Scenario.round).count == 1)
    }

    @Test("Runs left running by a stop: a first attempt is owed once more, a retry is failed 'interrupted twice' and not owed")
    func abandonedRunsAreRetriedOnce() throws {
        let server = try TestServer.make()
        let repository = SQLiteRunRepository(server.deps.database)
        try server.deps.database.writer.write { db in
            try db.execute(sql: "INSERT INTO round (id, name, state, settings, created_at, updated_at) VALUES ('a', 'a', 'open', '{}', 0, 0)")
        }
        let first = RoundRunRecord(id: "run_1", round: "a", trigger: "schedule", status: .running, startedAt: Date(timeIntervalSince1970: 10),
                                   inputs: [:], config: "{}", codeVersion: "t")
        try repository.start(first)
        var abandoned = try repository.abandonRunning(at: Date(timeIntervalSince1970: 20), reason: SchedulerInputs.abandonedReason,
                                                      retryReason: SchedulerInputs.interruptedTwiceReason)
        #expect(abandoned.map(\.error) == [SchedulerInputs.abandonedReason])
        var history = try SchedulerInputs.load(server.deps.store).history
        #expect(history.isEmpty, "an interrupted first attempt is owed again")
        var retry = first
        retry.id = "run_2"
        retry.startedAt = Date(timeIntervalSince1970: 30)
        retry.attempt = 2
        try repository.start(retry)
        abandoned = try repository.abandonRunning(at: Date(timeIntervalSince1970: 40), reason: SchedulerInputs.abandonedReason,
                                                  retryReason: SchedulerInputs.interruptedTwiceReason)
        #expect(abandoned.map(\.error) == [SchedulerInputs.interruptedTwiceReason])
        #expect(try repository.run(round: "a", id: "run_2")?.attempt == 2)
        history = try SchedulerInputs.load(server.deps.store).history
        #expect(history.count == 1, "the twice-interrupted run is history: not owed again")
    }

    @Test func cronFireTimesMissedWhileTheDaemonWasDownRunOnceAtStart() async throws {
        let server = try TestServer.make()
        let created = Date()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            let r = try await client.call(.post, "/v1/rounds", token: server.admin, json: """
                {"id": "hourly", "budget": 150000, "surveys": ["\(Scenario.survey)"], "supply_year": "2022-23", "schedule": "0 * * * *"}
                """)
            #expect(r.status == .created)
            let bad = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "bad", "schedule": "0 25 * * *"}"#)
            #expect(bad.status == .unprocessableContent && bad.text.contains("$.schedule"))
        }
        let clock = ManualWallClock(start: created)
        let scheduler = RunScheduler(Self.deps(server, clock))
        // Passes are placed by the hour after the round was made, ten minutes into an hour, so no pass falls just after
        // a fire time whatever the minute the test runs at (passes 90 s apart across an hour failed within 90 s of it).
        let hour = (created.timeIntervalSince1970 / 3_600).rounded(.up) * 3_600
        func at(hours: Double, minutes: Double) -> Date { Date(timeIntervalSince1970: hour + hours * 3_600 + minutes * 60) }
        // Five hourly fire times passed while "down": one run, not five.
        let first = await Self.pass(scheduler, clock, at: at(hours: 4, minutes: 10))
        #expect(first.runs.map(\.trigger) == ["schedule"])
        #expect(await Self.pass(scheduler, clock, at: at(hours: 4, minutes: 11)).runs.isEmpty)
        #expect(first.nextWakeUp.map { $0 > at(hours: 4, minutes: 10) } == true)
        let next = await Self.pass(scheduler, clock, at: at(hours: 5, minutes: 10))
        #expect(next.runs.map(\.trigger) == ["schedule"])
    }

    @Test func reviewersWithOutstandingReviewsAreRemindedOnceInsideTheLeadTime() async throws {
        let server = try TestServer.make()
        let start = Self.wholeSecond()
        let deadline = start.addingTimeInterval(72 * 3_600)
        try await server.application.test(.router) { client async throws in
            for id in ["rev-a", "rev-b", "rev-c"] {
                #expect(try await client.call(.post, "/v1/reviewers", token: server.admin, json: #"{"id": "\#(id)", "name": "\#(id)"}"#).status == .created)
            }
            let r = try await client.call(.post, "/v1/rounds", token: server.admin, json: """
                {"id": "reviewed", "budget": 150000, "surveys": ["\(Scenario.survey)"], "review_deadline": "\(Self.iso(deadline))"}
                """)
            #expect(r.status == .created)
            let proposals = try DemoFiles.bytes(try #require(DemoFiles.files).proposals)
            #expect(try await client.call(.post, "/v1/rounds/reviewed/proposals", token: server.admin, json: String(decoding: proposals, as: UTF8.self)).status == .created)
            let assigned = try await client.call(.post, "/v1/rounds/reviewed/assignments", token: server.admin, json: #"{"reviews_per_proposal": 2}"#)
            #expect(assigned.status == .created || assigned.status == .ok)
        }
        let clock = ManualWallClock(start: start)
        let scheduler = RunScheduler(Self.deps(server, clock))
        // Lead time 48 h: at 12 h nothing is due, and the next wake-up is when the window opens.
        let early = await Self.pass(scheduler, clock, at: start.addingTimeInterval(12 * 3_600))
        #expect(early.reminders.isEmpty)
        #expect(early.nextWakeUp == deadline.addingTimeInterval(-48 * 3_600))
        let due = await Self.pass(scheduler, clock, at: start.addingTimeInterval(25 * 3_600))
        #expect(due.reminders.map(\.reviewer) == ["rev-a", "rev-b", "rev-c"])
        #expect(due.reminders.allSatisfy { !$0.proposals.isEmpty && $0.deadline == deadline })
        #expect(try Self.events(server).filter { $0 == "review.reminder" }.count == 3)
        // Sent once: a later pass, or a restart (a new scheduler on the same store), sends nothing more.
        #expect(await Self.pass(scheduler, clock, at: start.addingTimeInterval(30 * 3_600)).reminders.isEmpty)
        #expect(await Self.pass(RunScheduler(Self.deps(server, clock)), clock, at: start.addingTimeInterval(31 * 3_600)).reminders.isEmpty)
    }
}
