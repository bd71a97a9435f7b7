import AllotStore
import Foundation
import GRDB

/// Builds the stored form of events and enqueues them.
public enum WebhookEvents {
    /// A new `webhook-id`: `msg_` and 32 hex digits.
    public static func makeID() -> String {
        "msg_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    /// The JSON envelope `{"data", "timestamp", "type"}` around already-encoded `data` (which is kept verbatim,
    /// so an operator's file sent with `allot webhooks send` arrives exactly as written).
    public static func envelope(type: String, occurredAt: Date, dataJSON: Data) throws -> Data {
        var body = Data(#"{"data":"#.utf8)
        body.append(dataJSON)
        body.append(contentsOf: #","timestamp":"#.utf8)
        body.append(try encoder.encode(occurredAt))
        body.append(contentsOf: #","type":"#.utf8)
        body.append(try encoder.encode(type))
        body.append(contentsOf: "}".utf8)
        return body
    }

    /// A typed payload's `data` JSON (keys sorted, snake_case, ISO 8601 dates).
    public static func dataJSON(_ payload: some WebhookPayload) throws -> Data {
        try encoder.encode(payload)
    }

    /// The stored form of a typed event.
    public static func outboxEvent<Payload: WebhookPayload>(
        _ payload: Payload, id: String = makeID(), occurredAt: Date
    ) throws -> OutboxEvent {
        OutboxEvent(
            id: id, type: Payload.eventType.rawValue, occurredAt: occurredAt,
            body: try envelope(type: Payload.eventType.rawValue, occurredAt: occurredAt, dataJSON: dataJSON(payload)),
            text: payload.plainText, reviewerID: payload.reviewerID, roundID: payload.audienceRoundID,
            applicantKeys: payload.applicantKeys.map(\.value))
    }

    /// The body sent to chat-format endpoints.
    static func chatBody(text: String) throws -> Data {
        try encoder.encode(["text": text])
    }

    private static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }
}

extension Outbox {
    /// Enqueues a typed event inside the caller's write transaction; returns its `webhook-id`.
    @discardableResult
    public static func enqueue<Payload: WebhookPayload>(
        _ payload: Payload, occurredAt: Date, in db: Database, now: Date? = nil,
        excludingEndpoint excluded: String? = nil
    ) throws -> String {
        let event: OutboxEvent
        do {
            event = try WebhookEvents.outboxEvent(payload, occurredAt: occurredAt)
        } catch {
            throw WebhookError.encoding("\(error)")
        }
        try enqueue(event, in: db, now: now ?? occurredAt, excludingEndpoint: excluded)
        return event.id
    }
}

extension AppDatabase {
    /// Enqueues a typed event in a transaction of its own, for an event that no other stored change raises (a survey
    /// closing): callers outside the store need no database library for it. Returns its `webhook-id`.
    @discardableResult
    public func enqueueEvent<Payload: WebhookPayload>(_ payload: Payload, occurredAt: Date) throws -> String {
        try writer.write { db in try Outbox.enqueue(payload, occurredAt: occurredAt, in: db) }
    }

    /// `enqueueEvent(_:occurredAt:)` without blocking the caller's thread.
    @discardableResult
    public func enqueueEvent<Payload: WebhookPayload>(_ payload: Payload, occurredAt: Date) async throws -> String {
        try await writer.write { db in try Outbox.enqueue(payload, occurredAt: occurredAt, in: db) }
    }
}
