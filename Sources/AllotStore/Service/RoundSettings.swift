import AllotCore
import Foundation

/// A round's settings as stored and as posted: budget, constraints, weights, the surveys and supply year it draws on,
/// and the review rules.
public struct RoundSettings: Sendable, Equatable, Codable {
    public var budget: Double?
    /// Explicit constraints; nil with `useDefaultConstraints` takes Config/scoring.yaml's.
    public var constraints: RoundConstraints?
    public var useDefaultConstraints: Bool
    /// Criterion name -> weight, overriding Config/scoring.yaml.
    public var weights: [String: Double]
    public var surveys: [String]
    public var supplyYear: String?
    public var reviewDeadline: Date?
    public var reviewsPerProposal: Int?
    public var requireAllReviews: Bool
    public var scoreScale: [Double]?
    public var minimumReviews: Int?
    /// A five-field cron expression (or @daily ...) on which the daemon re-runs the round, if any.
    public var schedule: String?
    /// The time zone of `schedule` (an IANA name; default UTC).
    public var scheduleTimeZone: String?

    /// Creates settings.
    public init(budget: Double? = nil, constraints: RoundConstraints? = nil, useDefaultConstraints: Bool = false,
                weights: [String: Double] = [:], surveys: [String] = [], supplyYear: String? = nil, reviewDeadline: Date? = nil,
                reviewsPerProposal: Int? = nil, requireAllReviews: Bool = false, scoreScale: [Double]? = nil, minimumReviews: Int? = nil,
                schedule: String? = nil, scheduleTimeZone: String? = nil) {
        self.budget = budget
        self.constraints = constraints
        self.useDefaultConstraints = useDefaultConstraints
        self.weights = weights
        self.surveys = surveys
        self.supplyYear = supplyYear
        self.reviewDeadline = reviewDeadline
        self.reviewsPerProposal = reviewsPerProposal
        self.requireAllReviews = requireAllReviews
        self.scoreScale = scoreScale
        self.minimumReviews = minimumReviews
        self.schedule = schedule
        self.scheduleTimeZone = scheduleTimeZone
    }

    /// Every key of the settings' JSON form, as posted and stored.
    public static var keys: [String] { CodingKeys.allCases.map(\.rawValue) }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case budget, constraints, weights, surveys
        case useDefaultConstraints = "use_default_constraints", supplyYear = "supply_year", reviewDeadline = "review_deadline"
        case reviewsPerProposal = "reviews_per_proposal", requireAllReviews = "require_all_reviews", scoreScale = "score_scale"
        case minimumReviews = "minimum_reviews", schedule, scheduleTimeZone = "schedule_time_zone"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        budget = try c.decodeIfPresent(Double.self, forKey: .budget)
        // `"constraints": "defaults"` asks for Config/scoring.yaml's constraints, as a round file can.
        if let text = try? c.decodeIfPresent(String.self, forKey: .constraints) {
            guard text == "defaults" else {
                throw DecodingError.dataCorruptedError(forKey: .constraints, in: c, debugDescription: "expected 'defaults' or an object of constraints")
            }
            constraints = nil
            useDefaultConstraints = true
        } else {
            constraints = try c.decodeIfPresent(RoundConstraints.self, forKey: .constraints)
            useDefaultConstraints = try c.decodeIfPresent(Bool.self, forKey: .useDefaultConstraints) ?? false
        }
        weights = try c.decodeIfPresent([String: Double].self, forKey: .weights) ?? [:]
        surveys = try c.decodeIfPresent([String].self, forKey: .surveys) ?? []
        supplyYear = try c.decodeIfPresent(String.self, forKey: .supplyYear)
        reviewDeadline = try c.decodeIfPresent(Date.self, forKey: .reviewDeadline)
        reviewsPerProposal = try c.decodeIfPresent(Int.self, forKey: .reviewsPerProposal)
        requireAllReviews = try c.decodeIfPresent(Bool.self, forKey: .requireAllReviews) ?? false
        scoreScale = try c.decodeIfPresent([Double].self, forKey: .scoreScale)
        minimumReviews = try c.decodeIfPresent(Int.self, forKey: .minimumReviews)
        schedule = try c.decodeIfPresent(String.self, forKey: .schedule)
        scheduleTimeZone = try c.decodeIfPresent(String.self, forKey: .scheduleTimeZone)
    }

    /// The JSON coders of stored settings (ISO 8601 dates, sorted keys).
    public static var encoder: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        return e
    }

    /// Decodes stored or posted settings.
    public static var decoder: JSONDecoder {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .iso8601
        return d
    }
}
