import Foundation

/// `OutboxStore` in memory: a dispatch cycle is one write on the shared tables, so its claims, records and follow-up
/// events are kept together or not at all, and one dispatcher's cycle never interleaves with another's.
public struct MemoryOutboxStore: OutboxStore {
    public let store: MemoryStore
    /// An outbox on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func inTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
        try transact(body)
    }

    private func transact<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
        try store.write { tables in
            let transaction = MemoryOutboxTransaction(tables: tables)
            // The transaction's copy is then the only one, so a change copies each table it touches once.
            tables = MemoryTables()
            let result = try body(transaction)
            tables = transaction.tables
            return result
        }
    }

    public func inTransaction<T: Sendable>(_ body: @Sendable (any OutboxTransaction) throws -> T) async throws -> T {
        // Nothing here waits on input or output: the lock is held only while `body` computes.
        try transact(body)
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) throws -> Int {
        try store.write { tables in try tables.enqueue(event, now: now) }
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) async throws -> Int {
        try store.write { tables in try tables.enqueue(event, now: now) }
    }

    public func redeliver(_ filter: MessageFilter, now: Date) throws -> Int {
        try store.write { tables in tables.redeliver(filter, now: now) }
    }

    public var bell: OutboxBell { store.bell }

    /// A memory store has no other process.
    public func relayQueuedElsewhere() async {}
}

/// `OutboxTransaction` on a working copy of the tables, which `MemoryOutboxStore.inTransaction` keeps when its body
/// returns.
final class MemoryOutboxTransaction: OutboxTransaction {
    var tables: MemoryTables

    init(tables: MemoryTables) { self.tables = tables }

    func enabledEndpoints() throws -> [WebhookEndpoint] {
        tables.orderedEndpoints.filter(\.enabled)
    }

    func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date) throws -> [ClaimedMessage] {
        try tables.claim(endpointID: endpointID, limit: limit, now: now, leaseUntil: leaseUntil)
    }

    func nextDue(endpointID: String) throws -> Date? {
        tables.nextDue(endpointID: endpointID)
    }

    func record(_ attempts: [AttemptRecord], now: Date) throws {
        for attempt in attempts { try tables.record(attempt, now: now) }
    }

    func enqueue(_ event: OutboxEvent, now: Date, excludingEndpoint excluded: String?) throws -> Int {
        try tables.enqueue(event, now: now, excludingEndpoint: excluded)
    }

    func disableEndpoint(_ id: String, reason: String, now: Date) throws {
        tables.disableEndpoint(id, reason: reason)
    }

    func conflicts(reviewerID: String, round: String?, among applicantKeys: [String]) throws -> [String] {
        tables.conflictedApplicants(reviewerID: reviewerID, round: round, among: applicantKeys)
    }
}
