@testable import AllotStore
@testable import AllotWebhooks
import Foundation
import Testing

/// A dispatcher's store transaction waits on the store (SQLite's writer, PostgreSQL's round trips). It must wait on a
/// thread of its own, never one of Swift's cooperative threads, which serve the daemon's requests.
@Suite("Dispatch cycles wait on the store off Swift's cooperative threads")
struct DispatchCycleThreadTests {
    /// An in-memory outbox whose transactions first wait at a gate, as a transaction waits behind a busy writer.
    struct GatedOutbox: OutboxStore {
        let inner: MemoryOutboxStore
        let gate: DispatchSemaphore

        func inTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T { try gated(body) }

        func inTransaction<T: Sendable>(_ body: @Sendable (any OutboxTransaction) throws -> T) async throws -> T { try gated(body) }

        /// Waits at the gate (and leaves it open for the next), then runs `body`.
        private func gated<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
            gate.wait()
            gate.signal()
            return try inner.inTransaction(body)
        }

        func enqueueEvent(_ event: OutboxEvent, now: Date) throws -> Int { try inner.enqueueEvent(event, now: now) }
        func enqueueEvent(_ event: OutboxEvent, now: Date) async throws -> Int { try await inner.enqueueEvent(event, now: now) }
        func redeliver(_ filter: MessageFilter, now: Date) throws -> Int { try inner.redeliver(filter, now: now) }
        var bell: OutboxBell { inner.bell }
        func relayQueuedElsewhere() async {}
    }

    /// Accepts every request at once.
    struct Accepting: WebhookTransport {
        func send(_ request: WebhookRequest) async -> TransportResult {
            TransportResult(.success(WebhookResponse(statusCode: 204, retryAfter: nil, body: Data(), truncated: false)), durationMS: 1)
        }
    }

    @Test("More dispatchers than cooperative threads wait at a closed store, and a task can still open it")
    func waitingLeavesTheCooperativeThreadsFree() async throws {
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let store = MemoryStore()
        try await MemoryWebhookAdministration(store).add(
            WebhookEndpoint(id: "hook", url: "https://example.test/hook", secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]), at: at,
            activity: ActivityEntry(at: at, actor: "tester", action: .webhookAdded, subject: "hook", summary: "added"))
        let gate = DispatchSemaphore(value: 0)
        let outbox = GatedOutbox(inner: MemoryOutboxStore(store), gate: gate)
        // One more than there are cooperative threads: were each dispatcher's wait on one of them, none would be left
        // for the task that opens the gate.
        let count = ProcessInfo.processInfo.activeProcessorCount + 1
        for n in 0..<count {
            try await outbox.inner.enqueueEvent(OutboxEvent(id: "e\(n)", type: "round.completed", occurredAt: at, body: Data("{}".utf8), text: "e\(n)"),
                                          now: at)
        }
        // If the gate is still shut after 30 s, the test has failed: open it from a plain thread so it ends, not hangs.
        let opened = LockedState(false)
        let rescued = LockedState(false)
        Thread {
            Thread.sleep(forTimeInterval: 30)
            guard !opened.withLock({ $0 }) else { return }
            rescued.withLock { $0 = true }
            gate.signal()
        }.start()
        let reports = try await withThrowingTaskGroup(of: DispatchReport.self) { group in
            for _ in 0..<count {
                group.addTask {
                    try await WebhookDispatcher(outbox: outbox, transport: Accepting(), settings: DeliverySettings(), now: { at }).runOnce()
                }
            }
            group.addTask {
                // A cooperative thread must be free to run this while every dispatcher waits.
                try await Task.sleep(for: .milliseconds(200))
                opened.withLock { $0 = true }
                gate.signal()
                return DispatchReport()
            }
            return try await group.reduce(into: [DispatchReport]()) { $0.append($1) }
        }
        #expect(!rescued.withLock { $0 }, "the gate was opened by the watchdog: every cooperative thread was waiting")
        #expect(reports.map(\.delivered).reduce(0, +) == count, "each message delivered once: \(reports)")
    }
}
