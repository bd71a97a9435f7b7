/// Which model turned raw panel scores into calibrated ones.
public enum CalibrationMethod: String, Sendable, Equatable, Codable {
    /// No reviews to calibrate: panel quality is neutral.
    case none
    /// Least squares on score = proposal quality + reviewer offset.
    case reviewerBias = "reviewer-bias"
    /// Per-reviewer z-scores mapped back onto the scale (the fallback for thin data).
    case zScore = "z-score"
}

/// One reviewer's overall score of one proposal, raw and after removing the reviewer's habits.
public struct PanelReview: Sendable, Equatable {
    public var reviewer: String
    /// The mean (or weighted mean) of the reviewer's criterion scores.
    public var rawScore: Double
    /// The score with the reviewer's offset (or z-scaling) removed; not clamped to the scale.
    public var adjustedScore: Double
}

/// A proposal's panel scores, raw and calibrated side by side.
public struct ProposalPanelScore: Sendable, Equatable {
    public var proposal: String
    /// The mean of its reviewers' overall scores; nil without reviews.
    public var rawScore: Double?
    /// The mean of the adjusted scores, kept within the round's scale; nil without reviews.
    public var calibratedScore: Double?
    /// The method used for this proposal (`none` when it has no reviews).
    public var method: CalibrationMethod
    /// One entry per distinct reviewer, sorted by reviewer.
    public var reviews: [PanelReview]
    /// Fewer distinct reviewers than the round's `minimum_reviews`.
    public var belowMinimumReviews: Bool

    /// Distinct reviewers who scored the proposal (conflicted ones excluded).
    public var reviewCount: Int { reviews.count }
}

/// What the calibration learnt about one reviewer.
public struct ReviewerCalibration: Sendable, Equatable {
    public var reviewer: String
    /// Proposals the reviewer scored (after conflicts were dropped).
    public var reviews: Int
    /// The mean of the reviewer's overall scores.
    public var meanScore: Double
    /// How much higher than an average reviewer they score: b_r of the bias model, or mean minus grand mean for z-scores.
    public var offset: Double
    /// z-score method only: the reviewer's standard deviation over the pooled one; nil otherwise.
    public var spread: Double?
}

/// A review that does not count, and why.
public struct DroppedReview: Sendable, Equatable {
    public var review: Review
    public var reason: String
}

/// Calibrated panel scores of a round: per proposal, per reviewer, and the reviews left out.
public struct ReviewCalibrationResult: Sendable, Equatable {
    public var settings: ReviewCalibrationSettings
    public var method: CalibrationMethod
    /// Why this method was chosen, in plain words.
    public var methodReason: String
    /// Every proposal of the round, sorted by id.
    public var proposals: [ProposalPanelScore]
    /// Every reviewer with a counted review, sorted by name.
    public var reviewers: [ReviewerCalibration]
    /// Conflicted reviews and reviews of unknown proposals, in sorted order.
    public var dropped: [DroppedReview]
    /// Criteria scored but absent from the round's criterion weights (they count with weight 0).
    public var unweightedCriteria: [String]

    /// Ids of proposals with fewer distinct reviewers than the round requires.
    public var underReviewed: [String] { proposals.filter(\.belowMinimumReviews).map(\.proposal) }

    /// The panel scores of proposal `id` (ids compared as `WordingKey` does).
    public func panel(for id: String) -> ProposalPanelScore? {
        let key = WordingKey.normalise(id)
        return proposals.first { WordingKey.normalise($0.proposal) == key }
    }

    /// The panel-quality multiplier of proposal `id`; 1.0 (neutral) when it has no reviews.
    public func qualityFactor(for id: String) -> Double {
        ReviewCalibration.qualityFactor(score: panel(for: id)?.calibratedScore, scale: settings.scale)
    }
}
