/// The equity rules a round asks the portfolio to respect.
public struct RoundConstraints: Sendable, Equatable, Codable {
    /// Group code -> minimum share of the budget.
    public var groupFloors: [String: Double] = [:]
    public var reachEveryRIC = false
    public var maxPerApplicant: Double?

    public init(groupFloors: [String: Double] = [:], reachEveryRIC: Bool = false, maxPerApplicant: Double? = nil) {
        self.groupFloors = groupFloors
        self.reachEveryRIC = reachEveryRIC
        self.maxPerApplicant = maxPerApplicant
    }

    enum CodingKeys: String, CodingKey {
        case groupFloors = "group_floors", reachEveryRIC = "reach_every_ric", maxPerApplicant = "max_per_applicant"
    }

    /// Every key is optional, as docs/openapi.json says: an absent one constrains nothing.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        groupFloors = try c.decodeIfPresent([String: Double].self, forKey: .groupFloors) ?? [:]
        reachEveryRIC = try c.decodeIfPresent(Bool.self, forKey: .reachEveryRIC) ?? false
        maxPerApplicant = try c.decodeIfPresent(Double.self, forKey: .maxPerApplicant)
    }
}

/// A round: budget, the surveys and supply year it draws on, its review scale, weights and constraints.
public struct RoundConfig: Sendable, Equatable {
    public var name: String
    public var budget: Double?
    public var surveys: [String]
    public var supplyYear: String?
    public var scoreScale: ClosedRange<Double>
    public var minimumReviews: Int
    /// Overrides of the default weights (criteria not named keep their default).
    public var weights: [Criterion: Double]
    /// Only what the round asks for: none by default.
    public var constraints: RoundConstraints

    public init(name: String = "round", budget: Double? = nil, surveys: [String] = [], supplyYear: String? = nil,
                scoreScale: ClosedRange<Double> = 1...5, minimumReviews: Int = 0, weights: [Criterion: Double] = [:],
                constraints: RoundConstraints = RoundConstraints()) {
        self.name = name
        self.budget = budget
        self.surveys = surveys
        self.supplyYear = supplyYear
        self.scoreScale = scoreScale
        self.minimumReviews = minimumReviews
        self.weights = weights
        self.constraints = constraints
    }
}
