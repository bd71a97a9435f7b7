import Foundation

/// Decides which rounds the scheduler runs and when it next needs to wake. Pure: the clock is the `now`
/// passed in, and the answer depends only on the inputs, not their order.
///
/// A runnable round (not decided or closed) is due
/// - once for each survey it draws on that has closed since the round last ran for that survey, and
/// - when a fire time of its schedule fell after its last scheduled run (or `scheduledSince`) and at or
///   before now; fire times missed while the daemon was down collapse into one run.
/// Causes due together make one run of the round.
public struct RunPlanner: Sendable {
    public var surveys: [PlannedSurvey]
    public var rounds: [PlannedRound]
    public var history: [RunRecord]

    public init(surveys: [PlannedSurvey], rounds: [PlannedRound], history: [RunRecord]) {
        self.surveys = surveys
        self.rounds = rounds
        self.history = history
    }

    /// The runs due at `now`, one per round, sorted by round id.
    public func dueRuns(at now: Date) -> [DueRun] {
        let last = lastRuns()
        let closeTimes = self.closeTimes()
        return runnableRounds.compactMap { round in
            var causes: [RunCause] = []
            for survey in Set(round.surveys).sorted() {
                guard let closed = closeTimes[survey], closed <= now else { continue }
                let trigger = RunTrigger.surveyClosed(survey)
                let previous = last[RunKey(round: round.id, trigger: trigger)]
                if let previous, previous >= closed { continue }
                let since = previous.map { "; the round last ran for it at \(Self.text($0))" } ?? "; the round has not run for it"
                causes.append(RunCause(trigger: trigger, reason: "survey \(survey) closed at \(Self.text(closed))\(since)"))
            }
            if let schedule = round.schedule {
                let previous = last[RunKey(round: round.id, trigger: .schedule)]
                let from = Self.latest(previous, round.scheduledSince)
                if let fire = schedule.next(after: from ?? .distantPast, in: round.timeZone), fire <= now {
                    causes.append(RunCause(trigger: .schedule,
                                           reason: Self.scheduleReason(schedule, round: round, from: from, firstFire: fire, now: now)))
                }
            }
            return causes.isEmpty ? nil : DueRun(round: round.id, at: now, causes: causes.sorted { $0.trigger < $1.trigger })
        }
    }

    /// The earliest time after `now` at which a run becomes due, or nil when nothing ever will. Runs already
    /// due at `now` do not count: take them first, record them, then ask again.
    public func nextWakeUp(after now: Date) -> Date? {
        let last = lastRuns()
        let closeTimes = self.closeTimes()
        var earliest: Date?
        for round in runnableRounds {
            for survey in round.surveys {
                guard let closed = closeTimes[survey], closed > now else { continue }
                if let previous = last[RunKey(round: round.id, trigger: .surveyClosed(survey))], previous >= closed { continue }
                earliest = Self.earliest(earliest, closed)
            }
            if let schedule = round.schedule {
                let from = Self.latest(Self.latest(last[RunKey(round: round.id, trigger: .schedule)], round.scheduledSince), now)
                if let fire = schedule.next(after: from ?? now, in: round.timeZone) { earliest = Self.earliest(earliest, fire) }
            }
        }
        return earliest
    }

    private var runnableRounds: [PlannedRound] {
        rounds.filter(\.state.runs).sorted { $0.id < $1.id }
    }

    /// Close times by survey id; when a survey is listed twice, the later time counts.
    private func closeTimes() -> [String: Date] {
        var times: [String: Date] = [:]
        for survey in surveys {
            guard let time = survey.closeTime else { continue }
            times[survey.id] = Self.latest(times[survey.id], time)
        }
        return times
    }

    /// The latest run per round and trigger.
    private func lastRuns() -> [RunKey: Date] {
        var last: [RunKey: Date] = [:]
        for record in history {
            let key = RunKey(round: record.round, trigger: record.trigger)
            last[key] = Self.latest(last[key], record.at)
        }
        return last
    }

    private static func scheduleReason(_ schedule: CronSchedule, round: PlannedRound, from: Date?, firstFire: Date, now: Date) -> String {
        guard let from else { return "schedule \(schedule) has not run yet and has no start time, so one run is owed now" }
        // Counting is capped: a minutely schedule down for a month would otherwise count for a while.
        var count = 0, latest = firstFire
        var fire: Date? = firstFire
        while let f = fire, f <= now, count < 1000 {
            count += 1
            latest = f
            fire = schedule.next(after: f, in: round.timeZone)
        }
        if count == 1 { return "schedule \(schedule) fired at \(text(latest))" }
        let many = count >= 1000 ? "at least 1000" : "\(count)"
        return "schedule \(schedule) fired \(many) times since \(text(from)), last at \(text(latest)); they make one run"
    }

    static func text(_ date: Date) -> String { date.ISO8601Format() }

    private static func latest(_ a: Date?, _ b: Date?) -> Date? {
        switch (a, b) {
        case let (x?, y?): max(x, y)
        case let (x, y): x ?? y
        }
    }

    private static func earliest(_ a: Date?, _ b: Date) -> Date { a.map { min($0, b) } ?? b }
}

private struct RunKey: Hashable {
    let round: String
    let trigger: RunTrigger
}
