import AllotCore

/// The events Allot sends.
public enum WebhookEventType: String, Sendable, CaseIterable, Codable {
    /// A funding round was scored and a portfolio recommended.
    case roundCompleted = "round.completed"
    /// A funding round could not be completed.
    case roundFailed = "round.failed"
    /// A survey stopped accepting responses.
    case surveyClosed = "survey.closed"
    /// The panel recorded its decisions on a round.
    case roundDecided = "round.decided"
    /// A reviewer was given an application to review (a reviewer notification).
    case reviewAssigned = "review.assigned"
    /// A reviewer still has reviews outstanding as the deadline nears (a reviewer notification).
    case reviewReminder = "review.reminder"
    /// A reviewer declared a conflict with a proposal's applicant and was taken off it (for the round's administrators).
    case conflictDeclared = "review.conflict_declared"
    /// A message was dead-lettered after its last attempt (or its endpoint answered 410 Gone).
    case deliveryExhausted = "delivery.exhausted"
}

/// The `data` of one event type.
public protocol WebhookPayload: Encodable, Sendable {
    /// Its event type.
    static var eventType: WebhookEventType { get }
    /// A one-paragraph rendering for chat tools.
    var plainText: String { get }
    /// The reviewer it notifies, if it is a reviewer notification.
    var reviewerID: String? { get }
    /// The round whose conflicts decide whether the reviewer may receive it.
    var audienceRoundID: String? { get }
    /// Applicants it is about, by `ApplicantKey` (a reviewer conflicted with any of them never receives it).
    var applicantKeys: [ApplicantKey] { get }
}

extension WebhookPayload {
    /// Not a reviewer notification.
    public var reviewerID: String? { nil }
    /// No round's conflicts apply.
    public var audienceRoundID: String? { nil }
    /// About no particular applicant.
    public var applicantKeys: [ApplicantKey] { [] }
}
