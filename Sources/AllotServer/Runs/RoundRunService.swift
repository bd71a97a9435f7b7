import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import AllotWebhooks
import Foundation
import Logging

/// Runs a round from what the store holds: loads its evidence, proposals, reviews and conflicts, evaluates it,
/// records the run (inputs' hashes, config and weights, code version, result) and posts `round.completed` or
/// `round.failed` through the outbox. Never two runs of one round at once.
public final class RoundRunService: Sendable {
    public let evidence: EvidenceLoader
    let rounds: any RoundRepository
    let runs: any RunRepository
    let results: ResultCache
    let robustness: RoundRobustnessSettings
    /// Time for the runs' records and leases, and what the lease renewal sleeps on.
    let clock: any WallClock
    let now: @Sendable () -> Date
    let logger: Logger
    let metrics: ServerMetrics?
    /// The run leases: a round runs on one instance at a time, whichever instance is asked.
    let leases: any LeaseRepository
    /// This instance, in this life of its process, as a lease holder.
    let holder: LeaseHolder
    /// `holder`'s stored form.
    let instance: String
    /// How long a run's lease lasts unrenewed, so a run whose instance died frees its round within this time. Well
    /// above the renewal interval and the longest the store's writer is held (a million-row import holds it for 15-30
    /// seconds), so a live run's renewal that waits on the writer never lets its lease lapse.
    let leaseLength: TimeInterval
    /// How often a run renews its lease.
    let renewalInterval: TimeInterval
    /// Runs of this process in progress (the lease cannot tell two runs of one holder apart).
    private let gate = RunGate()

    /// Creates the service; `clock` is injectable so tests control time.
    public init(store: some StoreRepositories, configDirectory: ConfigDirectory, results: ResultCache = ResultCache(),
                robustness: RoundRobustnessSettings = RoundRobustnessSettings(samples: 200),
                clock: any WallClock = SystemWallClock(), metrics: ServerMetrics? = nil,
                leases: (any LeaseRepository)? = nil, holder: LeaseHolder = LeaseHolder(instance: "allot"),
                leaseLength: TimeInterval = 300, renewalInterval: TimeInterval = 20, logger: Logger = Logger(label: "allot.runs")) {
        evidence = EvidenceLoader(store: store, configDirectory: configDirectory)
        rounds = store.rounds
        runs = store.runs
        self.leases = leases ?? store.leases
        self.holder = holder
        instance = holder.key
        self.leaseLength = leaseLength
        self.renewalInterval = renewalInterval
        self.results = results
        self.robustness = robustness
        self.clock = clock
        now = { clock.now() }
        self.metrics = metrics
        self.logger = logger
    }

    /// Whether a run of `round` is in progress on any instance.
    public func isRunning(round: String) throws -> Bool { try leases.holder(of: .roundRun(round: round), now: now()) != nil }

    /// Runs `round` now for a planner's trigger; the run is stored with the trigger's code (`manual`, `schedule`,
    /// `survey-closed:ID`), so `RunPlanner`'s history can be rebuilt from the stored runs.
    public func run(round id: String, trigger: RunTrigger) async throws -> RoundRunRecord {
        try await run(round: id, trigger: trigger.code)
    }

    /// Runs `round` now. Throws `RunConflict` when a run of it is in progress, `ServiceStoreError.notFound` for an
    /// unknown round; a run that fails is recorded and returned with status `failed`.
    /// `settings`, when given, replace the round's stored settings for this run only (a what-if saved as a run: its
    /// record keeps the settings it used, and the round's own settings do not change).
    /// `stillDue`, when given, is asked once the round's lease is held: a scheduled run that another instance made
    /// between this instance's planning and its taking the lease is not made again (`RunNoLongerDue`).
    public func run(round id: String, trigger: String, settings: RoundSettings? = nil,
                    stillDue: (@Sendable () throws -> Bool)? = nil) async throws -> RoundRunRecord {
        guard var found = try rounds.find(id) else { throw ServiceStoreError.notFound(kind: "round", id: id) }
        guard found.state != .closed else { throw APIError.conflict("round \(id) is closed: it is read-only") }
        if let settings { found.settings = settings }
        let round = found
        // This process first, then the store's lease for every other instance.
        guard await gate.claim(id) else { throw RunConflict(round: id) }
        let lease = LeaseName.roundRun(round: id)
        // The store's calls wait on its writer (an import holds it for seconds): off the cooperative pool, like the run.
        let (leases, instance, length, now) = (leases, instance, leaseLength, now)
        let acquired: Bool
        do {
            acquired = try await BlockingWork.run { try leases.acquire(lease, holder: instance, until: now().addingTimeInterval(length), now: now()) }
        } catch {
            await gate.release(id)
            throw error
        }
        guard acquired else {
            await gate.release(id)
            throw RunConflict(round: id)
        }
        let renewal = Task { [self] in await keepRenewing(lease, round: id) }
        do {
            if let stillDue, try await !BlockingWork.run(stillDue) { throw RunNoLongerDue(round: id) }
            let record = try await BlockingWork.run { [self] in try execute(round, trigger: trigger) }
            await release(lease, renewal: renewal)
            await gate.release(id)
            return record
        } catch {
            await release(lease, renewal: renewal)
            await gate.release(id)
            throw error
        }
    }

    /// Stops renewing `lease` and gives it back.
    private func release(_ lease: LeaseName, renewal: Task<Void, Never>) async {
        renewal.cancel()
        let (leases, instance) = (leases, instance)
        do { try await BlockingWork.run { try leases.release(lease, holder: instance) } } catch {
            // Not fatal: the lease expires on its own, and the round can run again then.
            logger.warning("Run lease not released", metadata: ["lease": "\(lease.key)", "error": "\(error)"])
        }
    }

    /// At an instance's start: gives back the leases of its earlier lives (that process is gone), so the runs they
    /// held are failed now and owed again at once, rather than after their leases' expiry; then fails every run left
    /// running whose lease is not held (`abandonOrphanedRuns`).
    public func recoverEarlierLives(at date: Date) throws -> [RoundRunRecord] {
        let released = try leases.releaseEarlierLives(of: holder)
        if released > 0 {
            logger.info("Leases of this instance's earlier life given back", metadata: ["instance": "\(holder.instance)", "leases": "\(released)"])
        }
        return try abandonOrphanedRuns(at: date)
    }

    /// Marks runs left `running` by an instance that stopped as failed (those whose round's run lease has expired or
    /// was never taken), so they are owed a retry once, as `SchedulerInputs` reads them; returns them, logged.
    public func abandonOrphanedRuns(at date: Date) throws -> [RoundRunRecord] {
        let abandoned = try runs.abandonRunning(at: date, reason: SchedulerInputs.abandonedReason,
                                                retryReason: SchedulerInputs.interruptedTwiceReason)
        for run in abandoned {
            logger.warning("Run left over by a stopped instance marked failed",
                           metadata: ["round": "\(run.round)", "run": "\(run.id)", "attempt": "\(run.attempt)", "reason": "\(run.error ?? "")"])
        }
        return abandoned
    }

    /// Renews the run's lease every `renewalInterval` until cancelled. A lease found lost (this instance stalled
    /// past its expiry and another took the round) is logged: the run still finishes and is recorded, but two runs
    /// of the round may then overlap.
    private func keepRenewing(_ lease: LeaseName, round: String) async {
        while !Task.isCancelled {
            do { try await clock.sleep(until: clock.now().addingTimeInterval(renewalInterval)) } catch { return }
            do {
                let (leases, instance, until) = (leases, instance, now().addingTimeInterval(leaseLength))
                if try await !BlockingWork.run({ try leases.renew(lease, holder: instance, until: until) }) {
                    logger.error("Run lease lost to another instance", metadata: ["round": "\(round)", "instance": "\(instance)"])
                    return
                }
            } catch {
                logger.warning("Run lease not renewed", metadata: ["round": "\(round)", "error": "\(error)"])
            }
        }
    }

    /// The round evaluated with `settings` in place of its own, from the same evidence, proposals and reviews as a run,
    /// without robustness sampling, and nothing stored: the what-if preview. The same code as a run up to the result.
    func preview(round: RoundRecord, settings: RoundSettings) async throws -> RoundResult {
        var changed = round
        changed.settings = settings
        let asked = changed
        let robustness = RoundRobustnessSettings(samples: 0, seed: self.robustness.seed)
        return try await BlockingWork.run { [self] in
            let (inputs, _, _) = try RunInputs.load(asked, evidence: evidence, rounds: rounds, robustness: robustness)
            do throws(RoundError) { return try RoundEvaluator.evaluate(inputs) } catch {
                throw RunSettings.Failure(stage: "portfolio", description: error.description)
            }
        }
    }

    private func execute(_ round: RoundRecord, trigger: String) throws -> RoundRunRecord {
        let started = now()
        // The run after one the daemon died in is its retry: if that dies too, the round is not owed it again.
        let previous = try runs.runs(round: round.id).first
        let attempt = previous.map { $0.status == .failed && $0.error == SchedulerInputs.abandonedReason ? $0.attempt + 1 : 1 } ?? 1
        var record = RoundRunRecord(id: "run_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)),
                               round: round.id, trigger: trigger, status: .running, startedAt: started, inputs: [:], config: "{}",
                               codeVersion: AllotVersion.current, attempt: attempt)
        try runs.start(record)
        logger.info("Round run started", metadata: ["round": "\(round.id)", "run": "\(record.id)", "trigger": "\(trigger)", "attempt": "\(attempt)"])
        do {
            let (inputs, hashes, config) = try RunInputs.load(round, evidence: evidence, rounds: rounds, robustness: robustness)
            record.inputs = hashes
            record.config = config
            let result: RoundResult
            do { result = try RoundEvaluator.evaluate(inputs) } catch { throw RunSettings.Failure(stage: "portfolio", description: error.description) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let json = try encoder.encode(result)
            let csv = Data(RoundSpreadsheet.csv(result).utf8)
            // Closing a round stops its runs: one that was in flight when it closed keeps no result.
            if try rounds.find(round.id)?.state == .closed {
                throw RunSettings.Failure(stage: "closed", description: "the round was closed during the run; its result was not kept")
            }
            record.status = .succeeded
            record.finishedAt = now()
            let event = try WebhookEvents.outboxEvent(RunEvents.completed(result, round: round), occurredAt: record.finishedAt ?? started)
            let nextState: RoundState? = [.open, .reviewing].contains(round.state) ? .scored : nil
            try runs.finish(record, result: json, csv: csv, roundState: nextState, event: event)
            results.store(round: round.id, run: record.id, json: json, csv: csv)
            metrics?.recordRun(status: "succeeded")
            logger.info("Round run succeeded", metadata: ["round": "\(round.id)", "run": "\(record.id)", "proposals": "\(result.proposals.count)"])
        } catch {
            let (stage, reason) = RunEvents.failure(error)
            record.status = .failed
            record.finishedAt = now()
            record.error = "\(stage): \(reason)"
            let event = try? WebhookEvents.outboxEvent(RoundFailed(roundID: round.id, stage: stage, reason: reason),
                                                       occurredAt: record.finishedAt ?? started)
            try runs.finish(record, result: nil, csv: nil, roundState: nil, event: event)
            metrics?.recordRun(status: "failed")
            logger.warning("Round run failed", metadata: ["round": "\(round.id)", "run": "\(record.id)", "stage": "\(stage)", "reason": "\(reason)"])
        }
        return record
    }
}
