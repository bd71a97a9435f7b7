import Foundation

/// A survey as the run planner sees it: when it closes or closed.
public struct PlannedSurvey: Sendable, Hashable, Codable {
    public var id: String
    /// When the survey is set to close (nil = no date set).
    public var closesAt: Date?
    /// When it was closed by hand, if it was.
    public var closedAt: Date?

    public init(id: String, closesAt: Date? = nil, closedAt: Date? = nil) {
        self.id = id
        self.closesAt = closesAt
        self.closedAt = closedAt
    }

    /// When the survey closes or closed: the earlier of the set date and the hand close.
    public var closeTime: Date? {
        switch (closesAt, closedAt) {
        case let (a?, b?): min(a, b)
        case let (a, b): a ?? b
        }
    }
}

/// Where a round is in its life; decided and closed rounds never run.
public enum RoundState: String, Sendable, Hashable, Codable, CaseIterable {
    case open, reviewing, scored, decided, closed

    /// Whether the scheduler may run the round.
    public var runs: Bool { self != .decided && self != .closed }
}

/// A round as the run planner sees it: its state, the surveys it draws on and its schedule.
public struct PlannedRound: Sendable, Hashable, Codable {
    public var id: String
    public var state: RoundState
    public var surveys: [String]
    public var schedule: CronSchedule?
    /// The zone the schedule's wall-clock times are in.
    public var timeZone: TimeZone
    /// When the schedule was set: fire times before it are not owed. Nil, with no scheduled run in the
    /// history, means the round is owed one scheduled run at once.
    public var scheduledSince: Date?

    public init(id: String, state: RoundState, surveys: [String] = [], schedule: CronSchedule? = nil,
                timeZone: TimeZone = .gmt, scheduledSince: Date? = nil) {
        self.id = id
        self.state = state
        self.surveys = surveys
        self.schedule = schedule
        self.timeZone = timeZone
        self.scheduledSince = scheduledSince
    }
}

/// One run of a round in the history: what triggered it and the planning time it was due at.
public struct RunRecord: Sendable, Hashable, Codable {
    public var round: String
    public var trigger: RunTrigger
    /// Record the `at` of the `DueRun` (the planning time), not when the run finished, so that fire
    /// times falling during a long run are still owed.
    public var at: Date

    public init(round: String, trigger: RunTrigger, at: Date) {
        self.round = round
        self.trigger = trigger
        self.at = at
    }
}

/// A round to run now, once, with every reason it is due.
public struct DueRun: Sendable, Hashable, Codable {
    public var round: String
    /// The planning time: record one `RunRecord` per cause with it.
    public var at: Date
    /// Sorted by trigger.
    public var causes: [RunCause]

    public init(round: String, at: Date, causes: [RunCause]) {
        self.round = round
        self.at = at
        self.causes = causes
    }

    /// The history entries to store once the run has been started.
    public var records: [RunRecord] { causes.map { RunRecord(round: round, trigger: $0.trigger, at: at) } }
}

/// One reason a round is due.
public struct RunCause: Sendable, Hashable, Codable, CustomStringConvertible {
    public var trigger: RunTrigger
    /// In words, for logs and the API.
    public var reason: String

    public init(trigger: RunTrigger, reason: String) {
        self.trigger = trigger
        self.reason = reason
    }

    public var description: String { "\(trigger): \(reason)" }
}
