import AllotCore
import AllotStore
import Foundation

/// Builds the stored form of events (`EventEnqueue.swift` enqueues them).
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
