import Foundation

/// One event as the outbox stores it: already rendered, so delivery never re-encodes.
public struct OutboxEvent: Sendable, Equatable {
    /// The Standard Webhooks message id (`webhook-id`), the same on every retry and redelivery.
    public var id: String
    /// Dotted event type, e.g. `round.completed`.
    public var type: String
    /// When the event happened.
    public var occurredAt: Date
    /// The JSON envelope `{"type", "timestamp", "data"}` sent to JSON endpoints.
    public var body: Data
    /// A plain-text rendering sent to endpoints that ask for chat format.
    public var text: String
    /// The reviewer this event notifies; only that reviewer's endpoints (and general ones) receive it.
    public var reviewerID: String?
    /// The round whose declared conflicts decide, at send time, whether the reviewer may receive it.
    public var roundID: String?
    /// `ApplicantKey` values of the applicants the event is about; a reviewer conflicted with any of them (in
    /// `roundID`, or reviewer-wide) never receives it.
    public var applicantKeys: [String]

    /// Creates an event record.
    public init(
        id: String, type: String, occurredAt: Date, body: Data, text: String,
        reviewerID: String? = nil, roundID: String? = nil, applicantKeys: [String] = []
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.body = body
        self.text = text
        self.reviewerID = reviewerID
        self.roundID = roundID
        self.applicantKeys = applicantKeys
    }
}

/// Lifecycle of one message (an event bound for one endpoint).
public enum MessageState: String, Sendable, CaseIterable, Codable {
    /// Waiting for its next attempt (or in flight under a lease).
    case pending
    /// Accepted with a 2xx.
    case delivered
    /// Dead-lettered: attempts exhausted, or the endpoint answered 410 Gone.
    case failed
    /// Withheld at dispatch: the endpoint's reviewer may not see it.
    case suppressed
}

/// Encodes applicant keys for the `webhook_event.applicant_keys` TEXT column; JSON because names may contain any
/// character.
enum ApplicantKeysColumn {
    static func encode(_ keys: [String]) throws -> String {
        guard !keys.isEmpty else { return "" }
        do {
            return String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
        } catch {
            throw StoreError.corrupt("webhook_event.applicant_keys: \(error)")
        }
    }

    static func decode(_ text: String) throws -> [String] {
        guard !text.isEmpty else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("webhook_event.applicant_keys \(text)")
        }
    }
}
