import Foundation

/// A token bucket per endpoint: `rate` requests per second, bursts up to one second's worth.
struct RateLimiter: Sendable {
    private var tokens: [String: (available: Double, at: Date)] = [:]

    /// Whole requests `endpoint` may start now.
    mutating func available(_ endpoint: String, rate: Double?, now: Date) -> Int {
        guard let rate, rate > 0 else { return Int.max }
        let burst = max(1, rate)
        let previous = tokens[endpoint] ?? (burst, now)
        let refilled = min(burst, previous.available + max(0, now.timeIntervalSince(previous.at)) * rate)
        tokens[endpoint] = (refilled, now)
        return Int(refilled.rounded(.down))
    }

    /// Spends `count` tokens (after `available` was asked).
    mutating func take(_ count: Int, from endpoint: String) {
        guard let current = tokens[endpoint] else { return }
        tokens[endpoint] = (current.available - Double(count), current.at)
    }

    /// When `endpoint` will next have a whole token; nil if it has one now or is unlimited.
    func nextToken(_ endpoint: String, rate: Double?) -> Date? {
        guard let rate, rate > 0, let current = tokens[endpoint], current.available < 1 else { return nil }
        return current.at.addingTimeInterval((1 - current.available) / rate)
    }
}
