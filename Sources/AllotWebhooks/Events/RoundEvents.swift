import Foundation

/// `round.completed`: the ranking summary and the recommended portfolio.
public struct RoundCompleted: WebhookPayload, Equatable {
    /// One applicant's place in the ranking.
    public struct RankedApplicant: Sendable, Equatable, Encodable {
        /// 1 is best.
        public var rank: Int
        /// Applicant id.
        public var applicantID: String
        /// Display name.
        public var name: String
        /// Need-weighted score, 0...1.
        public var score: Double

        /// Creates a ranking row.
        public init(rank: Int, applicantID: String, name: String, score: Double) {
            self.rank = rank
            self.applicantID = applicantID
            self.name = name
            self.score = score
        }
    }

    /// One recommended grant.
    public struct Award: Sendable, Equatable, Encodable {
        /// Applicant id.
        public var applicantID: String
        /// Grant in whole currency units.
        public var amount: Int

        /// Creates an award.
        public init(applicantID: String, amount: Int) {
            self.applicantID = applicantID
            self.amount = amount
        }
    }

    public static let eventType = WebhookEventType.roundCompleted
    /// Round id.
    public var roundID: String
    /// How many applicants were ranked.
    public var applicantsRanked: Int
    /// The top of the ranking (the caller chooses how many rows).
    public var ranking: [RankedApplicant]
    /// Budget of the round.
    public var budget: Int
    /// ISO 4217 code of amounts.
    public var currency: String
    /// The recommended portfolio.
    public var awards: [Award]

    /// Creates the payload.
    public init(
        roundID: String, applicantsRanked: Int, ranking: [RankedApplicant], budget: Int, currency: String,
        awards: [Award]
    ) {
        self.roundID = roundID
        self.applicantsRanked = applicantsRanked
        self.ranking = ranking
        self.budget = budget
        self.currency = currency
        self.awards = awards
    }

    /// Sum of the awards.
    public var totalAwarded: Int { awards.reduce(0) { $0 + $1.amount } }

    public var plainText: String {
        let top = ranking.prefix(3).map { "\($0.rank). \($0.name) (\($0.applicantID))" }.joined(separator: "; ")
        return "Round \(roundID) completed: \(applicantsRanked) applicants ranked; \(awards.count) grants "
            + "recommended, \(totalAwarded) of \(budget) \(currency). Top: \(top.isEmpty ? "none" : top)."
    }

    private enum CodingKeys: String, CodingKey {
        case roundID, applicantsRanked, ranking, budget, currency, awards, totalAwarded
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(roundID, forKey: .roundID)
        try container.encode(applicantsRanked, forKey: .applicantsRanked)
        try container.encode(ranking, forKey: .ranking)
        try container.encode(budget, forKey: .budget)
        try container.encode(currency, forKey: .currency)
        try container.encode(awards, forKey: .awards)
        try container.encode(totalAwarded, forKey: .totalAwarded)
    }
}

/// `round.failed`: a round could not be completed.
public struct RoundFailed: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.roundFailed
    /// Round id.
    public var roundID: String
    /// Step that failed, e.g. `portfolio`.
    public var stage: String
    /// Why, for a person.
    public var reason: String

    /// Creates the payload.
    public init(roundID: String, stage: String, reason: String) {
        self.roundID = roundID
        self.stage = stage
        self.reason = reason
    }

    public var plainText: String { "Round \(roundID) failed at \(stage): \(reason)" }
}
