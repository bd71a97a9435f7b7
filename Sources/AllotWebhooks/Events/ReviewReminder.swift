import AllotCore
import Foundation

/// `review.reminder`: a reviewer notification that reviews are still outstanding as the deadline nears.
public struct ReviewReminder: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.reviewReminder
    /// The reviewer reminded.
    public var reviewer: String
    /// Round id.
    public var roundID: String
    /// Proposals the reviewer has not reviewed yet, sorted.
    public var proposalIDs: [String]
    /// Applicants of those proposals (conflicted reviewers never receive it).
    public var applicants: [String]
    /// Review deadline.
    public var dueBy: Date
    /// Why it is sent now, in words.
    public var reason: String

    /// Creates the payload.
    public init(reviewer: String, roundID: String, proposalIDs: [String], applicants: [String], dueBy: Date, reason: String) {
        self.reviewer = reviewer
        self.roundID = roundID
        self.proposalIDs = proposalIDs
        self.applicants = applicants
        self.dueBy = dueBy
        self.reason = reason
    }

    public var reviewerID: String? { reviewer }
    public var audienceRoundID: String? { roundID }
    public var applicantKeys: [ApplicantKey] { applicants.map(ApplicantKey.init) }

    public var plainText: String {
        let day = dueBy.formatted(.iso8601.year().month().day())
        return "Reminder: \(proposalIDs.count) review(s) outstanding in round \(roundID) (\(proposalIDs.joined(separator: ", "))), due by \(day): \(reason)."
    }

    private enum CodingKeys: String, CodingKey {
        case reviewer = "reviewerID", roundID, proposalIDs = "proposals", applicants, dueBy, reason
    }
}
