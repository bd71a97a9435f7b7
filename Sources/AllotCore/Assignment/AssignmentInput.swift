/// A proposal to be reviewed: its id and the applicant that conflicts are matched against.
public struct AssignmentProposal: Sendable, Hashable, Codable {
    public var id: String
    public var applicant: String

    public init(id: String, applicant: String) {
        self.id = id
        self.applicant = applicant
    }
}

/// A reviewer on the panel, with the most reviews they may hold in the round (nil = no limit).
public struct AssignmentReviewer: Sendable, Hashable, Codable {
    public var id: String
    /// Counts every assignment, kept ones included.
    public var maxLoad: Int?

    public init(id: String, maxLoad: Int? = nil) {
        self.id = id
        self.maxLoad = maxLoad
    }
}

/// What one reviewer must not review: applicants (by name) and single proposals (by id).
public struct AssignmentConflicts: Sendable, Hashable, Codable {
    public var reviewer: String
    /// Matched like review calibration matches them: case, surrounding and repeated spaces do not matter.
    public var applicants: [String]
    public var proposals: [String]

    public init(reviewer: String, applicants: [String] = [], proposals: [String] = []) {
        self.reviewer = reviewer
        self.applicants = applicants
        self.proposals = proposals
    }
}

/// One reviewer assigned to review one proposal.
public struct ReviewAssignment: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public var proposal: String
    public var reviewer: String

    public init(proposal: String, reviewer: String) {
        self.proposal = proposal
        self.reviewer = reviewer
    }

    public var description: String { "\(reviewer) -> \(proposal)" }

    /// By proposal id, then reviewer id.
    public static func < (a: ReviewAssignment, b: ReviewAssignment) -> Bool {
        (a.proposal, a.reviewer) < (b.proposal, b.reviewer)
    }
}

/// An existing assignment that was not kept, and why.
public struct DroppedAssignment: Sendable, Hashable, Codable, CustomStringConvertible {
    public var assignment: ReviewAssignment
    public var reason: String

    public init(assignment: ReviewAssignment, reason: String) {
        self.assignment = assignment
        self.reason = reason
    }

    public var description: String { "\(assignment): \(reason)" }
}
