import AllotCore
import AllotStore
import Foundation

/// What the planners need, read from the store in one place.
struct SchedulerInputs {
    let surveys: [PlannedSurvey]
    let rounds: [PlannedRound]
    let history: [RunRecord]
    let outstanding: [OutstandingReview]
    let deadlines: [String: Date]
    /// Applicant of each (round, proposal), for the reminders' audience rules.
    let applicants: [String: [String: String]]

    /// Runs the daemon stopped in the middle of are not history: the round is owed its run again, once.
    static let abandonedReason = "the daemon stopped during the run"
    /// The retry of an interrupted run was interrupted too: it is history, so the round is not owed the run again
    /// (a run that kills the process every time must not stop the daemon at every start).
    static let interruptedTwiceReason = "interrupted twice: the daemon stopped during the run and during its retry; not retried again"

    static func load(_ store: some StoreRepositories) throws -> SchedulerInputs {
        let surveys = try store.schedules.all()
            .map { PlannedSurvey(id: $0.id, closesAt: $0.closesAt, closedAt: $0.closedAt) }
        let roundRepository = store.rounds
        let runRepository = store.runs
        var rounds: [PlannedRound] = []
        var history: [RunRecord] = []
        var outstanding: [OutstandingReview] = []
        var deadlines: [String: Date] = [:]
        var applicants: [String: [String: String]] = [:]
        for round in try roundRepository.all() {
            let settings = round.settings
            // The API validates schedules; one that no longer parses (stored by an older version) is skipped, not fatal.
            let schedule = settings.schedule.flatMap { try? CronSchedule(parsing: $0) }
            let zone = settings.scheduleTimeZone.flatMap(TimeZone.init(identifier:)) ?? .gmt
            rounds.append(PlannedRound(id: round.id, state: round.state, surveys: settings.surveys, schedule: schedule,
                                       timeZone: zone, scheduledSince: round.createdAt))
            for run in try runRepository.runs(round: round.id) where !(run.status == .failed && run.error == abandonedReason) {
                for code in run.trigger.split(separator: ",") {
                    if let trigger = RunTrigger(code: String(code)) { history.append(RunRecord(round: round.id, trigger: trigger, at: run.startedAt)) }
                }
            }
            guard let deadline = settings.reviewDeadline, round.state == .open || round.state == .reviewing else { continue }
            deadlines[round.id] = deadline
            let reviewed = Set(try roundRepository.reviews(round: round.id).map { "\($0.proposal)\u{1F}\($0.reviewer)" })
            let withdrawn = Set(try roundRepository.proposals(round: round.id).filter { $0.withdrawnAt != nil }.map(\.id))
            for a in try roundRepository.assignments(round: round.id) where !withdrawn.contains(a.proposal) && !reviewed.contains("\(a.proposal)\u{1F}\(a.reviewer)") {
                outstanding.append(OutstandingReview(round: round.id, reviewer: a.reviewer, proposal: a.proposal))
            }
            var names: [String: String] = [:]
            for p in try roundRepository.proposals(round: round.id) { names[p.id] = p.applicant }
            applicants[round.id] = names
        }
        return SchedulerInputs(surveys: surveys, rounds: rounds, history: history, outstanding: outstanding, deadlines: deadlines,
                               applicants: applicants)
    }
}
