/// A share with its count and Wilson 95% interval; all fractions 0-1 rounded to 4 decimals.
public struct ShareFigure: Codable, Sendable, Equatable {
    public let count: Int
    public let share: Double
    public let low: Double
    public let high: Double

    public init(count: Int, of total: Int) {
        self.count = count
        share = Rounding.ratio(Int64(count), Int64(total))
        let interval = WilsonInterval(successes: count, trials: total)
        low = Rounding.round(interval.low)
        high = Rounding.round(interval.high)
    }
}

/// The report tables for one sector or overall (the JSON `TALLY` of the survey-summary contract).
public struct TallySummary: Codable, Sendable, Equatable {
    public let responses: Int
    public let totalHours: Double
    /// Total hours over the responses that answered the hours question; nil when none did.
    public let meanHours: Double?
    public let zeroHours: Int
    public let hoursAnswered: Int
    public let barriers: [String: ShareFigure]
    public let priorities: [String: ShareFigure]
    public let plTypes: [String: ShareFigure]
    public let providers: [String: ShareFigure]
    public let easeOfAccess: [String: Int]
    public let choiceSufficient: [String: Int]
    public let confidence: [String: Int]
    public let hoursVsLastYear: [String: Int]

    enum CodingKeys: String, CodingKey {
        case responses, barriers, priorities, providers, confidence
        case totalHours = "total_hours", meanHours = "mean_hours", zeroHours = "zero_hours"
        case hoursAnswered = "hours_answered", plTypes = "pl_types", easeOfAccess = "ease_of_access"
        case choiceSufficient = "choice_sufficient", hoursVsLastYear = "hours_vs_last_year"
    }

    /// Shares use every consented response as the denominator, blanks included (survey-csv.md);
    /// codes nobody chose are left out.
    public init(_ tally: GroupTally) {
        responses = tally.responses
        totalHours = Double(tally.hoursMilliTotal) / 1000
        meanHours = tally.hoursAnswered > 0
            ? Rounding.ratio(tally.hoursMilliTotal, Int64(tally.hoursAnswered) * 1000) : nil
        zeroHours = tally.zeroHours
        hoursAnswered = tally.hoursAnswered
        func shares(_ q: TallyQuestion) -> [String: ShareFigure] {
            var out: [String: ShareFigure] = [:]
            for (i, count) in tally.question(q).counts.enumerated() where count > 0 {
                out[q.codebook.code(at: i)] = ShareFigure(count: count, of: tally.responses)
            }
            return out
        }
        func counts(_ q: TallyQuestion) -> [String: Int] {
            var out: [String: Int] = [:]
            for (i, count) in tally.question(q).counts.enumerated() where count > 0 {
                out[q.codebook.code(at: i)] = count
            }
            return out
        }
        barriers = shares(.barriers)
        priorities = shares(.priorities)
        plTypes = shares(.plTypes)
        providers = shares(.providers)
        easeOfAccess = counts(.easeOfAccess)
        choiceSufficient = counts(.choiceSufficient)
        confidence = counts(.confidence)
        hoursVsLastYear = counts(.hoursVsLastYear)
    }
}

/// The summary of one survey: `{"responses", "excluded_no_consent", "sectors", "all"}`.
public struct SurveySummary: Codable, Sendable, Equatable {
    public let survey: String
    public let responses: Int
    public let excludedNoConsent: Int
    /// Keyed by the `sector` column as given; sectors without responses are left out.
    public let sectors: [String: TallySummary]
    public let all: TallySummary

    enum CodingKeys: String, CodingKey {
        case survey, responses, sectors, all
        case excludedNoConsent = "excluded_no_consent"
    }

    public init(_ tally: SurveyTally) {
        survey = tally.survey
        responses = tally.all.responses
        excludedNoConsent = tally.excludedNoConsent
        var sectors: [String: TallySummary] = [:]
        for (i, group) in tally.sectors.enumerated() where group.responses > 0 {
            sectors[Taxonomy.sector.code(at: i)] = TallySummary(group)
        }
        self.sectors = sectors
        all = TallySummary(tally.all)
    }
}
