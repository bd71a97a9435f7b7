import Foundation

/// `review.conflict_declared`: a reviewer said they have a conflict with a proposal's applicant; the conflict is
/// recorded for the round and the assignment dropped. It tells the administrators (general endpoints), who may
/// assign another reviewer; it is not a reviewer notification.
public struct ConflictDeclared: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.conflictDeclared
    /// The reviewer who declared it.
    public var declaredBy: String
    /// Round id.
    public var roundID: String
    /// The proposal they were assigned.
    public var proposalID: String
    /// Its applicant.
    public var applicantName: String

    /// Creates the payload.
    public init(declaredBy: String, roundID: String, proposalID: String, applicantName: String) {
        self.declaredBy = declaredBy
        self.roundID = roundID
        self.proposalID = proposalID
        self.applicantName = applicantName
    }

    public var plainText: String {
        "Reviewer \(declaredBy) declared a conflict with \(applicantName) and was taken off \(proposalID) in round \(roundID): assign another reviewer if it needs one."
    }
}
