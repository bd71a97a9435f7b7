/// How a round reads its panel's scores: the scale, how many reviews a proposal needs, criterion weights.
public struct ReviewCalibrationSettings: Sendable, Equatable {
    /// The round's score scale (`score_scale: [1, 5]` by default).
    public var scale: ClosedRange<Double>
    /// Proposals with fewer distinct reviewers than this are flagged (`minimum_reviews`).
    public var minimumReviews: Int
    /// Criterion -> weight when the round weights criteria; nil means a reviewer's overall score is the plain mean.
    public var criterionWeights: [String: Double]?
    /// The bias model needs every reviewer to have scored at least this many proposals.
    public var minimumReviewsPerReviewer: Int

    public init(scale: ClosedRange<Double> = 1...5, minimumReviews: Int = 2, criterionWeights: [String: Double]? = nil,
                minimumReviewsPerReviewer: Int = 3) {
        self.scale = scale
        self.minimumReviews = minimumReviews
        self.criterionWeights = criterionWeights
        self.minimumReviewsPerReviewer = minimumReviewsPerReviewer
    }
}
