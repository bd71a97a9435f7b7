import Foundation
import PostgresNIO

/// `WebhookAdministration` on the PostgreSQL store: each change in one transaction with its activity entry, the entry's
/// "before" read (and locked) in that transaction.
public struct PostgresWebhookAdministration: WebhookAdministration {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    /// Config sync's turn-taking key: instances starting together sync one after the other ("allotwh" in ASCII).
    static let syncLockKey: Int64 = 0x61_6C6C_6F74_7768

    public func endpoints() async throws -> [WebhookEndpoint] {
        try await store.transaction { connection in try await PostgresWebhookEndpoints.all(on: connection, logger: store.logger) }
    }

    public func deliveries(_ filter: MessageFilter) async throws -> [MessageLogEntry] {
        // Two reads, messages then their attempts (READ COMMITTED: an attempt logged between them may show, where
        // SQLite's reader sees one snapshot).
        try await store.transaction { connection in try await PostgresDeliveryLog.messages(filter, on: connection, logger: store.logger) }
    }

    /// A taken id is `ServiceStoreError.alreadyExists`: the insert itself refuses it (no read first, so two adds racing
    /// on two instances cannot both pass a check).
    public func add(_ endpoint: WebhookEndpoint, at: Date, activity: ActivityEntry) async throws {
        do {
            try await store.transaction { connection in
                try await PostgresWebhookEndpoints.save(endpoint, now: at, insertOnly: true, on: connection, logger: store.logger)
                try await PostgresActivityLog.insert([activity], on: connection, logger: store.logger)
            }
        } catch let error where PostgresStoreError.sqlState(of: error) == "23505" {
            throw ServiceStoreError.alreadyExists(kind: "webhook endpoint", id: endpoint.id)
        }
    }

    public func remove(_ id: String, reason: String, at: Date, activity: @escaping @Sendable (WebhookEndpoint) throws -> ActivityEntry) async throws {
        try await store.transaction { connection in
            guard let before = try await PostgresWebhookEndpoints.find(id, forUpdate: true, on: connection, logger: store.logger) else {
                throw ServiceStoreError.notFound(kind: "webhook endpoint", id: id)
            }
            try await PostgresWebhookEndpoints.disable(id, reason: reason, now: at, on: connection, logger: store.logger)
            try await PostgresActivityLog.insert([try activity(before)], on: connection, logger: store.logger)
        }
    }

    public func syncFromConfig(_ endpoints: [WebhookEndpoint], at: Date) async throws {
        try await store.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.syncLockKey))", logger: store.logger)
            try await PostgresWebhookEndpoints.syncFromConfig(endpoints, now: at, on: connection, logger: store.logger)
        }
    }

    public func redeliver(_ id: Int64, at: Date, activity: @escaping @Sendable (Int) throws -> ActivityEntry) async throws -> Int {
        let count = try await store.transaction { connection -> Int in
            let rows = try await connection.query("SELECT event_id, endpoint_id FROM webhook_message WHERE id = \(id)", logger: store.logger).collect()
            guard let message = try rows.first?.decode((String, String).self) else {
                throw ServiceStoreError.notFound(kind: "delivery", id: String(id))
            }
            let count = try await PostgresDeliveryLog.redeliver(MessageFilter(eventID: message.0, endpointID: message.1), now: at,
                                                                on: connection, logger: store.logger)
            try await PostgresActivityLog.insert([try activity(count)], on: connection, logger: store.logger)
            return count
        }
        if count > 0 { OutboxBell.shared.ring() }
        return count
    }
}
