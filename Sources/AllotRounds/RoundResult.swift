import AllotCore
import AllotPortfolio

/// The learner groups and RICs a proposal reaches (the keys the round's `by_group` and `by_ric` lines use), so a
/// reader can filter the ranking by group or RIC without the proposal file.
public struct ProposalReachLine: Codable, Sendable, Equatable {
    public let groups: [String]
    public let rics: [String]

    /// The groups with projected hours and the RICs the proposal works in (every RIC for national or online work).
    public init(_ p: Proposal) {
        groups = p.projectedHours.filter { $0.hours > 0 }.map { Taxonomy.learnerGroup.code(at: $0.group) }
        rics = p.ricsReached.sorted()
    }
}

/// A ranked proposal with what the recommended portfolio gives it and how robust that is.
/// Decodable too, so the web pages read the very document the API serves.
public struct RoundProposal: Codable, Sendable {
    public let scored: ScoredProposal
    /// The groups and RICs it reaches.
    public let reach: ProposalReachLine?
    public let recommended: Bool?
    public let award: Double?
    /// Share of robustness samples whose portfolio funds it.
    public let fundedProbability: Double?
    /// Funded in some samples and not in others (by default 10%-90%).
    public let nearLine: Bool?
    /// Unfunded and near the line: the highest request at which the round would fund it (nil: not even at 1%).
    public let fundedAtRequest: Double?
    /// Funded: the budget levels (fractions of the budget) at which it stays funded.
    public let fundedAtBudgetLevels: [Double]?
    /// Funded, partly funded, or not funded and why (with a budget only).
    public let status: FundingStatus?

    enum Keys: String, CodingKey {
        case recommended, award, status, reach
        case fundedProbability = "funded_probability", nearLine = "near_line", fundedAtRequest = "funded_at_request"
        case fundedAtBudgetLevels = "funded_at_budget_levels"
    }

    /// Creates a line.
    public init(scored: ScoredProposal, reach: ProposalReachLine?, recommended: Bool?, award: Double?, fundedProbability: Double?, nearLine: Bool?,
                fundedAtRequest: Double?, fundedAtBudgetLevels: [Double]?, status: FundingStatus?) {
        self.scored = scored
        self.reach = reach
        self.recommended = recommended
        self.award = award
        self.fundedProbability = fundedProbability
        self.nearLine = nearLine
        self.fundedAtRequest = fundedAtRequest
        self.fundedAtBudgetLevels = fundedAtBudgetLevels
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        scored = try ScoredProposal(from: decoder)
        let c = try decoder.container(keyedBy: Keys.self)
        reach = try c.decodeIfPresent(ProposalReachLine.self, forKey: .reach)
        recommended = try c.decodeIfPresent(Bool.self, forKey: .recommended)
        award = try c.decodeIfPresent(Double.self, forKey: .award)
        status = try c.decodeIfPresent(FundingStatus.self, forKey: .status)
        fundedProbability = try c.decodeIfPresent(Double.self, forKey: .fundedProbability)
        nearLine = try c.decodeIfPresent(Bool.self, forKey: .nearLine)
        fundedAtRequest = try c.decodeIfPresent(Double.self, forKey: .fundedAtRequest)
        fundedAtBudgetLevels = try c.decodeIfPresent([Double].self, forKey: .fundedAtBudgetLevels)
    }

    public func encode(to encoder: any Encoder) throws {
        try scored.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(reach, forKey: .reach)
        try c.encodeIfPresent(recommended, forKey: .recommended)
        try c.encodeIfPresent(award, forKey: .award)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(fundedProbability, forKey: .fundedProbability)
        try c.encodeIfPresent(nearLine, forKey: .nearLine)
        try c.encodeIfPresent(fundedAtRequest, forKey: .fundedAtRequest)
        try c.encodeIfPresent(fundedAtBudgetLevels, forKey: .fundedAtBudgetLevels)
    }
}

/// One constraint of the round as the portfolio meets it.
public struct ConstraintLine: Codable, Sendable {
    public let name: String
    /// `pounds` or `proposals`: what required and achieved count.
    public let unit: ConstraintUnit
    public let required: Double
    public let achieved: Double
    public let binding: Bool
}

/// Money and projects of the recommended portfolio in one learner group or RIC.
public struct MoneyLine: Codable, Sendable {
    public let key: String
    public let name: String
    /// Awards apportioned by the share of each project's hours in this group or RIC.
    public let amount: Double
    public let share: Double
    /// Funded projects with any hours here.
    public let projects: Int
    /// The floor in pounds where the round sets one.
    public let floor: Double?
}

/// One applicant of the round with every spelling its proposals use (merged by `ApplicantKey`): the applicant the
/// cap, conflicts and track record are matched on.
public struct ApplicantLine: Encodable, Sendable {
    /// The comparison key (`ApplicantKey`).
    public let key: String
    /// The name shown for it: its proposals' most frequent spelling, ties to the first in sorted order.
    public let name: String
    /// Every spelling its proposals use, sorted.
    public let spellings: [String]
    /// Its proposals' ids, sorted.
    public let proposals: [String]
    /// Pounds its proposals ask for in total.
    public let requested: Double
    /// Pounds the recommended portfolio awards it (present when the round has a budget).
    public let awarded: Double?
}

/// How the robustness analysis ran.
public struct RobustnessSummary: Encodable, Sendable {
    public let samples: Int
    public let seed: UInt64
    public let weightSpread: Double
    public let reviewerNoise: Double
    public let nearLine: [Double]
    public let samplesProvenOptimal: Int
    public let maxSampleGap: Double
    public let meanSampleGap: Double
    public let infeasibleBudgetLevels: [Double]

    enum CodingKeys: String, CodingKey {
        case samples, seed
        case weightSpread = "weight_spread", reviewerNoise = "reviewer_noise", nearLine = "near_line"
        case samplesProvenOptimal = "samples_proven_optimal", maxSampleGap = "max_sample_gap", meanSampleGap = "mean_sample_gap"
        case infeasibleBudgetLevels = "infeasible_budget_levels"
    }
}

/// The round's output (`allot round run --json`, and the server's results).
public struct RoundResult: Encodable, Sendable {
    public struct Calibration: Encodable, Sendable {
        public let method: String
        public let reason: String
        public let reviewers: [String: Double]
        public let dropped: [String]
        public let underReviewed: [String]
        enum CodingKeys: String, CodingKey { case method, reason, reviewers, dropped; case underReviewed = "under_reviewed" }
    }
    public let round: String
    public let budget: Double?
    public let weights: [String: Double]
    public let constraints: RoundConstraints
    public let proposals: [RoundProposal]
    /// Every applicant, sorted by key.
    public let applicants: [ApplicantLine]
    /// Present when the round has a budget: the recommended portfolio.
    public let allocated: Double?
    public let objective: Double?
    public let constraintLines: [ConstraintLine]?
    public let byGroup: [MoneyLine]?
    public let byRIC: [MoneyLine]?
    public let solver: String?
    public let robustness: RobustnessSummary?
    public let calibration: Calibration
    public let practitionersFrom: PractitionersSource
    /// Per group, how its practitioners were found and the range of the estimate.
    public let practitionerEstimate: [PractitionerEstimate.Group]
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case round, budget, weights, proposals, applicants, calibration, notes, allocated, objective, solver, robustness
        case constraints = "constraint_settings", constraintLines = "constraints"
        case byGroup = "by_group", byRIC = "by_ric"
        case practitionersFrom = "practitioners_from", practitionerEstimate = "practitioner_estimate"
    }

    /// Proposal id -> the display name of its applicant (its `ApplicantLine.name`).
    public func applicantNamesByProposal() -> [String: String] {
        var names: [String: String] = [:]
        for a in applicants { for id in a.proposals { names[id] = a.name } }
        return names
    }
}
