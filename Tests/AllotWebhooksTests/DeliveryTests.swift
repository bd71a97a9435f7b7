import AllotStore
import AllotWebhooks
import Foundation
import GRDB
import Testing

/// Delivery against a real HTTP server on 127.0.0.1 through libcurl, with the outbox in a real SQLite file.
@Suite struct DeliveryTests {
    func expectSigned(_ request: ReceivedRequest, _ harness: Harness) throws {
        try WebhookVerifier.verify(
            id: request.id, timestamp: request.timestamp, body: request.body, signatureHeader: request.signature,
            secret: WebhookSecret(Harness.secret), now: harness.clock.now)
    }

    /// A fresh store, a scripted receiver registered as endpoint `ops`, one queued `round.failed` and a dispatcher.
    func scenario(
        _ settings: DeliverySettings = Harness.settings(),
        script: @escaping @Sendable (Int, ReceivedRequest) -> Reply = { _, _ in Reply() }
    ) async throws -> (harness: Harness, receiver: Receiver, id: String, dispatcher: WebhookDispatcher) {
        let harness = try Harness(settings: settings)
        let receiver = try await Receiver.start(script: script)
        try harness.addEndpoint("ops", url: receiver.url)
        let id = try harness.enqueue(Harness.roundFailed)
        return (harness, receiver, id, harness.dispatcher())
    }

    @Test func successIsDeliveredOnce() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario()

        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(try await dispatcher.runOnce().total == 0)

        let received = receiver.received
        #expect(received.map(\.id) == [id])
        try expectSigned(try #require(received.first), harness)
        let body = try JSONSerialization.jsonObject(with: try #require(received.first).body) as? [String: Any]
        #expect(body?["type"] as? String == "round.failed")
        #expect((body?["data"] as? [String: Any])?["round_id"] as? String == "2026-spring")
        let message = try #require(try harness.messages().first)
        #expect(message.state == .delivered)
        #expect(message.attemptLog.map(\.statusCode) == [200])
        #expect(message.attemptLog.first?.responseSnippet == "ok")
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func serverErrorIsRetriedUntilAccepted() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario { index, _ in
            index == 0 ? Reply(status: 500, body: "boom") : Reply()
        }

        #expect(try await dispatcher.runOnce().retried == 1)
        #expect(try await dispatcher.runOnce().total == 0, "the retry is not due yet")
        harness.clock.advance(1)
        #expect(try await dispatcher.runOnce().delivered == 1)

        #expect(receiver.received.map(\.id) == [id, id])
        for request in receiver.received { try expectSigned(request, harness) }
        let message = try #require(try harness.messages().first)
        #expect(message.state == .delivered)
        #expect(message.attemptLog.map(\.statusCode) == [500, 200])
        #expect(message.attemptLog.first?.responseSnippet == "boom")
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func timeoutIsRetriedWithTheSameID() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario(Harness.settings(totalTimeout: 2)) { index, _ in
            index == 0 ? Reply(delay: 8) : Reply()
        }

        #expect(try await dispatcher.runOnce().retried == 1)
        let first = try #require(try harness.messages().first)
        #expect(first.attemptLog.first?.statusCode == nil)
        #expect(first.attemptLog.first?.error?.contains("timed out") == true)
        harness.clock.advance(1)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id, id])
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func refusedConnectionIsRetriedOnceTheReceiverIsUp() async throws {
        let harness = try Harness()
        let gone = try await Receiver.start()
        let port = gone.port
        await gone.stop()
        try harness.addEndpoint("ops", url: "http://127.0.0.1:\(port)/hook")
        let id = try harness.enqueue(Harness.roundFailed)
        let dispatcher = harness.dispatcher()

        #expect(try await dispatcher.runOnce().retried == 1)
        let failed = try #require(try harness.messages().first)
        #expect(failed.attemptLog.first?.error?.contains("cannot connect") == true)

        let receiver = try await Receiver.start(port: port)
        harness.clock.advance(1)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id])
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func goneDisablesTheEndpointAndDeadLettersTheMessage() async throws {
        let harness = try Harness()
        let receiver = try await Receiver.start { _, _ in Reply(status: 410) }
        let monitor = try await Receiver.start()
        try harness.addEndpoint("ops", url: receiver.url)
        try harness.addEndpoint("monitor", url: monitor.url, events: ["delivery.exhausted"])
        let id = try harness.enqueue(Harness.roundFailed)
        let dispatcher = harness.dispatcher()

        #expect(try await dispatcher.runOnce().failed == 1)
        #expect(try harness.endpoint("ops")?.enabled == false)
        #expect(try harness.messages(MessageFilter(eventID: id)).first?.state == .failed)
        // The dead letter is announced to the monitor, not to the gone endpoint.
        #expect(try await dispatcher.runOnce().delivered == 1)
        let notice = try JSONSerialization.jsonObject(with: try #require(monitor.received.first).body) as? [String: Any]
        #expect(notice?["type"] as? String == "delivery.exhausted")
        #expect((notice?["data"] as? [String: Any])?["message_id"] as? String == id)

        try harness.enqueue(Harness.roundFailed)
        harness.clock.advance(60)
        #expect(try await dispatcher.runOnce().total == 0)
        #expect(receiver.received.count == 1, "a disabled endpoint gets nothing more")
        await receiver.stop()
        await monitor.stop()
        await harness.shutdown()
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario { index, _ in
            index == 0 ? Reply(status: 429, headers: ["Retry-After": "120"]) : Reply()
        }

        #expect(try await dispatcher.runOnce().retried == 1)
        harness.clock.advance(60)
        #expect(try await dispatcher.runOnce().total == 0, "Retry-After: 120 outweighs the 1 s schedule")
        harness.clock.advance(61)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id, id])
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func aBodyOverTheCapIsCutShortAndStillCounts() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario(Harness.settings(capture: 1024)) { _, _ in
            Reply(body: String(repeating: "x", count: 200_000))
        }

        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id])
        let attempt = try #require(try harness.messages().first?.attemptLog.first)
        #expect(attempt.statusCode == 200)
        #expect(attempt.responseSnippet?.utf8.count == harness.settings.logSnippetBytes)
        #expect(attempt.error?.contains("capture cap") == true)
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func restartMidRetryLosesNothing() async throws {
        let harness = try Harness()
        let receiver = try await Receiver.start { index, _ in index == 0 ? Reply(status: 503) : Reply() }
        try harness.addEndpoint("ops", url: receiver.url)
        let id = try harness.enqueue(Harness.roundFailed)
        #expect(try await harness.dispatcher().runOnce().retried == 1)

        // A dispatcher claims the retry and dies before sending: its lease is all that is left.
        harness.clock.advance(1)
        let leased = try await harness.outbox.inTransaction { transaction in
            try transaction.claim(endpointID: "ops", limit: 10, now: harness.clock.now,
                                  leaseUntil: harness.clock.now.addingTimeInterval(30))
        }
        #expect(leased.map(\.event.id) == [id])
        try harness.reopen()

        let restarted = harness.dispatcher()
        #expect(try await restarted.runOnce().total == 0, "the lease still holds")
        harness.clock.advance(31)
        #expect(try await restarted.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id, id])
        #expect(try harness.messages().first?.state == .delivered)
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func theLastFailureDeadLettersAndRaisesDeliveryExhausted() async throws {
        let harness = try Harness(settings: Harness.settings(schedule: [1]))
        let receiver = try await Receiver.start { _, _ in Reply(status: 500) }
        let monitor = try await Receiver.start()
        try harness.addEndpoint("ops", url: receiver.url, events: ["round.failed", "delivery.exhausted"])
        try harness.addEndpoint("monitor", url: monitor.url, events: ["delivery.exhausted"])
        let id = try harness.enqueue(Harness.roundFailed)
        let dispatcher = harness.dispatcher()

        #expect(try await dispatcher.runOnce().retried == 1)
        harness.clock.advance(1)
        #expect(try await dispatcher.runOnce().failed == 1)
        let message = try #require(try harness.messages(MessageFilter(eventID: id)).first)
        #expect(message.state == .failed)
        #expect(message.lastError?.contains("gave up after 2 attempts") == true)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(monitor.received.count == 1)
        #expect(receiver.received.map(\.id) == [id, id], "the failing endpoint is not told about itself")
        await receiver.stop()
        await monitor.stop()
        await harness.shutdown()
    }

    @Test func redeliveryResendsWithTheSameID() async throws {
        let (harness, receiver, id, dispatcher) = try await scenario()
        #expect(try await dispatcher.runOnce().delivered == 1)

        let requeued = try harness.outbox.redeliver(MessageFilter(eventID: id), now: harness.clock.now)
        #expect(requeued == 1)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [id, id])
        #expect(try harness.messages().first?.attemptLog.count == 2)
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func failedMessagesSinceATimeCanBeRedelivered() async throws {
        let harness = try Harness(settings: Harness.settings(schedule: []))
        let receiver = try await Receiver.start { index, _ in index < 2 ? Reply(status: 500) : Reply() }
        try harness.addEndpoint("ops", url: receiver.url, events: ["round.failed"])
        let early = try harness.enqueue(Harness.roundFailed)
        let dispatcher = harness.dispatcher()
        #expect(try await dispatcher.runOnce().failed == 1)
        harness.clock.advance(100)
        let cutoff = harness.clock.now
        let late = try harness.enqueue(Harness.roundFailed)
        #expect(try await dispatcher.runOnce().failed == 1)

        let requeued = try harness.outbox.redeliver(MessageFilter(state: .failed, since: cutoff), now: harness.clock.now)
        #expect(requeued == 1)
        #expect(try await dispatcher.runOnce().delivered == 1)
        #expect(receiver.received.map(\.id) == [early, late, late])
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func enqueueCommitsOrRollsBackWithItsTransaction() async throws {
        let harness = try Harness()
        try harness.addEndpoint("ops", url: "http://127.0.0.1:9/hook")
        struct Abort: Error {}
        #expect(throws: Abort.self) {
            try harness.outbox.inTransaction { transaction in
                try transaction.enqueue(Harness.roundFailed, occurredAt: harness.clock.now)
                throw Abort()
            }
        }
        #expect(try harness.messages().isEmpty)
        try harness.enqueue(Harness.roundFailed)
        #expect(try harness.messages().count == 1)
        await harness.shutdown()
    }

    @Test func theRunningServiceDeliversWhatIsEnqueuedWhileItRuns() async throws {
        let harness = try Harness()
        let receiver = try await Receiver.start()
        try harness.addEndpoint("ops", url: receiver.url)
        let dispatcher = harness.dispatcher()
        let service = Task { try await dispatcher.run() }
        var ids: [String] = []
        for _ in 0..<50 { ids.append(try harness.enqueue(Harness.roundFailed)) }
        // Bounded wait for a condition, not a timing assertion: the loop ends as soon as all 50 are in.
        var polls = 0
        while try harness.messages(MessageFilter(state: .delivered, limit: 100)).count < 50, polls < 600 {
            try await Task.sleep(nanoseconds: 50_000_000)
            polls += 1
        }
        service.cancel()
        try await service.value
        #expect(Set(receiver.received.map(\.id)) == Set(ids))
        #expect(receiver.received.count == 50)
        #expect(try harness.messages(MessageFilter(state: .delivered, limit: 100)).count == 50)
        await receiver.stop()
        await harness.shutdown()
    }

    @Test func anEnqueueThroughTheStoreRingsTheBellTheServiceListensTo() async throws {
        // A poll interval far longer than the wait below: only the outbox's bell can wake the service in time.
        let harness = try Harness(settings: Harness.settings(pollInterval: 600))
        let receiver = try await Receiver.start()
        try harness.addEndpoint("ops", url: receiver.url)
        let dispatcher = harness.dispatcher()
        let service = Task { try await dispatcher.run() }
        // Give the service its first (empty) pass, so the message below arrives while it sleeps.
        try await Task.sleep(nanoseconds: 300_000_000)
        let id = try await harness.outbox.enqueueEvent(Harness.roundFailed, occurredAt: harness.clock.now)
        var polls = 0
        while receiver.received.isEmpty, polls < 400 {
            try await Task.sleep(nanoseconds: 50_000_000)
            polls += 1
        }
        service.cancel()
        try await service.value
        #expect(receiver.received.map(\.id) == [id])
        await receiver.stop()
        await harness.shutdown()
    }
}
