import Foundation
import GRDB

/// What the API and the administration page do to webhook endpoints and their delivery log. Each change is written in
/// one transaction with its activity entry, which the caller makes from what the store found (so the entry's "before"
/// is the row the change replaced, read in the same transaction).
public protocol WebhookAdministration: Sendable {
    /// Every endpoint, enabled or not.
    func endpoints() async throws -> [WebhookEndpoint]
    /// The delivery log under `filter`.
    func deliveries(_ filter: MessageFilter) async throws -> [MessageLogEntry]
    /// Stores a new endpoint; `ServiceStoreError.alreadyExists` when its id is taken.
    func add(_ endpoint: WebhookEndpoint, at: Date, activity: ActivityEntry) async throws
    /// Disables endpoint `id` (its delivery log stays readable); `ServiceStoreError.notFound` when there is none.
    func remove(_ id: String, reason: String, at: Date, activity: @escaping @Sendable (WebhookEndpoint) throws -> ActivityEntry) async throws
    /// Makes the endpoints from the webhooks config file the configured ones (see `WebhookEndpoints.syncFromConfig`).
    func syncFromConfig(_ endpoints: [WebhookEndpoint], at: Date) async throws
    /// Queues the event of delivery `id` again for its endpoint; how many messages were queued.
    func redeliver(_ id: Int64, at: Date, activity: @escaping @Sendable (Int) throws -> ActivityEntry) async throws -> Int
}

/// `WebhookAdministration` on the SQLite store.
public struct SQLiteWebhookAdministration: WebhookAdministration {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func endpoints() async throws -> [WebhookEndpoint] {
        try await database.writer.read { db in try WebhookEndpoints.all(in: db) }
    }

    public func deliveries(_ filter: MessageFilter) async throws -> [MessageLogEntry] {
        try await database.writer.read { db in try DeliveryLog.messages(filter, in: db) }
    }

    public func add(_ endpoint: WebhookEndpoint, at: Date, activity: ActivityEntry) async throws {
        try await database.writer.write { db in
            if try WebhookEndpoints.find(endpoint.id, in: db) != nil { throw ServiceStoreError.alreadyExists(kind: "webhook endpoint", id: endpoint.id) }
            try WebhookEndpoints.save(endpoint, now: at, in: db)
            try ActivityLog.insert([activity], in: db)
        }
    }

    public func remove(_ id: String, reason: String, at: Date, activity: @escaping @Sendable (WebhookEndpoint) throws -> ActivityEntry) async throws {
        try await database.writer.write { db in
            guard let before = try WebhookEndpoints.find(id, in: db) else { throw ServiceStoreError.notFound(kind: "webhook endpoint", id: id) }
            try WebhookEndpoints.disable(id, reason: reason, now: at, in: db)
            try ActivityLog.insert([try activity(before)], in: db)
        }
    }

    public func syncFromConfig(_ endpoints: [WebhookEndpoint], at: Date) async throws {
        try await database.writer.write { db in try WebhookEndpoints.syncFromConfig(endpoints, now: at, in: db) }
    }

    public func redeliver(_ id: Int64, at: Date, activity: @escaping @Sendable (Int) throws -> ActivityEntry) async throws -> Int {
        try await database.writer.write { db -> Int in
            guard let row = try Row.fetchOne(db, sql: "SELECT event_id, endpoint_id FROM webhook_message WHERE id = ?", arguments: [id]) else {
                throw ServiceStoreError.notFound(kind: "delivery", id: String(id))
            }
            let count = try Outbox.redeliver(MessageFilter(eventID: row["event_id"], endpointID: row["endpoint_id"]), now: at, in: db)
            try ActivityLog.insert([try activity(count)], in: db)
            return count
        }
    }
}
