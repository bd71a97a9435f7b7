/// One indicator of one cell: raw value, shrunk value, the responses behind it and a 95% interval.
public struct IndicatorEstimate: Codable, Sendable, Equatable {
    /// Nil when nobody in the cell answered.
    public let raw: Double?
    public let shrunk: Double
    public let n: Int
    public let low: Double
    public let high: Double
}

/// An earlier year's headline figures for the same cell.
public struct TrendPoint: Codable, Sendable, Equatable {
    public let year: String
    public let responses: Int
    public let needIndex: Double
    public let meanHours: Double?
    public let accessDifficult: Double?
    public let notConfident: Double?

    enum CodingKeys: String, CodingKey {
        case year, responses
        case needIndex = "need_index", meanHours = "mean_hours", accessDifficult = "access_difficult", notConfident = "not_confident"
    }
}

/// One row of the need table: a learner group in an area (or nationally).
public struct NeedRow: Codable, Sendable, Equatable {
    /// `national`, `group`, `ric`, `council`, `urban_rural` or `simd_quintile`.
    public let level: String
    /// Learner-group code; nil for the all-groups national row.
    public let group: String?
    /// GSS code, RIC code, `ur6:N` or `simd:N`; nil for national rows.
    public let area: String?
    public let areaName: String?
    public let ric: String?
    public let year: String
    public let responses: Int
    /// 0-100, higher = more need (see the README's method section).
    public let needIndex: Double
    public let fewResponses: Bool
    public let indicators: [String: IndicatorEstimate]
    public var trend: [TrendPoint]

    enum CodingKeys: String, CodingKey {
        case level, group, area, ric, year, responses, indicators, trend
        case areaName = "area_name", needIndex = "need_index", fewResponses = "few_responses"
    }

    /// Identifies the same cell across years.
    var key: String { "\(level)|\(group ?? "*")|\(area ?? "*")" }
}

/// A learner group's default target hours: the national mean of the survey its figures come from.
public struct DefaultTarget: Codable, Sendable, Equatable {
    public let survey: String
    /// Mean hours over that survey's respondents who answered the hours question (every group of the survey).
    public let meanHours: Double
    public let hoursAnswered: Int

    enum CodingKeys: String, CodingKey { case survey; case meanHours = "mean_hours", hoursAnswered = "hours_answered" }
}

/// The need model's output.
public struct NeedReport: Codable, Sendable, Equatable {
    public struct Enrichment: Codable, Sendable, Equatable {
        public let urbanRural: Bool
        public let simd: Bool
        enum CodingKeys: String, CodingKey { case simd; case urbanRural = "urban_rural" }
    }

    public struct IndexMethod: Codable, Sendable, Equatable {
        public let transform: String
        public let weights: [String: Double]
        public let referenceCells: [String: Int]
        enum CodingKeys: String, CodingKey { case transform, weights; case referenceCells = "reference_cells" }
    }

    public let surveys: [String]
    /// The academic year each learner group's figures come from (its latest).
    public let groupYears: [String: String]
    public let enrichment: Enrichment
    public let index: IndexMethod
    /// Year -> level -> indicator -> prior strength (pseudo-responses) of the headline indicators.
    public let priorStrengths: [String: [String: [String: Double]]]
    public let rows: [NeedRow]
    /// Per learner group with responses: its own survey's national mean hours, the gap model's default target.
    public let defaultTargets: [String: DefaultTarget]

    enum CodingKeys: String, CodingKey {
        case surveys, enrichment, index, rows
        case groupYears = "group_years", priorStrengths = "prior_strengths", defaultTargets = "default_targets"
    }
}
