import Foundation

/// `WebhookAdministration` in memory: each change is one write with its activity entry.
public struct MemoryWebhookAdministration: WebhookAdministration {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func endpoints() async throws -> [WebhookEndpoint] {
        store.read { $0.orderedEndpoints }
    }

    public func deliveries(_ filter: MessageFilter) async throws -> [MessageLogEntry] {
        try store.read { try $0.deliveries(filter) }
    }

    public func add(_ endpoint: WebhookEndpoint, at: Date, activity: ActivityEntry) async throws {
        try store.write { tables in
            guard tables.endpoints[endpoint.id] == nil else { throw ServiceStoreError.alreadyExists(kind: "webhook endpoint", id: endpoint.id) }
            tables.saveEndpoint(endpoint)
            tables.keep([activity])
        }
    }

    public func remove(_ id: String, reason: String, at: Date, activity: @escaping @Sendable (WebhookEndpoint) throws -> ActivityEntry) async throws {
        try store.write { tables in
            guard let before = tables.endpoints[id] else { throw ServiceStoreError.notFound(kind: "webhook endpoint", id: id) }
            tables.disableEndpoint(id, reason: reason)
            tables.keep([try activity(before)])
        }
    }

    public func syncFromConfig(_ endpoints: [WebhookEndpoint], at: Date) async throws {
        try store.write { tables in tables.syncFromConfig(endpoints) }
    }

    public func redeliver(_ id: Int64, at: Date, activity: @escaping @Sendable (Int) throws -> ActivityEntry) async throws -> Int {
        try store.write { tables in
            guard let message = tables.messages[id] else { throw ServiceStoreError.notFound(kind: "delivery", id: String(id)) }
            let count = tables.redeliver(MessageFilter(eventID: message.eventID, endpointID: message.endpointID), now: at)
            tables.keep([try activity(count)])
            return count
        }
    }
}
