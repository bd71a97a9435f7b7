import Foundation
import Logging

/// Sends one event straight to a URL (no store), retrying until a 2xx or until the give-up time passes: the engine
/// of `allot webhooks send`, for testing an endpoint.
public struct OneShotDelivery: Sendable {
    /// One attempt, as reported to the operator.
    public struct Attempt: Sendable, Equatable {
        /// 1-based.
        public var number: Int
        /// Status, or the failure.
        public var summary: String
        /// Wall time in milliseconds.
        public var durationMS: Double
    }

    /// Delays between attempts before `Retry-After` and the deadline are applied (then 30 s each).
    public static let backoff: [TimeInterval] = [1, 2, 4, 8, 16]

    let url: String
    let signer: WebhookSigner
    let id: String
    let body: Data
    let transport: any WebhookTransport
    let giveUpAfter: TimeInterval
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void
    let logger: Logger

    /// Prepares the `{"type", "timestamp", "data"}` body (data kept verbatim) under a new `webhook-id`.
    public init(
        url: String, signer: WebhookSigner, eventType: String, dataJSON: Data, transport: any WebhookTransport,
        giveUpAfter: TimeInterval = 60, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = {
            try await Task.sleep(nanoseconds: UInt64($0 * 1e9))
        },
        logger: Logger = Logger(label: "allot.webhooks.send")
    ) throws {
        self.url = url
        self.signer = signer
        self.transport = transport
        self.giveUpAfter = giveUpAfter
        self.now = now
        self.sleep = sleep
        self.logger = logger
        id = WebhookEvents.makeID()
        body = try WebhookEvents.envelope(type: eventType, occurredAt: now(), dataJSON: dataJSON)
    }

    /// Attempts until accepted; returns every attempt, the last one the 2xx. Throws `gaveUp` after a 410 or
    /// when the next attempt would start after the deadline. `report` sees each attempt as it ends.
    public func run(report: @Sendable (Attempt) -> Void = { _ in }) async throws -> [Attempt] {
        let deadline = now().addingTimeInterval(giveUpAfter)
        var attempts: [Attempt] = []
        while true {
            let timestamp = Int(now().timeIntervalSince1970)
            let request = WebhookRequest(url: url, headers: signer.headers(id: id, timestamp: timestamp, body: body), body: body)
            let result = await transport.send(request)
            let summary = AttemptSummary(result, snippetBytes: 200)
            let attempt = Attempt(number: attempts.count + 1, summary: Self.describe(summary), durationMS: result.durationMS)
            attempts.append(attempt)
            report(attempt)
            if let status = summary.statusCode, (200..<300).contains(status) { return attempts }
            if summary.statusCode == 410 || summary.statusCode == nil && Self.isPermanent(result) {
                throw WebhookError.gaveUp(attempts: attempts.count, last: attempt.summary)
            }
            var delay = attempts.count <= Self.backoff.count ? Self.backoff[attempts.count - 1] : 30
            if case let .success(response) = result.outcome, let retryAfter = response.retryAfter {
                delay = max(delay, retryAfter)
            }
            guard now().addingTimeInterval(delay) <= deadline else {
                throw WebhookError.gaveUp(attempts: attempts.count, last: attempt.summary)
            }
            logger.info("Webhook attempt failed; retrying", metadata: [
                "webhook.id": "\(id)", "attempt": "\(attempt.number)", "delay_seconds": "\(delay)",
            ])
            try await sleep(delay)
        }
    }

    private static func describe(_ summary: AttemptSummary) -> String {
        guard let status = summary.statusCode else { return summary.error ?? "no response" }
        guard let snippet = summary.snippet, !snippet.isEmpty else { return "HTTP \(status)" }
        return "HTTP \(status): \(snippet)"
    }

    /// Failures no retry can fix: a bad URL, a refused target or a bad secret.
    private static func isPermanent(_ result: TransportResult) -> Bool {
        guard case let .failure(error) = result.outcome else { return false }
        switch error {
        case .invalidURL, .targetRefused, .invalidSecret, .curlUnavailable, .shutDown: return true
        default: return false
        }
    }
}
