import Foundation

/// What to do after one attempt.
enum DeliveryDecision: Equatable, Sendable {
    case delivered
    case retry(at: Date)
    /// The receiver answered 410: disable the endpoint and dead-letter the message.
    case gone
    /// Attempts exhausted.
    case exhausted
}

/// Maps an attempt's result to a decision: 2xx delivers, 410 disables, anything else retries on the schedule
/// (no sooner than a 429/503 `Retry-After`) until the schedule runs out.
struct RetryPolicy: Sendable {
    var schedule: [TimeInterval]
    var jitter: Double
    var maxRetryAfter: TimeInterval

    init(_ settings: DeliverySettings) {
        schedule = settings.retrySchedule
        jitter = settings.jitter
        maxRetryAfter = settings.maxRetryAfter
    }

    /// `attemptsBefore` excludes this attempt; `random` is uniform in 0...1.
    func decide(_ result: TransportResult, attemptsBefore: Int, now: Date, random: Double) -> DeliveryDecision {
        if case let .success(response) = result.outcome {
            if (200..<300).contains(response.statusCode) { return .delivered }
            if response.statusCode == 410 { return .gone }
        }
        let attempt = attemptsBefore + 1
        guard attempt <= schedule.count else { return .exhausted }
        var delay = schedule[attempt - 1] * (1 + jitter * (2 * random - 1))
        if case let .success(response) = result.outcome, [429, 503].contains(response.statusCode),
           let retryAfter = response.retryAfter {
            delay = max(delay, min(retryAfter, maxRetryAfter))
        }
        return .retry(at: now.addingTimeInterval(max(0, delay)))
    }
}
