/// The scoring criteria, in output order.
public enum Criterion: String, CaseIterable, Sendable, Codable {
    case needAlignment = "need_alignment"
    case priorityMatch = "priority_match"
    case barrierMitigation = "barrier_mitigation"
    case equityReach = "equity_reach"
    case valueForMoney = "value_for_money"
    case panelQuality = "panel_quality"
    case deliverability
}

/// Settings of the scoring (`Config/scoring.yaml`), overridable per round.
public struct ScoringConfig: Sendable, Equatable {
    /// Criterion -> weight. The score is exactly the weighted sum of the 0-1 components (weights are not rescaled).
    public var weights: [Criterion: Double]
    /// Groups counted as under-served for equity reach.
    public var underservedGroups: Set<String>
    /// Value for money: need-weighted gap hours per pound at which the component is 0.5 (fixed, not per round).
    public var valueForMoneyHalfPoint: Double
    /// Applicant name -> provider names in the supply returns (both compared as `ApplicantKey`s).
    public var aliases: [String: [String]]
    public var gaps: GapConfig

    public init(weights: [Criterion: Double] = ScoringConfig.defaultWeights, underservedGroups: Set<String> = ["asn", "technician", "elc", "cld"],
                valueForMoneyHalfPoint: Double = 0.05, aliases: [String: [String]] = [:], gaps: GapConfig = GapConfig()) {
        self.weights = weights
        self.underservedGroups = underservedGroups
        self.valueForMoneyHalfPoint = valueForMoneyHalfPoint
        self.aliases = aliases
        self.gaps = gaps
    }

    public static let defaultWeights: [Criterion: Double] = [
        .needAlignment: 0.30, .priorityMatch: 0.10, .barrierMitigation: 0.10, .equityReach: 0.15,
        .valueForMoney: 0.15, .panelQuality: 0.15, .deliverability: 0.05,
    ]
}

/// One reviewer's overall score of a proposal, raw and with the reviewer's habits removed (the calibration's adjusted
/// score, not clamped to the scale), so a panel can see which reviews the calibration moved and by how much.
public struct PanelReviewLine: Sendable, Equatable, Codable {
    public let reviewer: String
    public let rawScore: Double
    public let calibratedScore: Double

    public init(reviewer: String, rawScore: Double, calibratedScore: Double) {
        self.reviewer = reviewer
        self.rawScore = rawScore
        self.calibratedScore = calibratedScore
    }

    enum CodingKeys: String, CodingKey { case reviewer; case rawScore = "raw_score", calibratedScore = "calibrated_score" }
}

/// A proposal's panel result after calibration, on a 0-1 scale, and the quality factor applied to its value.
public struct PanelResult: Sendable, Equatable, Codable {
    public let reviews: Int
    public let rawScore: Double
    public let calibratedScore: Double
    /// (calibrated - scale minimum) / (scale maximum - scale minimum).
    public let normalised: Double
    public let qualityFactor: Double
    public let method: String
    /// Each counted review, by reviewer (absent from documents stored before it was kept).
    public let byReviewer: [PanelReviewLine]?

    public init(reviews: Int, rawScore: Double, calibratedScore: Double, normalised: Double, qualityFactor: Double, method: String,
                byReviewer: [PanelReviewLine]? = nil) {
        self.reviews = reviews
        self.rawScore = rawScore
        self.calibratedScore = calibratedScore
        self.normalised = normalised
        self.qualityFactor = qualityFactor
        self.method = method
        self.byReviewer = byReviewer
    }

    enum CodingKeys: String, CodingKey {
        case reviews, method
        case byReviewer = "by_reviewer"
        case rawScore = "raw_score", calibratedScore = "calibrated_score", normalised, qualityFactor = "quality_factor"
    }
}
