import AllotStore
import AllotWebhooks
import Foundation
import Logging
import ServiceLifecycle

/// The scheduler placeholder: every tick it closes surveys whose close time has passed (posting `survey.closed`),
/// re-runs the open rounds that draw on them, and erases raw responses past their retention. Cron schedules and
/// missed-run catch-up are to be wired in by `RunPlanner`.
public final class SurveyCloseScheduler: Service, Sendable {
    let deps: ServerDependencies
    let logger = Logger(label: "allot.scheduler")

    /// Creates the scheduler.
    public init(_ deps: ServerDependencies) { self.deps = deps }

    public func run() async throws {
        logger.info("Scheduler started", metadata: ["tick_seconds": "\(deps.config.schedulerTickSeconds)"])
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            await tick()
            let seconds = deps.config.schedulerTickSeconds
            do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(seconds)) } } catch { break }
        }
        logger.info("Scheduler stopped")
    }

    /// One pass: close what is due, re-run affected rounds, apply retention. Returns the runs it made.
    @discardableResult
    public func tick() async -> [RoundRunRecord] {
        let schedules = SQLiteSurveyScheduleRepository(deps.database)
        let rounds = SQLiteRoundRepository(deps.database)
        var made: [RoundRunRecord] = []
        do {
            let at = deps.now()
            let due = try schedules.dueToClose(now: at)
            for survey in due {
                _ = try schedules.close(survey.id, at: at)
                let responses = try SQLiteSurveyRepository(deps.database).surveys().first { $0.id == survey.id }?.responses ?? 0
                try await deps.database.writer.write { db in
                    try Outbox.enqueue(SurveyClosed(surveyID: survey.id, closedAt: at, responses: responses), occurredAt: at, in: db)
                }
                logger.info("Survey closed on schedule", metadata: ["survey": "\(survey.id)"])
            }
            let closed = Set(due.map(\.id))
            if !closed.isEmpty {
                for round in try rounds.all() where round.state.runs {
                    guard let survey = round.settings.surveys.sorted().first(where: closed.contains) else { continue }
                    do { made.append(try await deps.runs.run(round: round.id, trigger: .surveyClosed(survey))) } catch {
                        logger.warning("Scheduled run skipped", metadata: ["round": "\(round.id)", "reason": "\(error)"])
                    }
                }
            }
            if case let .days(days) = deps.config.retention {
                let erased = try schedules.eraseResponses(closedBefore: at.addingTimeInterval(-Double(days) * 86_400))
                if erased > 0 { logger.info("Raw responses erased by retention", metadata: ["responses": "\(erased)"]) }
            }
        } catch {
            logger.error("Scheduler tick failed", metadata: ["error": "\(error)"])
        }
        return made
    }
}
