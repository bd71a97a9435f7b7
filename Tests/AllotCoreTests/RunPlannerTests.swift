import AllotCore
import Foundation
import Testing

@Suite struct RunPlannerTests {
    /// 2025-03-01 00:00 UTC plus `hours`.
    private func at(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_740_787_200 + hours * 3600) }

    private func schedule(_ expression: String) throws -> CronSchedule { try CronSchedule(parsing: expression) }

    @Test func aClosedSurveyTriggersOnlyTheRoundsThatDrawOnIt() {
        let surveys = [PlannedSurvey(id: "practitioner-2024-25", closesAt: at(10)), PlannedSurvey(id: "cld-2024-25", closesAt: at(50))]
        let rounds = [PlannedRound(id: "spring", state: .open, surveys: ["practitioner-2024-25"]),
                      PlannedRound(id: "cld", state: .open, surveys: ["cld-2024-25"]),
                      PlannedRound(id: "both", state: .reviewing, surveys: ["cld-2024-25", "practitioner-2024-25"])]
        let due = RunPlanner(surveys: surveys, rounds: rounds, history: []).dueRuns(at: at(12))
        #expect(due.map(\.round) == ["both", "spring"])
        #expect(due.allSatisfy { $0.causes.map(\.trigger) == [.surveyClosed("practitioner-2024-25")] })
        #expect(due.first?.causes.first?.reason == "survey practitioner-2024-25 closed at 2025-03-01T10:00:00Z; the round has not run for it")
    }

    @Test func aRoundRunsOnceForASurveyUntilItClosesAgain() {
        let rounds = [PlannedRound(id: "spring", state: .open, surveys: ["s"])]
        var planner = RunPlanner(surveys: [PlannedSurvey(id: "s", closedAt: at(10))], rounds: rounds, history: [])
        let due = planner.dueRuns(at: at(12))
        #expect(due.count == 1)
        planner.history += due.flatMap(\.records)
        #expect(planner.dueRuns(at: at(12)).isEmpty)
        #expect(planner.dueRuns(at: at(100)).isEmpty)
        // Reopened and closed again later: due once more.
        planner.surveys = [PlannedSurvey(id: "s", closedAt: at(90))]
        #expect(planner.dueRuns(at: at(100)).first?.causes.first?.reason
            == "survey s closed at 2025-03-04T18:00:00Z; the round last ran for it at 2025-03-01T12:00:00Z")
    }

    @Test func aSurveyClosedByHandBeforeItsDateCountsAsClosed() {
        let surveys = [PlannedSurvey(id: "s", closesAt: at(100), closedAt: at(5))]
        let planner = RunPlanner(surveys: surveys, rounds: [PlannedRound(id: "r", state: .open, surveys: ["s"])], history: [])
        #expect(planner.dueRuns(at: at(6)).map(\.round) == ["r"])
        #expect(planner.dueRuns(at: at(4)).isEmpty)
    }

    @Test func missedFireTimesCollapseIntoOneRun() throws {
        let rounds = [PlannedRound(id: "spring", state: .open, schedule: try schedule("0 6 * * *"))]
        let history = [RunRecord(round: "spring", trigger: .schedule, at: at(6))]
        var planner = RunPlanner(surveys: [], rounds: rounds, history: history)
        // The daemon was down from day 1 until day 5 at 10:00: fire times on days 2 to 5 are owed as one run.
        let due = planner.dueRuns(at: at(4 * 24 + 10))
        #expect(due.count == 1)
        #expect(due.first?.causes.map(\.trigger) == [.schedule])
        #expect(due.first?.causes.first?.reason
            == "schedule 0 6 * * * fired 4 times since 2025-03-01T06:00:00Z, last at 2025-03-05T06:00:00Z; they make one run")
        planner.history += due.flatMap(\.records)
        #expect(planner.dueRuns(at: at(4 * 24 + 10)).isEmpty)
        #expect(planner.nextWakeUp(after: at(4 * 24 + 10)) == at(5 * 24 + 6))
        #expect(planner.dueRuns(at: at(5 * 24 + 6)).first?.causes.first?.reason == "schedule 0 6 * * * fired at 2025-03-06T06:00:00Z")
    }

    @Test func fireTimesBeforeTheScheduleWasSetAreNotOwed() throws {
        let since = PlannedRound(id: "r", state: .open, schedule: try schedule("0 6 * * *"), scheduledSince: at(7))
        #expect(RunPlanner(surveys: [], rounds: [since], history: []).dueRuns(at: at(20)).isEmpty)
        #expect(RunPlanner(surveys: [], rounds: [since], history: []).nextWakeUp(after: at(20)) == at(30))
        // With no start time and no scheduled run yet, one run is owed at once.
        let unanchored = PlannedRound(id: "r", state: .open, schedule: try schedule("0 6 * * *"))
        #expect(RunPlanner(surveys: [], rounds: [unanchored], history: []).dueRuns(at: at(20)).first?.causes.map(\.trigger) == [.schedule])
    }

    @Test func decidedAndClosedRoundsNeverRun() throws {
        let surveys = [PlannedSurvey(id: "s", closesAt: at(1)), PlannedSurvey(id: "later", closesAt: at(100))]
        let rounds = try [RoundState.decided, .closed].map {
            PlannedRound(id: $0.rawValue, state: $0, surveys: ["s", "later"], schedule: try schedule("* * * * *"), scheduledSince: at(0))
        }
        let planner = RunPlanner(surveys: surveys, rounds: rounds, history: [])
        #expect(planner.dueRuns(at: at(50)).isEmpty)
        #expect(planner.nextWakeUp(after: at(50)) == nil)
    }

    @Test func causesDueTogetherMakeOneRunInAFixedOrder() throws {
        var rng = SeededRandom(seed: 7)
        let surveys = ["b", "a", "c"].map { PlannedSurvey(id: $0, closesAt: at(1)) }
        let rounds = try ["r2", "r1", "r3"].map {
            PlannedRound(id: $0, state: .scored, surveys: ["c", "a", "b"], schedule: try schedule("*/30 * * * *"), scheduledSince: at(0))
        }
        let history = [RunRecord(round: "r3", trigger: .surveyClosed("b"), at: at(2))]
        let reference = RunPlanner(surveys: surveys, rounds: rounds, history: history).dueRuns(at: at(3))
        #expect(reference.map(\.round) == ["r1", "r2", "r3"])
        #expect(reference.first?.causes.map(\.trigger) == [.surveyClosed("a"), .surveyClosed("b"), .surveyClosed("c"), .schedule])
        #expect(reference.last?.causes.map(\.trigger) == [.surveyClosed("a"), .surveyClosed("c"), .schedule])
        for _ in 0..<5 {
            let shuffled = RunPlanner(surveys: surveys.shuffled(using: &rng), rounds: rounds.shuffled(using: &rng),
                                      history: history.shuffled(using: &rng)).dueRuns(at: at(3))
            #expect(shuffled == reference)
        }
    }

    @Test func theNextWakeUpIsTheEarliestSurveyCloseOrFireTime() throws {
        let surveys = [PlannedSurvey(id: "s", closesAt: at(30)), PlannedSurvey(id: "t", closesAt: at(20))]
        let rounds = [PlannedRound(id: "a", state: .open, surveys: ["s"], schedule: try schedule("0 0 * * *"), scheduledSince: at(0)),
                      PlannedRound(id: "b", state: .open, surveys: ["t"])]
        let planner = RunPlanner(surveys: surveys, rounds: rounds, history: [])
        #expect(planner.nextWakeUp(after: at(1)) == at(20))
        #expect(planner.nextWakeUp(after: at(20)) == at(24))
        #expect(planner.nextWakeUp(after: at(24.5)) == at(30))
        // A survey already run for does not wake the scheduler.
        let ran = RunPlanner(surveys: surveys, rounds: [rounds[1]], history: [RunRecord(round: "b", trigger: .surveyClosed("t"), at: at(21))])
        #expect(ran.nextWakeUp(after: at(22)) == nil)
    }

    @Test func triggersAndDueRunsEncodeAsPlainJSON() throws {
        let run = DueRun(round: "r", at: at(0), causes: [RunCause(trigger: .surveyClosed("cld-2024-25"), reason: "closed")])
        let json = String(decoding: try JSONEncoder().encode(run.records.map(\.trigger)), as: UTF8.self)
        #expect(json == #"["survey-closed:cld-2024-25"]"#)
        #expect(try JSONDecoder().decode(DueRun.self, from: JSONEncoder().encode(run)) == run)
        #expect(RunTrigger(code: "schedule") == .schedule)
        #expect(RunTrigger(code: "sometime") == nil)
    }
}
