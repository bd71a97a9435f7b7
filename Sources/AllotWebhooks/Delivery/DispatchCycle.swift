import AllotStore
import Foundation
import Logging

/// A message claimed for sending, with its endpoint as it was when claimed.
struct Claimed: Sendable {
    var message: ClaimedMessage
    var endpoint: WebhookEndpoint
}

/// A send that finished.
struct Completed: Sendable {
    var claimed: Claimed
    var startedAt: Date
    var result: TransportResult
}

/// What one store transaction of the dispatcher produced.
struct CycleResult: Sendable {
    var toSend: [Claimed] = []
    var report = DispatchReport()
    /// The earliest time more work becomes claimable (nil: only the poll interval applies).
    var nextDue: Date?
}

/// The dispatcher's store work, one write transaction per cycle: record finished attempts, then claim what is due.
struct DispatchCycle: Sendable {
    let settings: DeliverySettings
    let policy: RetryPolicy
    let random: @Sendable () -> Double
    let logger: Logger

    func run(
        recording completed: [Completed], claim: Bool, now: Date, limits: LockedState<DispatchLimits>,
        in transaction: any OutboxTransaction
    ) throws -> CycleResult {
        var result = CycleResult()
        // The completions' records are written together, after the loop: one statement on PostgreSQL.
        var records: [AttemptRecord] = []
        for item in completed {
            let (report, record) = try decide(item, now: now, in: transaction)
            result.report = result.report + report
            records.append(record)
            limits.withLock { $0.release(item.claimed.endpoint.id) }
        }
        try transaction.record(records, now: now)
        guard claim else { return result }
        for endpoint in try transaction.enabledEndpoints() {
            let free = limits.withLock { $0.free(endpoint, batch: settings.claimBatch, now: now) }
            let claimed = try transaction.claim(
                endpointID: endpoint.id, limit: free, now: now, leaseUntil: now.addingTimeInterval(settings.lease))
            var sending = 0
            var suppressed: [AttemptRecord] = []
            for message in claimed {
                if let reason = try AudienceGate.suppression(for: message.event, endpoint: endpoint, in: transaction) {
                    suppressed.append(AttemptRecord(
                        messageID: message.messageID, startedAt: now, durationMS: 0, statusCode: nil, error: nil,
                        responseSnippet: nil, outcome: .suppressed(reason: reason)))
                    result.report.suppressed += 1
                    logger.info("Webhook withheld from reviewer endpoint", metadata: [
                        "webhook.id": "\(message.event.id)", "endpoint": "\(endpoint.id)", "reason": "\(reason)",
                    ])
                    continue
                }
                result.toSend.append(Claimed(message: message, endpoint: endpoint))
                sending += 1
            }
            // Before `nextDue`, so a withheld message no longer counts as pending.
            try transaction.record(suppressed, now: now)
            let (hasSlot, nextToken) = limits.withLock { limits in
                limits.reserve(sending, for: endpoint)
                return (limits.hasSlot(endpoint), limits.nextToken(endpoint))
            }
            // An endpoint with no free slot is woken by its next completion, not by a timer.
            guard hasSlot, let due = try transaction.nextDue(endpointID: endpoint.id) else { continue }
            let wake = max(due, nextToken ?? due)
            result.nextDue = min(result.nextDue ?? wake, wake)
        }
        return result
    }

    /// What became of one completed attempt: its report, and the record to write. A 410 disables the endpoint and a
    /// dead letter queues `delivery.exhausted`, both in `transaction`.
    private func decide(_ item: Completed, now: Date, in transaction: any OutboxTransaction) throws -> (DispatchReport, AttemptRecord) {
        let message = item.claimed.message
        let endpoint = item.claimed.endpoint
        let attempts = message.attempts + 1
        let decision = policy.decide(item.result, attemptsBefore: message.attempts, now: now, random: random())
        let summary = AttemptSummary(item.result, snippetBytes: settings.logSnippetBytes)
        var report = DispatchReport()
        let outcome: AttemptOutcome
        var metadata: Logger.Metadata = [
            "webhook.id": "\(message.event.id)", "endpoint": "\(endpoint.id)", "attempt": "\(attempts)",
            "status": "\(summary.statusCode.map(String.init) ?? "none")",
        ]
        if let error = summary.error { metadata["error"] = "\(error)" }
        switch decision {
        case .delivered:
            outcome = .delivered
            report.delivered = 1
            logger.debug("Webhook delivered", metadata: metadata)
        case let .retry(at):
            outcome = .retry(at: at)
            report.retried = 1
            metadata["next_attempt"] = "\(at)"
            logger.info("Webhook attempt failed; will retry", metadata: metadata)
        case .gone:
            outcome = .failed(reason: "endpoint answered 410 Gone; endpoint disabled")
            report.failed = 1
            try transaction.disableEndpoint(endpoint.id, reason: "answered 410 Gone to \(message.event.id)", now: now)
            logger.warning("Webhook endpoint answered 410 Gone; disabled it", metadata: metadata)
        case .exhausted:
            outcome = .failed(reason: "gave up after \(attempts) attempts; last: \(summary.headline)")
            report.failed = 1
            logger.warning("Webhook dead-lettered after its last attempt", metadata: metadata)
        }
        let record = AttemptRecord(
            messageID: message.messageID, startedAt: item.startedAt, durationMS: item.result.durationMS,
            statusCode: summary.statusCode, error: summary.error, responseSnippet: summary.snippet, outcome: outcome)
        if case let .failed(reason) = outcome, message.event.type != WebhookEventType.deliveryExhausted.rawValue {
            // Never about a delivery.exhausted message itself, and never to the failing endpoint: no cascade.
            try transaction.enqueue(
                DeliveryExhausted(
                    messageID: message.event.id, eventType: message.event.type, endpointID: endpoint.id,
                    attempts: attempts, lastStatus: summary.statusCode, reason: reason),
                occurredAt: now, excludingEndpoint: endpoint.id)
        }
        return (report, record)
    }
}

/// The log-friendly parts of a transport result.
struct AttemptSummary {
    var statusCode: Int?
    var error: String?
    var snippet: String?

    init(_ result: TransportResult, snippetBytes: Int) {
        switch result.outcome {
        case let .success(response):
            statusCode = response.statusCode
            let kept = response.body.prefix(snippetBytes)
            snippet = kept.isEmpty ? nil : String(decoding: kept, as: UTF8.self)
            if response.truncated { error = "response body over the capture cap; cut short" }
        case let .failure(failure):
            error = failure.description
        }
    }

    /// Status or error, for dead-letter reasons.
    var headline: String {
        if let statusCode { return "HTTP \(statusCode)" }
        return error ?? "no response"
    }
}
