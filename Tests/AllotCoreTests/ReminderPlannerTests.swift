import AllotCore
import Foundation
import Testing

@Suite struct ReminderPlannerTests {
    /// 2025-03-01 00:00 UTC plus `hours`.
    private func at(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_740_787_200 + hours * 3600) }

    private let outstanding = [OutstandingReview(round: "spring", reviewer: "bob", proposal: "P-2"),
                               OutstandingReview(round: "spring", reviewer: "ann", proposal: "P-3"),
                               OutstandingReview(round: "spring", reviewer: "ann", proposal: "P-1"),
                               OutstandingReview(round: "autumn", reviewer: "ann", proposal: "P-9")]

    @Test func oneReminderPerReviewerPerRoundOnceTheLeadTimeStarts() {
        let planner = ReminderPlanner(outstanding: outstanding, deadlines: ["spring": at(100), "autumn": at(200)], lead: 48 * 3600, sent: [])
        #expect(planner.dueReminders(at: at(51)).isEmpty)
        let due = planner.dueReminders(at: at(52))
        #expect(due.map { "\($0.round)/\($0.reviewer)" } == ["spring/ann", "spring/bob"])
        #expect(due.first?.proposals == ["P-1", "P-3"])
        #expect(due.first?.reason == "ann has 2 reviews outstanding in round spring; the deadline 2025-03-05T04:00:00Z is in 48 h")
    }

    @Test func aSentReminderIsNotRepeatedButAMovedDeadlineEarnsANewOne() {
        let sent = [SentReminder(round: "spring", reviewer: "ann", at: at(53))]
        let planner = ReminderPlanner(outstanding: outstanding, deadlines: ["spring": at(100)], lead: 48 * 3600, sent: sent)
        #expect(planner.dueReminders(at: at(60)).map(\.reviewer) == ["bob"])
        let moved = ReminderPlanner(outstanding: outstanding, deadlines: ["spring": at(150)], lead: 48 * 3600, sent: sent)
        #expect(moved.dueReminders(at: at(60)).isEmpty)
        #expect(moved.dueReminders(at: at(102)).map(\.reviewer) == ["ann", "bob"])
    }

    @Test func theNextWakeUpIsWhenTheNextReminderFallsDue() {
        let planner = ReminderPlanner(outstanding: outstanding, deadlines: ["spring": at(100), "autumn": at(200)], lead: 48 * 3600, sent: [])
        #expect(planner.nextWakeUp(after: at(0)) == at(52))
        #expect(planner.nextWakeUp(after: at(52)) == at(152))
        let allSent = ReminderPlanner(outstanding: outstanding, deadlines: ["spring": at(100), "autumn": at(200)], lead: 48 * 3600,
                                      sent: [SentReminder(round: "spring", reviewer: "ann", at: at(60)),
                                             SentReminder(round: "spring", reviewer: "bob", at: at(60)),
                                             SentReminder(round: "autumn", reviewer: "ann", at: at(160))])
        #expect(allSent.nextWakeUp(after: at(0)) == nil)
        #expect(allSent.dueReminders(at: at(300)).isEmpty)
    }

    @Test func aReviewerNeverRemindedIsRemindedLateAfterTheDeadline() {
        let planner = ReminderPlanner(outstanding: outstanding, deadlines: ["autumn": at(200)], lead: 48 * 3600, sent: [])
        #expect(planner.dueReminders(at: at(203)).first?.reason
            == "ann has 1 review outstanding in round autumn; the deadline 2025-03-09T08:00:00Z passed 3 h ago")
    }

    @Test func roundsWithoutADeadlineGetNoReminders() {
        let planner = ReminderPlanner(outstanding: outstanding, deadlines: [:], lead: 48 * 3600, sent: [])
        #expect(planner.dueReminders(at: at(1000)).isEmpty)
        #expect(planner.nextWakeUp(after: at(0)) == nil)
    }
}
