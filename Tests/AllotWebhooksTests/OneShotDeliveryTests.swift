import AllotWebhooks
import Foundation
import Testing

@Suite struct OneShotDeliveryTests {
    func delivery(to receiver: Receiver, client: CurlClient, clock: TestClock, giveUpAfter: TimeInterval) throws
        -> OneShotDelivery
    {
        try OneShotDelivery(
            url: receiver.url, signer: WebhookSigner(secretTexts: [Harness.secret]), eventType: "round.failed",
            dataJSON: Data(#"{"round_id": "r1"}"#.utf8), transport: client, giveUpAfter: giveUpAfter,
            now: { clock.now }, sleep: { clock.advance($0) })
    }

    @Test func itRetriesUntilAccepted() async throws {
        let receiver = try await Receiver.start { index, _ in index < 2 ? Reply(status: 500) : Reply() }
        let client = try CurlClient(policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 1)
        let clock = TestClock()
        let attempts = try await delivery(to: receiver, client: client, clock: clock, giveUpAfter: 60).run()
        #expect(attempts.map(\.summary) == ["HTTP 500: ok", "HTTP 500: ok", "HTTP 200: ok"])
        #expect(Set(receiver.received.map(\.id)).count == 1)
        let body = try JSONSerialization.jsonObject(with: try #require(receiver.received.first).body) as? [String: Any]
        #expect(body?.keys.sorted() == ["data", "timestamp", "type"])
        #expect((body?["data"] as? [String: String])?["round_id"] == "r1")
        await client.shutdown()
        await receiver.stop()
    }

    @Test func itGivesUpWithTheLastFailure() async throws {
        let receiver = try await Receiver.start { _, _ in Reply(status: 503, body: "down") }
        let client = try CurlClient(policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 1)
        let clock = TestClock()
        do {
            _ = try await delivery(to: receiver, client: client, clock: clock, giveUpAfter: 10).run()
            Issue.record("a receiver that never accepts was reported as delivered")
        } catch let error as WebhookError {
            // Attempts at 0, 1, 3 and 7 s; the next (16 s later) would pass the 10 s limit.
            #expect(error == .gaveUp(attempts: 4, last: "HTTP 503: down"))
        }
        #expect(receiver.received.count == 4)
        await client.shutdown()
        await receiver.stop()
    }
}
