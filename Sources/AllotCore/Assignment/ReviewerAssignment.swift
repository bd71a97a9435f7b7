/// Assigns reviewers to proposals: each proposal gets its reviews from distinct reviewers who are not
/// conflicted with it, the largest load is as small as possible and, given that, the sum of squared
/// loads is too. Pure and deterministic: the answer depends only on the ids, never on input order.
public enum ReviewerAssignment {
    /// Tops up `existing` so every proposal has `reviewsPerProposal` reviewers, or says why it cannot.
    ///
    /// Existing assignments are kept and count towards the reviews of their proposal and the load of
    /// their reviewer; those naming an unknown proposal or reviewer, or now conflicted, are dropped and
    /// reported. A proposal already holding more reviews than asked keeps them all.
    public static func assign(proposals: [AssignmentProposal], reviewers: [AssignmentReviewer],
                              conflicts: [AssignmentConflicts] = [], reviewsPerProposal: Int,
                              existing: [ReviewAssignment] = []) throws(ReviewerAssignmentError) -> ReviewerAssignmentResult {
        // Bounded so the demand sum below cannot overflow, whatever a caller passes.
        guard (0...InputLimits.maxReviewsPerProposal).contains(reviewsPerProposal) else { throw .invalidReviewsPerProposal(reviewsPerProposal) }
        let panel = try AssignmentPanel(proposals: proposals, reviewers: reviewers, conflicts: conflicts, existing: existing)
        let missing = panel.proposals.indices.map { max(0, reviewsPerProposal - panel.assigned[$0].count) }
        let demand = missing.reduce(0, +)

        let shortfalls = panel.proposals.indices.compactMap { shortfall(panel, proposal: $0, needed: reviewsPerProposal) }
        guard shortfalls.isEmpty else { throw .tooFewReviewers(shortfalls) }

        // The least feasible largest load: start from a bound no assignment beats (the largest kept load,
        // the average load rounded up) and raise the cap one step at a time, keeping the flow found so far.
        let kept = panel.existingLoad.reduce(0, +)
        let reviewerCount = max(1, panel.reviewers.count)
        var cap = max(panel.existingLoad.max() ?? 0, (kept + demand + reviewerCount - 1) / reviewerCount)
        let ceiling = (panel.existingLoad.max() ?? 0) + panel.proposals.count
        var feasibility = AssignmentNetwork(panel: panel, missing: missing, loadCap: cap, balanced: false)
        var placed = feasibility.solve()
        while placed < demand && cap < ceiling {
            cap += 1
            feasibility.raise(loadCap: cap)
            placed += feasibility.solve()
        }
        guard placed == demand else { throw .loadsCannotBeMet(feasibility.shortfall(missing: missing)) }

        // Under that cap, the least sum of squared loads.
        var network = AssignmentNetwork(panel: panel, missing: missing, loadCap: cap, balanced: true)
        _ = network.solve()
        return result(panel, added: network.chosen)
    }

    /// The shortfall of proposal `p` on its own, or nil when it has enough usable reviewers.
    private static func shortfall(_ panel: AssignmentPanel, proposal p: Int, needed: Int) -> ProposalShortfall? {
        var available = panel.assigned[p].count
        var excluded: [ExcludedReviewer] = []
        for r in panel.reviewers.indices where !panel.assigned[p].contains(r) {
            if let reason = panel.conflict(reviewer: r, proposal: p) {
                excluded.append(ExcludedReviewer(reviewer: panel.reviewers[r].id, reason: reason))
            } else if panel.room(reviewer: r, cap: nil) == 0 {
                excluded.append(ExcludedReviewer(reviewer: panel.reviewers[r].id, reason: .atMaxLoad(panel.reviewers[r].maxLoad ?? 0)))
            } else {
                available += 1
            }
        }
        guard available < needed else { return nil }
        return ProposalShortfall(proposal: panel.proposals[p].id, needed: needed, available: available, excluded: excluded)
    }

    private static func result(_ panel: AssignmentPanel, added: [(proposal: Int, reviewer: Int)]) -> ReviewerAssignmentResult {
        var loads = panel.existingLoad
        var all: [ReviewAssignment] = []
        for (p, reviewers) in panel.assigned.enumerated() {
            for r in reviewers { all.append(ReviewAssignment(proposal: panel.proposals[p].id, reviewer: panel.reviewers[r].id)) }
        }
        let new = added.map { pair in
            loads[pair.reviewer] += 1
            return ReviewAssignment(proposal: panel.proposals[pair.proposal].id, reviewer: panel.reviewers[pair.reviewer].id)
        }
        all += new
        var byReviewer: [String: Int] = [:]
        for (r, reviewer) in panel.reviewers.enumerated() { byReviewer[reviewer.id] = loads[r] }
        return ReviewerAssignmentResult(assignments: all.sorted(), added: new.sorted(), dropped: panel.dropped, loads: byReviewer)
    }
}
