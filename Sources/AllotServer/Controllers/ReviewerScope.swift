import AllotCore
import AllotStore

/// What a reviewer token may see in a round: proposals assigned to it whose applicant it is not conflicted with
/// (applicants matched by `ApplicantKey`, reviewer ids as `ConflictKey.reviewer` says), and only its own reviews.
struct ReviewerScope {
    let reviewer: String
    let visibleProposals: Set<String>

    init(reviewer: String, round: String, rounds: some RoundRepository) throws {
        self.reviewer = reviewer
        let me = ConflictKey.reviewer(reviewer)
        let conflicted = Set(try rounds.conflicts(round: round).filter { ConflictKey.reviewer($0.reviewer) == me }
            .map { ApplicantKey($0.applicant) })
        let assigned = Set(try rounds.assignments(round: round).filter { ConflictKey.reviewer($0.reviewer) == me }.map(\.proposal))
        visibleProposals = Set(try rounds.proposals(round: round).filter {
            $0.withdrawnAt == nil && assigned.contains($0.id) && !conflicted.contains(ApplicantKey($0.applicant))
        }.map(\.id))
    }

    func canSee(_ proposal: String) -> Bool { visibleProposals.contains(proposal) }

    /// Whether a stored reviewer id is this reviewer's.
    func isSelf(_ reviewerID: String) -> Bool { ConflictKey.reviewer(reviewerID) == ConflictKey.reviewer(reviewer) }

    /// The scope of a reviewer token; a reviewer token without a reviewer id sees nothing.
    static func of(_ identity: Identity, round: String, rounds: some RoundRepository) throws -> ReviewerScope? {
        guard identity.role == .reviewer else { return nil }
        return try ReviewerScope(reviewer: identity.reviewerID ?? "", round: round, rounds: rounds)
    }
}
