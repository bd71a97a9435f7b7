/// Turns a round's panel reviews into calibrated proposal scores (pure: no I/O, same answer for any input order).
public enum ReviewCalibration {
    /// Drops conflicted reviews, reduces each reviewer's criterion scores to one overall score per proposal,
    /// flags proposals with too few reviewers, and removes reviewer habits: the reviewer-bias model when
    /// every reviewer has `minimumReviewsPerReviewer` reviews and the review graph is connected, per-reviewer
    /// z-scores otherwise. Results are sorted by proposal id and reviewer name.
    public static func calibrate(proposals: [Proposal], reviews: [Review], conflicts: [Conflict] = [],
                                 settings: ReviewCalibrationSettings = ReviewCalibrationSettings()) -> ReviewCalibrationResult {
        let sorted = proposals.sorted { ($0.id, $0.applicant) < ($1.id, $1.applicant) }
        let table = PanelTable(proposals: sorted, reviews: reviews, conflicts: conflicts, settings: settings)
        let choice = chooseMethod(table, proposals: sorted.count, settings: settings)

        var adjusted: (PanelObservation) -> Double = { $0.score }
        var reviewers: [ReviewerCalibration] = []
        let perReviewer = reviewerTotals(table)
        switch choice.method {
        case .reviewerBias:
            let b = choice.offsets
            adjusted = { ReviewerBiasModel.adjusted($0, offsets: b) }
            reviewers = table.reviewers.indices.map {
                ReviewerCalibration(reviewer: table.reviewers[$0], reviews: perReviewer.counts[$0],
                                    meanScore: perReviewer.means[$0], offset: b[$0], spread: nil)
            }
        case .zScore:
            let z = ReviewerZScores(table)
            adjusted = { z.adjusted($0) }
            reviewers = table.reviewers.indices.map {
                ReviewerCalibration(reviewer: table.reviewers[$0], reviews: perReviewer.counts[$0],
                                    meanScore: perReviewer.means[$0], offset: z.offset($0), spread: z.spread($0))
            }
        case .none:
            break
        }

        let groups = ReviewerBiasModel.groupedByProposal(table, proposals: sorted.count)
        let panels = sorted.indices.map { p in
            panel(sorted[p], groups[p], table: table, method: choice.method, adjusted: adjusted, settings: settings)
        }
        return ReviewCalibrationResult(settings: settings, method: choice.method, methodReason: choice.reason, proposals: panels,
                                       reviewers: reviewers, dropped: table.dropped, unweightedCriteria: table.unweightedCriteria)
    }

    /// The panel-quality multiplier: 1.0 without a calibrated score (neutral), else
    /// 0.5 + (score - low) / (high - low) on the round's scale, so the lowest score gives 0.5, the midpoint
    /// 1.0 and the highest 1.5. Linear so that a point on the scale is worth the same anywhere; bounded so
    /// that the panel can halve or raise by half a proposal's other merits but never zero or swamp them.
    public static func qualityFactor(score: Double?, scale: ClosedRange<Double>) -> Double {
        guard let score, score.isFinite, scale.upperBound > scale.lowerBound else { return 1 }
        let clamped = min(max(score, scale.lowerBound), scale.upperBound)
        return 0.5 + (clamped - scale.lowerBound) / (scale.upperBound - scale.lowerBound)
    }

    private static func panel(_ proposal: Proposal, _ group: [PanelObservation], table: PanelTable, method: CalibrationMethod,
                              adjusted: (PanelObservation) -> Double, settings: ReviewCalibrationSettings) -> ProposalPanelScore {
        let reviews = group.map { PanelReview(reviewer: table.reviewers[$0.reviewer], rawScore: $0.score, adjustedScore: adjusted($0)) }
        let below = reviews.count < settings.minimumReviews
        guard !reviews.isEmpty else {
            return ProposalPanelScore(proposal: proposal.id, rawScore: nil, calibratedScore: nil, method: .none, reviews: [], belowMinimumReviews: below)
        }
        let n = Double(reviews.count)
        let raw = reviews.reduce(0) { $0 + $1.rawScore } / n
        let calibrated = reviews.reduce(0) { $0 + $1.adjustedScore } / n
        let kept = min(max(calibrated, settings.scale.lowerBound), settings.scale.upperBound)
        return ProposalPanelScore(proposal: proposal.id, rawScore: raw, calibratedScore: kept, method: method, reviews: reviews, belowMinimumReviews: below)
    }

    /// Review counts and mean overall scores per reviewer.
    private static func reviewerTotals(_ table: PanelTable) -> (counts: [Int], means: [Double]) {
        var counts = [Int](repeating: 0, count: table.reviewers.count)
        var sums = [Double](repeating: 0, count: table.reviewers.count)
        for o in table.observations { counts[o.reviewer] += 1; sums[o.reviewer] += o.score }
        return (counts, zip(sums, counts).map { $1 > 0 ? $0 / Double($1) : 0 })
    }

    /// The bias model when the data can carry it, else z-scores, with the reason in plain words.
    private static func chooseMethod(_ table: PanelTable, proposals: Int, settings: ReviewCalibrationSettings)
        -> (method: CalibrationMethod, offsets: [Double], reason: String) {
        guard !table.observations.isEmpty else { return (.none, [], "no reviews: panel quality is neutral") }
        let counts = reviewerTotals(table).counts
        let thin = table.reviewers.indices.filter { counts[$0] < settings.minimumReviewsPerReviewer }.map { table.reviewers[$0] }
        if !thin.isEmpty {
            return (.zScore, [], "z-scores: reviewer(s) \(thin.joined(separator: ", ")) scored fewer than \(settings.minimumReviewsPerReviewer) proposals")
        }
        guard ReviewGraph.isConnected(table, proposals: proposals) else {
            return (.zScore, [], "z-scores: the reviewers fall into groups that share no proposal, so their offsets cannot be compared")
        }
        guard let offsets = ReviewerBiasModel.offsets(table, proposals: proposals) else {
            return (.zScore, [], "z-scores: the reviewer-bias equations have no unique solution")
        }
        return (.reviewerBias, offsets, "reviewer-bias model: every reviewer scored at least \(settings.minimumReviewsPerReviewer) proposals and the reviews connect every reviewer")
    }
}
