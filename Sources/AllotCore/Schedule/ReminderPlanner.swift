import Foundation

/// Decides which review reminders to send: one per reviewer per round, from `lead` before the round's
/// review deadline, to reviewers with reviews outstanding. A reminder sent before the window opened
/// (say, before the deadline moved later) does not count, so a moved deadline earns a fresh reminder.
/// Reviewers still outstanding after the deadline, never reminded, are reminded late rather than not at all.
public struct ReminderPlanner: Sendable {
    public var outstanding: [OutstandingReview]
    /// Review deadline per round id; rounds without one get no reminders.
    public var deadlines: [String: Date]
    /// How long before the deadline reminders go out, in seconds.
    public var lead: TimeInterval
    public var sent: [SentReminder]

    public init(outstanding: [OutstandingReview], deadlines: [String: Date], lead: TimeInterval, sent: [SentReminder]) {
        self.outstanding = outstanding
        self.deadlines = deadlines
        self.lead = lead
        self.sent = sent
    }

    /// The reminders to send at `now`, sorted by round then reviewer.
    public func dueReminders(at now: Date) -> [DueReminder] {
        pending().compactMap { pair in
            guard pair.opens <= now else { return nil }
            let hours = Int((pair.deadline.timeIntervalSince(now) / 3600).rounded())
            let when = pair.deadline > now
                ? "the deadline \(RunPlanner.text(pair.deadline)) is in \(hours) h"
                : "the deadline \(RunPlanner.text(pair.deadline)) passed \(-hours) h ago"
            let count = pair.proposals.count == 1 ? "1 review" : "\(pair.proposals.count) reviews"
            return DueReminder(round: pair.round, reviewer: pair.reviewer, proposals: pair.proposals, deadline: pair.deadline,
                               reason: "\(pair.reviewer) has \(count) outstanding in round \(pair.round); \(when)")
        }
    }

    /// The earliest time after `now` at which a reminder becomes due, or nil when none will.
    public func nextWakeUp(after now: Date) -> Date? {
        pending().map(\.opens).filter { $0 > now }.min()
    }

    /// Reviewer and round pairs with outstanding reviews, a deadline, and no reminder since their window opened.
    private func pending() -> [(round: String, reviewer: String, proposals: [String], deadline: Date, opens: Date)] {
        var proposals: [Pair: Set<String>] = [:]
        for review in outstanding where deadlines[review.round] != nil {
            proposals[Pair(round: review.round, reviewer: review.reviewer), default: []].insert(review.proposal)
        }
        var lastSent: [Pair: Date] = [:]
        for reminder in sent {
            let pair = Pair(round: reminder.round, reviewer: reminder.reviewer)
            lastSent[pair] = max(lastSent[pair] ?? reminder.at, reminder.at)
        }
        return proposals.keys.sorted().compactMap { pair in
            guard let deadline = deadlines[pair.round], let ids = proposals[pair] else { return nil }
            let opens = deadline.addingTimeInterval(-lead)
            if let last = lastSent[pair], last >= opens { return nil }
            return (pair.round, pair.reviewer, ids.sorted(), deadline, opens)
        }
    }
}

private struct Pair: Hashable, Comparable {
    let round: String
    let reviewer: String

    static func < (a: Pair, b: Pair) -> Bool { (a.round, a.reviewer) < (b.round, b.reviewer) }
}
