import Foundation
import Logging
import PostgresNIO
import Synchronization

/// `OutboxStore` on the PostgreSQL store. `inTransaction` runs its synchronous body in one transaction on one held
/// connection (see `PostgresHeldTransaction` for how the body's synchronous calls reach postgres-nio); the other calls
/// are transactions of their own. Whatever queues messages (an enqueue, a redelivery) rings `OutboxBell.shared` once
/// its transaction has committed, as SQLite's rings after its commit.
public struct PostgresOutboxStore: OutboxStore {
    public let store: PostgresStore
    /// Creates the outbox store.
    public init(_ store: PostgresStore) { self.store = store }

    public func inTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
        try runTransaction(body)
    }

    private func runTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
        let queued = QueuedCount()
        let result = try PostgresHeldTransaction.run(on: store) { held in
            try body(PostgresOutboxTransaction(held: held, queued: queued, endpoints: EndpointMemo()))
        }
        if queued.count.load(ordering: .sequentiallyConsistent) > 0 { bell.ring() }
        return result
    }

    /// The body is synchronous and its calls block until their statements are done, so some thread blocks while it
    /// runs: this one, the caller's. Blocking a cooperative thread is safe with this store (the work waited for runs on
    /// the store's executor and event loop, never a cooperative thread: see `PostgresExecutor`), as it is for every
    /// synchronous PostgreSQL repository call made from async code.
    public func inTransaction<T: Sendable>(_ body: @Sendable (any OutboxTransaction) throws -> T) async throws -> T {
        try runTransaction(body)
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) throws -> Int {
        try store.wait { try await enqueueEvent(event, now: now) }
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) async throws -> Int {
        let queued = try await store.transaction { connection in
            try await PostgresOutbox.enqueue(event, on: connection, now: now, logger: store.logger)
        }
        if queued > 0 { bell.ring() }
        return queued
    }

    public func redeliver(_ filter: MessageFilter, now: Date) throws -> Int {
        let count = try store.wait {
            try await store.transaction { connection in
                try await PostgresDeliveryLog.redeliver(filter, now: now, on: connection, logger: store.logger)
            }
        }
        if count > 0 { bell.ring() }
        return count
    }

    public var bell: OutboxBell { OutboxBell.shared }

    public func relayQueuedElsewhere() async { await store.relayOutboxNotifications(to: bell) }
}

/// `OutboxTransaction` on one held PostgreSQL transaction: each call is one bridged step on its connection.
struct PostgresOutboxTransaction: OutboxTransaction {
    let held: PostgresHeldTransaction
    /// Messages queued in this transaction, so the store rings the bell after the commit.
    let queued: QueuedCount
    /// The endpoints as this transaction first read them.
    let endpoints: EndpointMemo

    private var logger: Logger { held.store.logger }

    /// Every endpoint, read once per transaction: an import that queues a thousand events read them a thousand times,
    /// a round trip each. Changed by this transaction (`disableEndpoint`), they are read again; changed by another
    /// instance meanwhile, the change counts from this instance's next transaction, as if it had committed just after.
    private func allEndpoints() throws -> [WebhookEndpoint] {
        if let known = endpoints.value { return known }
        let logger = self.logger
        let read = try held.run { connection in try await PostgresWebhookEndpoints.all(on: connection, logger: logger) }
        endpoints.value = read
        return read
    }

    func enabledEndpoints() throws -> [WebhookEndpoint] {
        try allEndpoints().filter(\.enabled)
    }

    func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date) throws -> [ClaimedMessage] {
        let logger = self.logger
        return try held.run { connection in
            try await PostgresOutboxClaims.claim(endpointID: endpointID, limit: limit, now: now, leaseUntil: leaseUntil, on: connection, logger: logger)
        }
    }

    func nextDue(endpointID: String) throws -> Date? {
        let logger = self.logger
        return try held.run { connection in try await PostgresOutboxClaims.nextDue(endpointID: endpointID, on: connection, logger: logger) }
    }

    func record(_ attempts: [AttemptRecord], now: Date) throws {
        guard !attempts.isEmpty else { return }
        let logger = self.logger
        try held.run { connection in try await PostgresOutboxClaims.record(attempts, now: now, on: connection, logger: logger) }
    }

    func enqueue(_ event: OutboxEvent, now: Date, excludingEndpoint excluded: String?) throws -> Int {
        let logger = self.logger
        let endpoints = try allEndpoints()
        let count = try held.run { connection in
            try await PostgresOutbox.enqueue(event, to: endpoints, on: connection, now: now, excludingEndpoint: excluded, logger: logger)
        }
        queued.count.add(count, ordering: .sequentiallyConsistent)
        return count
    }

    func disableEndpoint(_ id: String, reason: String, now: Date) throws {
        let logger = self.logger
        endpoints.value = nil
        try held.run { connection in try await PostgresWebhookEndpoints.disable(id, reason: reason, now: now, on: connection, logger: logger) }
    }

    func conflicts(reviewerID: String, round: String?, among applicantKeys: [String]) throws -> [String] {
        let logger = self.logger
        return try held.run { connection in
            try await PostgresReviewerConflicts.conflicts(reviewerID: reviewerID, round: round, among: applicantKeys, on: connection, logger: logger)
        }
    }
}

/// The endpoints one `inTransaction` body has read (a reference, so every copy of its transaction shares it). The body
/// runs on one thread at a time; the lock only makes that safe to say to the compiler.
final class EndpointMemo: Sendable {
    private let stored = Mutex<[WebhookEndpoint]?>(nil)

    var value: [WebhookEndpoint]? {
        get { stored.withLock { $0 } }
        set { stored.withLock { $0 = newValue } }
    }
}

/// How many messages one `inTransaction` body queued (a reference, so every copy of its transaction adds to it).
final class QueuedCount: Sendable {
    let count = Atomic<Int>(0)
}
