import AllotCore
import Foundation

/// `review.assigned`: a reviewer notification; only the reviewer's own endpoints (and general ones) receive it.
public struct ReviewAssigned: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.reviewAssigned
    /// The reviewer notified.
    public var reviewer: String
    /// Round id.
    public var roundID: String
    /// Application to review (the proposal's id).
    public var applicantID: String
    /// Applicant display name.
    public var applicantName: String
    /// Review deadline.
    public var dueBy: Date
    /// The reviewer's page for this proposal in the web app (`PUBLIC_URL/reviews/{round}/{proposal}`); a signed-out
    /// reviewer is asked to sign in and then lands on it.
    public var reviewURL: String?

    /// Creates the payload.
    public init(reviewer: String, roundID: String, applicantID: String, applicantName: String, dueBy: Date, reviewURL: String? = nil) {
        self.reviewer = reviewer
        self.roundID = roundID
        self.applicantID = applicantID
        self.applicantName = applicantName
        self.dueBy = dueBy
        self.reviewURL = reviewURL
    }

    public var reviewerID: String? { reviewer }
    public var audienceRoundID: String? { roundID }
    /// The applicant by name: `applicantID` is the proposal's id, which no conflict names.
    public var applicantKeys: [ApplicantKey] { [ApplicantKey(applicantName)] }

    public var plainText: String {
        let day = dueBy.formatted(.iso8601.year().month().day())
        return "You have a new review: \(applicantName) (\(applicantID)) in round \(roundID), due by \(day)." + (reviewURL.map { " Score it at \($0)" } ?? "")
    }

    private enum CodingKeys: String, CodingKey {
        case reviewer = "reviewerID", roundID, applicantID, applicantName, dueBy, reviewURL
    }
}
