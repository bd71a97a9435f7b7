/// The proposals and reviewers of an assignment in id order, with conflicts resolved and the existing
/// assignments sorted into kept and dropped. Everything later indexes into these sorted arrays, which is
/// what makes the result independent of input order.
struct AssignmentPanel {
    let proposals: [AssignmentProposal]
    let reviewers: [AssignmentReviewer]
    /// Reviewer indices already assigned to each proposal.
    private(set) var assigned: [Set<Int>]
    /// Kept assignments per reviewer.
    private(set) var existingLoad: [Int]
    private(set) var dropped: [DroppedAssignment] = []
    private let conflictedApplicants: [Int: [ApplicantKey: String]]
    private let conflictedProposals: [Int: Set<String>]
    private let applicantKeys: [ApplicantKey]

    init(proposals: [AssignmentProposal], reviewers: [AssignmentReviewer], conflicts: [AssignmentConflicts],
         existing: [ReviewAssignment]) throws(ReviewerAssignmentError) {
        self.proposals = proposals.sorted { $0.id < $1.id }
        self.reviewers = reviewers.sorted { $0.id < $1.id }
        applicantKeys = self.proposals.map { ApplicantKey($0.applicant) }
        for (a, b) in zip(self.proposals, self.proposals.dropFirst()) where a.id == b.id { throw .duplicateProposal(a.id) }
        for (a, b) in zip(self.reviewers, self.reviewers.dropFirst()) where a.id == b.id { throw .duplicateReviewer(a.id) }
        for reviewer in self.reviewers {
            if let load = reviewer.maxLoad, load < 0 { throw .invalidMaxLoad(reviewer: reviewer.id, maxLoad: load) }
        }

        var reviewerIndex: [String: Int] = [:]
        for (i, r) in self.reviewers.enumerated() { reviewerIndex[r.id] = i }
        var applicants: [Int: [ApplicantKey: String]] = [:]
        var proposalConflicts: [Int: Set<String>] = [:]
        // Sorted so that when two spellings of one applicant are given, the one reported is always the same.
        for conflict in conflicts.sorted(by: { $0.reviewer < $1.reviewer }) {
            guard let r = reviewerIndex[conflict.reviewer] else { continue }
            for name in conflict.applicants.sorted() where applicants[r, default: [:]][ApplicantKey(name)] == nil {
                applicants[r, default: [:]][ApplicantKey(name)] = name
            }
            proposalConflicts[r, default: []].formUnion(conflict.proposals)
        }
        conflictedApplicants = applicants
        conflictedProposals = proposalConflicts

        var proposalIndex: [String: Int] = [:]
        for (i, p) in self.proposals.enumerated() { proposalIndex[p.id] = i }
        assigned = Array(repeating: [], count: self.proposals.count)
        existingLoad = Array(repeating: 0, count: self.reviewers.count)
        for assignment in Set(existing).sorted() {
            guard let p = proposalIndex[assignment.proposal] else {
                dropped.append(DroppedAssignment(assignment: assignment, reason: "no proposal \(assignment.proposal) in the round"))
                continue
            }
            guard let r = reviewerIndex[assignment.reviewer] else {
                dropped.append(DroppedAssignment(assignment: assignment, reason: "no reviewer \(assignment.reviewer) on the panel"))
                continue
            }
            if let reason = conflict(reviewer: r, proposal: p) {
                dropped.append(DroppedAssignment(assignment: assignment, reason: "reviewer \(assignment.reviewer) is \(reason)"))
                continue
            }
            assigned[p].insert(r)
            existingLoad[r] += 1
        }
    }

    /// Why reviewer `r` may not review proposal `p`, or nil when they may.
    func conflict(reviewer r: Int, proposal p: Int) -> ExclusionReason? {
        if conflictedProposals[r]?.contains(proposals[p].id) == true { return .conflictedProposal }
        if let name = conflictedApplicants[r]?[applicantKeys[p]] { return .conflictedApplicant(name) }
        return nil
    }

    /// New reviews reviewer `r` can still take under its maximum load and an optional cap on every load.
    func room(reviewer r: Int, cap: Int?) -> Int {
        let limit = min(reviewers[r].maxLoad ?? Int.max, cap ?? Int.max)
        // A reviewer reviews each proposal at most once, so the proposal count bounds any load.
        return max(0, min(limit - existingLoad[r], proposals.count))
    }

    /// Whether reviewer `r` can be newly assigned to proposal `p`.
    func canAdd(reviewer r: Int, proposal p: Int) -> Bool {
        !assigned[p].contains(r) && conflict(reviewer: r, proposal: p) == nil
    }
}
