import AllotStore

/// What a reviewer token may see in a round: proposals assigned to it whose applicant it is not conflicted with
/// (applicants and reviewer ids compared without regard to case), and only its own reviews.
struct ReviewerScope {
    let reviewer: String
    let visibleProposals: Set<String>

    init(reviewer: String, round: String, rounds: some RoundRepository) throws {
        self.reviewer = reviewer
        let me = ConflictKey.applicant(reviewer)
        let conflicted = Set(try rounds.conflicts(round: round).filter { ConflictKey.applicant($0.reviewer) == me }
            .map { ConflictKey.applicant($0.applicant) })
        let assigned = Set(try rounds.assignments(round: round).filter { ConflictKey.applicant($0.reviewer) == me }.map(\.proposal))
        visibleProposals = Set(try rounds.proposals(round: round).filter {
            assigned.contains($0.id) && !conflicted.contains(ConflictKey.applicant($0.applicant))
        }.map(\.id))
    }

    func canSee(_ proposal: String) -> Bool { visibleProposals.contains(proposal) }

    /// Whether a stored reviewer id is this reviewer's.
    func isSelf(_ reviewerID: String) -> Bool { ConflictKey.applicant(reviewerID) == ConflictKey.applicant(reviewer) }

    /// The scope of a reviewer token; a reviewer token without a reviewer id sees nothing.
    static func of(_ identity: Identity, round: String, rounds: some RoundRepository) throws -> ReviewerScope? {
        guard identity.role == .reviewer else { return nil }
        return try ReviewerScope(reviewer: identity.reviewerID ?? "", round: round, rounds: rounds)
    }
}
