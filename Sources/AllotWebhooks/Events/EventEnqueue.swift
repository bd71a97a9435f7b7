import AllotStore
import Foundation

extension OutboxTransaction {
    /// Enqueues a typed event inside the caller's transaction, its messages due when it occurred; returns its
    /// `webhook-id`.
    @discardableResult
    public func enqueue<Payload: WebhookPayload>(
        _ payload: Payload, occurredAt: Date, excludingEndpoint excluded: String? = nil
    ) throws -> String {
        let event = try WebhookEvents.storedEvent(payload, occurredAt: occurredAt)
        try enqueue(event, now: occurredAt, excludingEndpoint: excluded)
        return event.id
    }
}

extension OutboxStore {
    /// Enqueues a typed event in a transaction of its own, for an event that no other stored change raises (a survey
    /// closing); returns its `webhook-id`.
    @discardableResult
    public func enqueueEvent<Payload: WebhookPayload>(_ payload: Payload, occurredAt: Date) throws -> String {
        let event = try WebhookEvents.storedEvent(payload, occurredAt: occurredAt)
        try enqueueEvent(event, now: occurredAt)
        return event.id
    }

    /// `enqueueEvent(_:occurredAt:)` without blocking the caller's thread.
    @discardableResult
    public func enqueueEvent<Payload: WebhookPayload>(_ payload: Payload, occurredAt: Date) async throws -> String {
        let event = try WebhookEvents.storedEvent(payload, occurredAt: occurredAt)
        try await enqueueEvent(event, now: occurredAt)
        return event.id
    }
}

extension WebhookEvents {
    /// `outboxEvent(_:occurredAt:)` with a failure to encode reported as `WebhookError.encoding`.
    static func storedEvent<Payload: WebhookPayload>(_ payload: Payload, occurredAt: Date) throws -> OutboxEvent {
        do {
            return try outboxEvent(payload, occurredAt: occurredAt)
        } catch {
            throw WebhookError.encoding("\(error)")
        }
    }
}
