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
    /// Applicants the event is about; a reviewer conflicted with any of them never receives it.
    public var applicantIDs: [String]

    /// Creates an event record.
    public init(
        id: String, type: String, occurredAt: Date, body: Data, text: String,
        reviewerID: String? = nil, applicantIDs: [String] = []
    ) {
        self.id = id
        self.type = type
        self.occurredAt = occurredAt
        self.body = body
        self.text = text
        self.reviewerID = reviewerID
        self.applicantIDs = applicantIDs
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

/// Encodes applicant ids for a TEXT column; JSON because ids may contain any character.
enum ApplicantIDsColumn {
    static func encode(_ ids: [String]) -> String {
        guard !ids.isEmpty, let data = try? JSONEncoder().encode(ids) else { return "" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode(_ text: String) throws -> [String] {
        guard !text.isEmpty else { return [] }
        do {
            return try JSONDecoder().decode([String].self, from: Data(text.utf8))
        } catch {
            throw StoreError.corrupt("webhook_event.applicant_ids \(text)")
        }
    }
}
