import AllotCore
import AllotStore
import AllotWebhooks
import Foundation
import Logging
import ServiceLifecycle

/// What one scheduler pass did.
public struct SchedulerPass: Sendable {
    /// Runs left `running` by an instance that stopped (their lease expired), now marked failed.
    public var abandoned: [RoundRunRecord] = []
    /// Surveys closed because their close time passed.
    public var closed: [String] = []
    /// Runs made (succeeded or failed; each is stored with its triggers).
    public var runs: [RoundRunRecord] = []
    /// Rounds that were due but already running (they are owed the run on the next pass).
    public var busy: [String] = []
    /// Reminders sent.
    public var reminders: [DueReminder] = []
    /// Raw responses erased by retention.
    public var erased = 0
    /// The next time something becomes due, if anything is planned.
    public var nextWakeUp: Date?
}

/// The daemon's scheduler: closes surveys at their close time, runs the rounds drawing on them and the rounds' cron
/// schedules (fire times missed while the daemon was down collapse into one run at start), sends review reminders
/// before deadlines, and applies retention. It sleeps until the next thing is due, or at most `tick_seconds`, on an
/// injected clock.
public final class RunScheduler<Store: StoreRepositories>: Service, Sendable {
    let deps: ServerDependencies<Store>
    let clock: any WallClock
    let logger = Logger(label: "allot.scheduler")

    /// A scheduler on `deps`, reading the time from and sleeping on `deps.clock`.
    public init(_ deps: ServerDependencies<Store>) {
        self.deps = deps
        clock = deps.clock
    }

    public func run() async throws {
        logger.info("Scheduler started", metadata: ["tick_seconds": "\(deps.config.schedulerTickSeconds)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let now = clock.now()
            let pass = await tick(at: now)
            let cap = now.addingTimeInterval(deps.config.schedulerTickSeconds)
            let until = min(pass.nextWakeUp ?? cap, cap)
            do { try await cancelWhenGracefulShutdown { try await self.clock.sleep(until: until) } } catch { break }
        }
        logger.info("Scheduler stopped")
    }

    /// One pass at `now`: close, run, remind, erase. Errors are logged; the next pass tries again.
    @discardableResult
    public func tick(at now: Date) async -> SchedulerPass {
        var pass = SchedulerPass()
        do {
            // Runs whose instance died (on this machine before a restart, or another instance) are failed once their
            // lease has expired, so the planner below owes their rounds a retry.
            pass.abandoned = try deps.runs.abandonOrphanedRuns(at: now)
            pass.closed = try closeDueSurveys(at: now)
            let inputs = try SchedulerInputs.load(deps.store)
            let planner = RunPlanner(surveys: inputs.surveys, rounds: inputs.rounds, history: inputs.history)
            for due in planner.dueRuns(at: now) {
                if Task.isShuttingDownGracefully { break }
                let trigger = due.causes.map(\.trigger.code).joined(separator: ",")
                // Another instance may make this run between this plan and this instance taking the round's lease:
                // under the lease, the plan is made again from the store, and the run only made if still due.
                let store = deps.store
                let stillDue: @Sendable () throws -> Bool = {
                    let fresh = try SchedulerInputs.load(store)
                    return RunPlanner(surveys: fresh.surveys, rounds: fresh.rounds, history: fresh.history)
                        .dueRuns(at: now).contains { $0.round == due.round && $0.causes == due.causes }
                }
                do {
                    let record = try await deps.runs.run(round: due.round, trigger: trigger, stillDue: stillDue)
                    pass.runs.append(record)
                    logger.info("Scheduled run finished", metadata: [
                        "round": "\(due.round)", "run": "\(record.id)", "status": "\(record.status.rawValue)",
                        "causes": "\(due.causes.map(\.description).joined(separator: "; "))"])
                } catch is RunNoLongerDue {
                    logger.info("Scheduled run already made by another instance", metadata: ["round": "\(due.round)"])
                } catch is RunConflict {
                    pass.busy.append(due.round)
                    logger.info("Scheduled run deferred: the round is running", metadata: ["round": "\(due.round)"])
                } catch {
                    logger.warning("Scheduled run not started", metadata: ["round": "\(due.round)", "reason": "\(error)"])
                }
            }
            pass.reminders = try sendReminders(inputs, at: now)
            pass.erased = try applyRetention(at: now)
            // Ask again after the runs, whose records now count as history.
            let after = try SchedulerInputs.load(deps.store)
            let runsNext = RunPlanner(surveys: after.surveys, rounds: after.rounds, history: after.history).nextWakeUp(after: now)
            let remindersNext = ReminderPlanner(outstanding: after.outstanding, deadlines: after.deadlines,
                                                lead: deps.config.reminderLeadHours * 3600,
                                                sent: try deps.store.reminders.sent()).nextWakeUp(after: now)
            pass.nextWakeUp = [runsNext, remindersNext].compactMap { $0 }.min()
        } catch {
            logger.error("Scheduler pass failed", metadata: ["error": "\(error)"])
        }
        return pass
    }

    /// Closes the surveys whose close time has passed and posts `survey.closed` for each.
    private func closeDueSurveys(at now: Date) throws -> [String] {
        let schedules = deps.store.schedules
        var closed: [String] = []
        for survey in try schedules.dueToClose(now: now) {
            // Every instance sees the survey due; the one whose close changes it posts `survey.closed`, once.
            guard try schedules.closeIfOpen(survey.id, at: now) else { continue }
            let responses = try deps.store.surveys.surveys().first { $0.id == survey.id }?.responses ?? 0
            try deps.store.outbox.enqueueEvent(SurveyClosed(surveyID: survey.id, closedAt: now, responses: responses), occurredAt: now)
            logger.info("Survey closed on schedule", metadata: ["survey": "\(survey.id)", "responses": "\(responses)"])
            closed.append(survey.id)
        }
        return closed
    }

    /// Queues `review.reminder` for each reviewer with outstanding reviews inside the lead time, recorded with it.
    private func sendReminders(_ inputs: SchedulerInputs, at now: Date) throws -> [DueReminder] {
        let repository = deps.store.reminders
        let planner = ReminderPlanner(outstanding: inputs.outstanding, deadlines: inputs.deadlines,
                                      lead: deps.config.reminderLeadHours * 3600, sent: try repository.sent())
        let due = planner.dueReminders(at: now)
        guard !due.isEmpty else { return [] }
        let events = try due.map { r in
            let names = Set(r.proposals.compactMap { inputs.applicants[r.round]?[$0] }).sorted()
            return try WebhookEvents.outboxEvent(
                ReviewReminder(reviewer: r.reviewer, roundID: r.round, proposalIDs: r.proposals, applicants: names, dueBy: r.deadline,
                               reason: r.reason), occurredAt: now)
        }
        try repository.record(due.map { SentReminder(round: $0.round, reviewer: $0.reviewer, at: now) }, events: events)
        for r in due {
            logger.info("Review reminder queued", metadata: ["round": "\(r.round)", "reviewer": "\(r.reviewer)", "outstanding": "\(r.proposals.count)"])
        }
        return due
    }

    /// Erases raw responses of surveys closed longer ago than the retention allows.
    private func applyRetention(at now: Date) throws -> Int {
        guard case let .days(days) = deps.config.retention else { return 0 }
        let erased = try deps.store.schedules.eraseResponses(closedBefore: now.addingTimeInterval(-Double(days) * 86_400))
        if erased > 0 { logger.info("Raw responses erased by retention", metadata: ["responses": "\(erased)"]) }
        return erased
    }
}
