/// `delivery.exhausted`: a message was dead-lettered. Sent to every other endpoint subscribed to it, never to the
/// failing one, and never about itself (no cascade).
public struct DeliveryExhausted: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.deliveryExhausted
    /// The dead-lettered message's `webhook-id`.
    public var messageID: String
    /// Its event type.
    public var eventType: String
    /// The endpoint that did not accept it.
    public var endpointID: String
    /// Attempts made.
    public var attempts: Int
    /// Last HTTP status, if any.
    public var lastStatus: Int?
    /// Last error or reason, e.g. `endpoint answered 410 Gone`.
    public var reason: String

    /// Creates the payload.
    public init(messageID: String, eventType: String, endpointID: String, attempts: Int, lastStatus: Int?, reason: String) {
        self.messageID = messageID
        self.eventType = eventType
        self.endpointID = endpointID
        self.attempts = attempts
        self.lastStatus = lastStatus
        self.reason = reason
    }

    public var plainText: String {
        "Webhook \(messageID) (\(eventType)) to \(endpointID) was given up after \(attempts) attempts: \(reason)"
    }
}
