import Foundation

/// `survey.closed`: a survey stopped accepting responses.
public struct SurveyClosed: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.surveyClosed
    /// Survey id.
    public var surveyID: String
    /// When it closed.
    public var closedAt: Date
    /// Consented responses stored.
    public var responses: Int

    /// Creates the payload.
    public init(surveyID: String, closedAt: Date, responses: Int) {
        self.surveyID = surveyID
        self.closedAt = closedAt
        self.responses = responses
    }

    public var plainText: String {
        "Survey \(surveyID) closed with \(responses) responses."
    }
}
