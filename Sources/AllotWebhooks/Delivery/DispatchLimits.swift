import AllotStore
import Foundation

/// Per-endpoint requests in flight and rate-limit tokens of one dispatcher.
struct DispatchLimits: Sendable {
    private var inFlight: [String: Int] = [:]
    private var rates = RateLimiter()

    /// How many more messages `endpoint` may have claimed now.
    mutating func free(_ endpoint: WebhookEndpoint, batch: Int, now: Date) -> Int {
        let slots = endpoint.concurrency - inFlight[endpoint.id, default: 0]
        let tokens = rates.available(endpoint.id, rate: endpoint.rateLimitPerSecond, now: now)
        return max(0, min(slots, tokens, batch))
    }

    /// Counts `count` newly claimed messages against the endpoint.
    mutating func reserve(_ count: Int, for endpoint: WebhookEndpoint) {
        guard count > 0 else { return }
        inFlight[endpoint.id, default: 0] += count
        rates.take(count, from: endpoint.id)
    }

    /// One message of the endpoint is no longer in flight.
    mutating func release(_ endpointID: String) {
        inFlight[endpointID, default: 1] -= 1
    }

    /// Whether the endpoint has a free concurrency slot.
    func hasSlot(_ endpoint: WebhookEndpoint) -> Bool {
        inFlight[endpoint.id, default: 0] < endpoint.concurrency
    }

    /// When the endpoint's next rate-limit token arrives, if it is out of them.
    func nextToken(_ endpoint: WebhookEndpoint) -> Date? {
        rates.nextToken(endpoint.id, rate: endpoint.rateLimitPerSecond)
    }
}
