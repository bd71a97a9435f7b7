/// One reviewer's overall score of one proposal (indices into the panel's proposal and reviewer lists).
struct PanelObservation: Sendable, Equatable {
    let proposal: Int
    let reviewer: Int
    let score: Double
}

/// The counted reviews of a round, reduced to one overall score per reviewer and proposal.
struct PanelTable: Sendable {
    /// Reviewer display names, in the order of their comparison keys.
    var reviewers: [String]
    /// Sorted by proposal, then reviewer.
    var observations: [PanelObservation]
    var dropped: [DroppedReview]
    var unweightedCriteria: [String]

    /// Reduces `reviews` of the id-sorted `proposals`: drops conflicted reviews and reviews of unknown
    /// proposals, then averages each reviewer's criterion scores (weighted when the round weights criteria).
    init(proposals: [Proposal], reviews: [Review], conflicts: [Conflict], settings: ReviewCalibrationSettings) {
        let key = WordingKey.normalise
        var proposalIndex: [String: Int] = [:]
        for (i, p) in proposals.enumerated() where proposalIndex[key(p.id)] == nil { proposalIndex[key(p.id)] = i }
        let conflicted = Set(conflicts.map { ConflictKey(reviewer: key($0.reviewer), applicant: ApplicantKey($0.applicant)) })
        // Sorting on comparison keys first makes every later sum run in the same order whatever the input order.
        let sorted = reviews.map { (keys: SortKey($0), review: $0) }.sorted { $0.keys < $1.keys }

        var scores: [Int: [String: [String: [Double]]]] = [:]
        var names: [String: String] = [:]
        var dropped: [DroppedReview] = []
        for (keys, review) in sorted {
            guard let p = proposalIndex[keys.proposal] else {
                dropped.append(DroppedReview(review: review, reason: "no proposal '\(review.proposal)' in the round"))
                continue
            }
            let applicant = proposals[p].applicant
            if conflicted.contains(ConflictKey(reviewer: keys.reviewer, applicant: ApplicantKey(applicant))) {
                dropped.append(DroppedReview(review: review, reason: "reviewer '\(review.reviewer)' is conflicted with applicant '\(applicant)'"))
                continue
            }
            scores[p, default: [:]][keys.reviewer, default: [:]][keys.criterion, default: []].append(review.score)
            names[keys.reviewer] = min(names[keys.reviewer] ?? review.reviewer, review.reviewer)
        }

        let reviewerKeys = names.keys.sorted()
        let reviewerIndex = Dictionary(uniqueKeysWithValues: reviewerKeys.enumerated().map { ($1, $0) })
        let weights = settings.criterionWeights.map { w in Dictionary(w.map { (key($0.key), $0.value) }, uniquingKeysWith: +) }
        var unweighted: Set<String> = []
        var observations: [PanelObservation] = []
        for p in scores.keys.sorted() {
            guard let byReviewer = scores[p] else { continue }
            for r in byReviewer.keys.sorted() {
                guard let criteria = byReviewer[r], let ri = reviewerIndex[r] else { continue }
                let overall = Self.overall(criteria, weights: weights, unweighted: &unweighted)
                observations.append(PanelObservation(proposal: p, reviewer: ri, score: overall))
            }
        }
        self.reviewers = reviewerKeys.map { names[$0] ?? $0 }
        self.observations = observations
        self.dropped = dropped
        self.unweightedCriteria = unweighted.sorted()
    }

    /// A reviewer's overall score: the mean of their criterion scores, or the weighted mean when weights
    /// are given (a criterion scored twice counts once, at its mean; all-zero weights fall back to the mean).
    private static func overall(_ criteria: [String: [Double]], weights: [String: Double]?, unweighted: inout Set<String>) -> Double {
        var plain = 0.0, weighted = 0.0, totalWeight = 0.0
        for c in criteria.keys.sorted() {
            guard let values = criteria[c], !values.isEmpty else { continue }
            let score = values.reduce(0, +) / Double(values.count)
            plain += score
            if let weights {
                let w = weights[c] ?? 0
                if weights[c] == nil { unweighted.insert(c) }
                weighted += w * score
                totalWeight += w
            }
        }
        if totalWeight > 0 { return weighted / totalWeight }
        return plain / Double(max(criteria.count, 1))
    }
}

/// A reviewer (as `WordingKey` compares it) and an applicant (by `ApplicantKey`).
private struct ConflictKey: Hashable {
    let reviewer: String
    let applicant: ApplicantKey
}

/// A review's comparison keys, in sorting order.
private struct SortKey: Comparable {
    let proposal: String
    let reviewer: String
    let criterion: String
    let score: Double
    let comment: String
    let raw: String

    init(_ r: Review) {
        proposal = WordingKey.normalise(r.proposal)
        reviewer = WordingKey.normalise(r.reviewer)
        criterion = WordingKey.normalise(r.criterion)
        score = r.score
        comment = r.comment ?? ""
        // Spellings last, so two reviews differing only in case still sort the same way every time.
        raw = r.proposal + "\u{1F}" + r.reviewer + "\u{1F}" + r.criterion
    }

    static func < (a: SortKey, b: SortKey) -> Bool {
        (a.proposal, a.reviewer, a.criterion, a.score, a.comment, a.raw) < (b.proposal, b.reviewer, b.criterion, b.score, b.comment, b.raw)
    }
}
