@testable import AllotStore
import AllotWebhooks
import Foundation
import Logging
import Testing

/// The dispatcher on the PostgreSQL outbox (`PostgresOutboxStore`): the delivery promises that depend on the store
/// (delivered once, a 410 disables the endpoint and dead-letters, the last failure dead-letters and raises
/// `delivery.exhausted`), each on a database of its own. Skipped, and reported so, when ALLOT_TEST_DATABASE_URL is unset.
@Suite("Delivery on the PostgreSQL outbox", .enabled(if: TestDatabaseURL.value != nil, "ALLOT_TEST_DATABASE_URL is not set"))
struct DeliveryOnPostgresTests {
    static var url: String? { TestDatabaseURL.value }

    /// A store on a new database, a curl client allowed to reach 127.0.0.1 and a test clock; all closed afterwards, the
    /// store off the cooperative threads (its close blocks until a task on them has run).
    static func withOutbox(settings: DeliverySettings = Harness.settings(),
                           _ body: (PostgresStore, CurlClient, TestClock) async throws -> Void) async throws {
        var logger = Logger(label: "allot.webhooks.postgres.test")
        logger.logLevel = .warning
        let server = try PostgresURL(parsing: try #require(url))
        let name = "allot_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let store = try PostgresStore.open(url: try PostgresDatabases.create(name, on: server), logger: logger)
        let client = try CurlClient(settings: settings.transport, policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 4)
        let outcome: Result<Void, any Error>
        do { outcome = .success(try await body(store, client, TestClock())) } catch { outcome = .failure(error) }
        await client.shutdown()
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            Thread {
                store.close()
                try? PostgresDatabases.drop(name, on: server)
                done.resume()
            }.start()
        }
        try outcome.get()
    }

    static func add(_ id: String, url: String, events: [String] = ["*"], to store: PostgresStore, at: Date) async throws {
        try await PostgresWebhookAdministration(store).add(
            WebhookEndpoint(id: id, url: url, secrets: [Harness.secret], eventTypes: events), at: at,
            activity: ActivityEntry(at: at, actor: "tester", action: .webhookAdded, round: nil, subject: id, summary: "added \(id)"))
    }

    static func dispatcher(_ store: PostgresStore, _ client: CurlClient, _ clock: TestClock,
                           settings: DeliverySettings = Harness.settings()) -> WebhookDispatcher {
        WebhookDispatcher(outbox: PostgresOutboxStore(store), transport: client, settings: settings, now: { clock.now }, random: { 0.5 })
    }

    @Test("A message is delivered once, signed, and logged")
    func successIsDeliveredOnce() async throws {
        try await Self.withOutbox { store, client, clock in
            let receiver = try await Receiver.start()
            try await Self.add("ops", url: receiver.url, to: store, at: clock.now)
            let id = try await PostgresOutboxStore(store).enqueueEvent(Harness.roundFailed, occurredAt: clock.now)
            let dispatcher = Self.dispatcher(store, client, clock)
            #expect(try await dispatcher.runOnce().delivered == 1)
            #expect(try await dispatcher.runOnce().total == 0)
            #expect(receiver.received.map(\.id) == [id])
            let request = try #require(receiver.received.first)
            try WebhookVerifier.verify(id: request.id, timestamp: request.timestamp, body: request.body, signatureHeader: request.signature,
                                       secret: WebhookSecret(Harness.secret), now: clock.now)
            let message = try #require(try await PostgresWebhookAdministration(store).deliveries(MessageFilter()).first)
            #expect(message.state == .delivered && message.attemptLog.map(\.statusCode) == [200])
            await receiver.stop()
        }
    }

    @Test("410 Gone disables the endpoint and dead-letters the message, announced to another endpoint")
    func goneDisablesTheEndpoint() async throws {
        try await Self.withOutbox { store, client, clock in
            let receiver = try await Receiver.start { _, _ in Reply(status: 410) }
            let monitor = try await Receiver.start()
            try await Self.add("ops", url: receiver.url, to: store, at: clock.now)
            try await Self.add("monitor", url: monitor.url, events: ["delivery.exhausted"], to: store, at: clock.now)
            let outbox = PostgresOutboxStore(store)
            let id = try await outbox.enqueueEvent(Harness.roundFailed, occurredAt: clock.now)
            let dispatcher = Self.dispatcher(store, client, clock)
            let admin = PostgresWebhookAdministration(store)

            #expect(try await dispatcher.runOnce().failed == 1)
            #expect(try await admin.endpoints().first { $0.id == "ops" }?.enabled == false)
            #expect(try await admin.deliveries(MessageFilter(eventID: id)).first?.state == .failed)
            #expect(try await dispatcher.runOnce().delivered == 1)
            let notice = try JSONSerialization.jsonObject(with: try #require(monitor.received.first).body) as? [String: Any]
            #expect(notice?["type"] as? String == "delivery.exhausted")

            try await outbox.enqueueEvent(Harness.roundFailed, occurredAt: clock.now)
            clock.advance(60)
            #expect(try await dispatcher.runOnce().total == 0)
            #expect(receiver.received.count == 1, "a disabled endpoint gets nothing more")
            await receiver.stop()
            await monitor.stop()
        }
    }

    @Test("The last failure dead-letters the message and raises delivery.exhausted")
    func theLastFailureDeadLetters() async throws {
        let settings = Harness.settings(schedule: [1])
        try await Self.withOutbox(settings: settings) { store, client, clock in
            let receiver = try await Receiver.start { _, _ in Reply(status: 500) }
            let monitor = try await Receiver.start()
            try await Self.add("ops", url: receiver.url, events: ["round.failed", "delivery.exhausted"], to: store, at: clock.now)
            try await Self.add("monitor", url: monitor.url, events: ["delivery.exhausted"], to: store, at: clock.now)
            let id = try await PostgresOutboxStore(store).enqueueEvent(Harness.roundFailed, occurredAt: clock.now)
            let dispatcher = Self.dispatcher(store, client, clock, settings: settings)

            #expect(try await dispatcher.runOnce().retried == 1)
            clock.advance(1)
            #expect(try await dispatcher.runOnce().failed == 1)
            let message = try #require(try await PostgresWebhookAdministration(store).deliveries(MessageFilter(eventID: id)).first)
            #expect(message.state == .failed && message.attempts == 2)
            #expect(message.lastError?.contains("gave up after 2 attempts") == true)
            #expect(try await dispatcher.runOnce().delivered == 1)
            #expect(monitor.received.count == 1)
            #expect(receiver.received.map(\.id) == [id, id], "the failing endpoint is not told about itself")
            await receiver.stop()
            await monitor.stop()
        }
    }
}

/// The PostgreSQL server `make test` starts (Tests/support/pg-cluster), if any.
enum TestDatabaseURL {
    static let value: String? = ProcessInfo.processInfo.environment["ALLOT_TEST_DATABASE_URL"].flatMap { $0.isEmpty ? nil : $0 }
}
