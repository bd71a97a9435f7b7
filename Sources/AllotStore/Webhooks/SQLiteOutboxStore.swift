import Foundation
import GRDB

/// `OutboxStore` on the SQLite store: each call wraps the `Outbox`, `WebhookEndpoints` and `ReviewerConflicts`
/// functions in a GRDB transaction; enqueues and redeliveries ring `OutboxBell.shared` after their commit.
public struct SQLiteOutboxStore: OutboxStore {
    public let database: AppDatabase
    /// Creates the store.
    public init(_ database: AppDatabase) { self.database = database }

    public func inTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T {
        try database.writer.write { db in try body(SQLiteOutboxTransaction(db: db)) }
    }

    public func inTransaction<T: Sendable>(_ body: @Sendable (any OutboxTransaction) throws -> T) async throws -> T {
        try await database.writer.write { db in try body(SQLiteOutboxTransaction(db: db)) }
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) throws -> Int {
        try database.writer.write { db in try Outbox.enqueue(event, in: db, now: now) }
    }

    public func enqueueEvent(_ event: OutboxEvent, now: Date) async throws -> Int {
        try await database.writer.write { db in try Outbox.enqueue(event, in: db, now: now) }
    }

    public func redeliver(_ filter: MessageFilter, now: Date) throws -> Int {
        try database.writer.write { db in try Outbox.redeliver(filter, now: now, in: db) }
    }

    public var bell: OutboxBell { OutboxBell.shared }

    /// SQLite has no notification between processes: another process's messages are found by polling.
    public func relayQueuedElsewhere() async {}
}

/// `OutboxTransaction` on one GRDB write transaction.
struct SQLiteOutboxTransaction: OutboxTransaction {
    let db: Database

    func enabledEndpoints() throws -> [WebhookEndpoint] {
        try WebhookEndpoints.all(in: db).filter(\.enabled)
    }

    func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date) throws -> [ClaimedMessage] {
        try Outbox.claim(endpointID: endpointID, limit: limit, now: now, leaseUntil: leaseUntil, in: db)
    }

    func nextDue(endpointID: String) throws -> Date? {
        try Outbox.nextDue(endpointID: endpointID, in: db)
    }

    func record(_ attempts: [AttemptRecord], now: Date) throws {
        for attempt in attempts { try Outbox.record(attempt, now: now, in: db) }
    }

    func enqueue(_ event: OutboxEvent, now: Date, excludingEndpoint excluded: String?) throws -> Int {
        try Outbox.enqueue(event, in: db, now: now, excludingEndpoint: excluded)
    }

    func disableEndpoint(_ id: String, reason: String, now: Date) throws {
        try WebhookEndpoints.disable(id, reason: reason, now: now, in: db)
    }

    func conflicts(reviewerID: String, round: String?, among applicantKeys: [String]) throws -> [String] {
        try ReviewerConflicts.conflicts(reviewerID: reviewerID, round: round, among: applicantKeys, in: db)
    }
}
