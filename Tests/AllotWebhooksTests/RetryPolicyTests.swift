@testable import AllotWebhooks
import Foundation
import Testing

@Suite struct RetryPolicyTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    func result(_ status: Int, retryAfter: TimeInterval? = nil) -> TransportResult {
        TransportResult(.success(WebhookResponse(statusCode: status, retryAfter: retryAfter, body: Data(), truncated: false)),
                        durationMS: 1)
    }

    @Test func theDefaultScheduleIsFollowedThenExhausted() {
        let policy = RetryPolicy(DeliverySettings(jitter: 0))
        let expected: [TimeInterval] = [5, 300, 1800, 7200, 18000, 36000, 36000]
        for (before, delay) in expected.enumerated() {
            #expect(policy.decide(result(500), attemptsBefore: before, now: now, random: 0.5)
                == .retry(at: now.addingTimeInterval(delay)))
        }
        #expect(policy.decide(result(500), attemptsBefore: 7, now: now, random: 0.5) == .exhausted)
    }

    @Test func successAndGoneEndRetrying() {
        let policy = RetryPolicy(DeliverySettings())
        #expect(policy.decide(result(204), attemptsBefore: 3, now: now, random: 0) == .delivered)
        #expect(policy.decide(result(410), attemptsBefore: 0, now: now, random: 0) == .gone)
    }

    @Test func retryAfterIsHonouredOnlyOn429And503() {
        let policy = RetryPolicy(DeliverySettings(jitter: 0))
        #expect(policy.decide(result(429, retryAfter: 600), attemptsBefore: 0, now: now, random: 0.5)
            == .retry(at: now.addingTimeInterval(600)))
        #expect(policy.decide(result(503, retryAfter: 600), attemptsBefore: 0, now: now, random: 0.5)
            == .retry(at: now.addingTimeInterval(600)))
        #expect(policy.decide(result(500, retryAfter: 600), attemptsBefore: 0, now: now, random: 0.5)
            == .retry(at: now.addingTimeInterval(5)))
        // Never sooner than the schedule, never later than the cap.
        #expect(policy.decide(result(429, retryAfter: 1), attemptsBefore: 1, now: now, random: 0.5)
            == .retry(at: now.addingTimeInterval(300)))
        #expect(policy.decide(result(429, retryAfter: 1e9), attemptsBefore: 0, now: now, random: 0.5)
            == .retry(at: now.addingTimeInterval(86_400)))
    }

    @Test func jitterStaysWithinItsBand() {
        let policy = RetryPolicy(DeliverySettings(jitter: 0.2))
        #expect(policy.decide(result(500), attemptsBefore: 1, now: now, random: 0) == .retry(at: now.addingTimeInterval(240)))
        #expect(policy.decide(result(500), attemptsBefore: 1, now: now, random: 1) == .retry(at: now.addingTimeInterval(360)))
    }

    @Test func transportFailuresAreRetried() {
        let policy = RetryPolicy(DeliverySettings(jitter: 0))
        let refused = TransportResult(.failure(.connectionFailed(url: "u", detail: "refused")), durationMS: 1)
        #expect(policy.decide(refused, attemptsBefore: 0, now: now, random: 0.5) == .retry(at: now.addingTimeInterval(5)))
    }
}
