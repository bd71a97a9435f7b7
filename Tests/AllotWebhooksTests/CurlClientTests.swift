import AllotWebhooks
import Foundation
import Testing

@Suite struct CurlClientTests {
    @Test func handlesAreReusedAndEverythingIsFreedOnShutdown() async throws {
        let receiver = try await Receiver.start()
        let client = try CurlClient(policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 2)
        let request = WebhookRequest(url: receiver.url, headers: [("webhook-id", "msg_test")], body: Data("{}".utf8))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<300 {
                group.addTask { _ = await client.send(request) }
            }
        }
        let during = client.resources.counts
        #expect(during.handlesCreated == 2, "one handle per worker thread, reused")
        #expect(during.headerListsCreated == 600, "a header list and a pin list per request")
        await client.shutdown()
        let after = client.resources.counts
        #expect(after.handlesLive == 0)
        #expect(after.headerListsLive == 0)
        #expect(receiver.received.count == 300)
        #expect(await client.send(request).outcome == .failure(.shutDown))
        await receiver.stop()
    }

    @Test func aRefusedTargetIsNeverContacted() async throws {
        let receiver = try await Receiver.start()
        let client = try CurlClient(policy: TargetPolicy(), workers: 1)
        let result = await client.send(WebhookRequest(url: receiver.url, headers: [], body: Data("{}".utf8)))
        guard case let .failure(error) = result.outcome, case .targetRefused = error else {
            Issue.record("expected a refusal, got \(result.outcome)")
            return
        }
        #expect(receiver.received.isEmpty)
        await client.shutdown()
        await receiver.stop()
    }

    @Test func redirectsAreNotFollowed() async throws {
        let target = try await Receiver.start()
        let redirecting = try await Receiver.start { _, _ in Reply(status: 307, headers: ["Location": target.url]) }
        let client = try CurlClient(policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 1)
        let result = await client.send(WebhookRequest(url: redirecting.url, headers: [], body: Data("{}".utf8)))
        #expect((try? result.outcome.get().statusCode) == 307)
        #expect(target.received.isEmpty)
        await client.shutdown()
        await redirecting.stop()
        await target.stop()
    }
}
