import AllotStore
import Foundation
import Logging
import ServiceLifecycle

/// Delivers the outbox: claims due messages under a lease, sends them, records each attempt and reschedules or
/// dead-letters failures. Run several (in one or more processes) on one store safely: leases keep them apart.
public final class WebhookDispatcher: Service, Sendable {
    private enum Signal: Sendable {
        case completed(Completed)
        case wake
        case stop
    }

    private let outbox: any OutboxStore
    private let settings: DeliverySettings
    private let sender: MessageSender
    private let cycle: DispatchCycle
    private let now: @Sendable () -> Date
    private let logger: Logger
    private let limits = LockedState(DispatchLimits())
    private let mailbox = Mailbox<Signal>()
    /// Where each cycle's store transaction runs: a thread of its own, not one of Swift's cooperative threads (two on
    /// this machine), which serve the daemon's requests. A cycle's transaction is synchronous and waits on the store:
    /// SQLite's writer while a large import holds it, PostgreSQL's round trips. On a cooperative thread that wait would
    /// take a request thread from every page and API call for its length.
    private let cycleQueue = DispatchQueue(label: "allot.webhooks.dispatch-cycle")

    /// Creates a dispatcher on `outbox` (normally `SQLiteOutboxStore`). `now` and `random` are injectable so tests
    /// control the retry schedule and jitter; `transport` is normally a `CurlClient`, whose lifetime the caller owns.
    public init(
        outbox: any OutboxStore, transport: any WebhookTransport, settings: DeliverySettings = DeliverySettings(),
        now: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        logger: Logger = Logger(label: "allot.webhooks.dispatcher")
    ) {
        self.outbox = outbox
        self.settings = settings
        self.now = now
        self.logger = logger
        sender = MessageSender(transport: transport, now: now)
        cycle = DispatchCycle(settings: settings, policy: RetryPolicy(settings), random: random, logger: logger)
    }

    /// One pass: claims every message due now (within each endpoint's concurrency, rate limit and the claim batch),
    /// sends them concurrently, and records the results. Tests and `allot webhooks dispatch --once` use it.
    @discardableResult
    public func runOnce() async throws -> DispatchReport {
        let claimed = try await step(recording: [], claim: true)
        let completed = await withTaskGroup(of: Completed.self) { group in
            for item in claimed.toSend {
                group.addTask { await self.sender.send(item) }
            }
            var done: [Completed] = []
            for await item in group { done.append(item) }
            return done
        }
        return claimed.report + (try await step(recording: completed, claim: false).report)
    }

    /// Delivers until cancelled or gracefully shut down, then lets requests in flight finish and records them.
    /// Leases of anything unrecorded (a crash) expire and those messages are sent again, with the same id.
    public func run() async throws {
        let token = outbox.bell.listen { [mailbox] in mailbox.post(.wake) }
        defer { token.cancel() }
        logger.info("Webhook dispatcher started", metadata: ["workers": "\(settings.workers)"])
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await loop()
            } onCancel: { [mailbox] in
                mailbox.post(.stop)
            }
        } onGracefulShutdown: { [mailbox] in
            mailbox.post(.stop)
        }
        logger.info("Webhook dispatcher stopped")
    }

    private func loop() async {
        await withDiscardingTaskGroup { group in
            // Other instances' commits ring the bell too (PostgreSQL), until the loop ends and cancels it.
            group.addTask { [outbox] in await outbox.relayQueuedElsewhere() }
            defer { group.cancelAll() }
            var inFlight = 0
            var stopping = false
            var completed: [Completed] = []
            while true {
                var wait = settings.pollInterval
                var storeFailed = false
                do {
                    let result = try await step(recording: completed, claim: !stopping)
                    completed = []
                    for item in result.toSend {
                        inFlight += 1
                        group.addTask { [sender, mailbox] in mailbox.post(.completed(await sender.send(item))) }
                    }
                    if let due = result.nextDue {
                        wait = min(wait, max(0.001, due.timeIntervalSince(now())))
                    }
                } catch {
                    // The store is unavailable (locked, disk full): keep the results and try again after a poll.
                    logger.error("Webhook dispatch cycle failed", metadata: ["error": "\(error)"])
                    storeFailed = true
                }
                // Results that could not be recorded are safe to drop at exit: their leases expire and they are resent.
                if stopping && inFlight == 0 && (completed.isEmpty || storeFailed) { break }
                for signal in await mailbox.wait(timeout: stopping ? settings.transport.totalTimeout : wait) {
                    switch signal {
                    case let .completed(item):
                        completed.append(item)
                        inFlight -= 1
                    case .wake:
                        break
                    case .stop:
                        stopping = true
                    }
                }
            }
        }
    }

    /// Records `completed` and, when `claim`, claims what is due, in one store transaction run on `cycleQueue`.
    private func step(recording completed: [Completed], claim: Bool) async throws -> CycleResult {
        if completed.isEmpty && !claim { return CycleResult() }
        return try await withCheckedThrowingContinuation { continuation in
            cycleQueue.async { [self] in
                continuation.resume(with: Result {
                    try outbox.inTransaction { transaction in
                        try cycle.run(recording: completed, claim: claim, now: now(), limits: limits, in: transaction)
                    }
                })
            }
        }
    }
}
