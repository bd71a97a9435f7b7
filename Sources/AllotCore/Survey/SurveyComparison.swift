/// Several surveys side by side, with the change from each survey to the previous one of its kind.
public struct SurveyComparison: Codable, Sendable, Equatable {
    public let surveys: [String: SurveySummary]
    /// Keyed by the later survey's id.
    public let changes: [String: SurveyChange]

    /// Response counts that differ by more than this factor make a comparison unsafe.
    public static let unsafeRatio = 2.0
    /// Fewer responses than this in a sector, in either year, make that sector's comparison unsafe.
    public static let unsafeMinimum = 30

    public init(_ tallies: [SurveyTally]) {
        var surveys: [String: SurveySummary] = [:]
        for t in tallies { surveys[t.survey] = SurveySummary(t) }
        self.surveys = surveys
        var changes: [String: SurveyChange] = [:]
        let byKind = Dictionary(grouping: tallies) { SurveyID($0.survey).kind ?? $0.survey }
        for (_, list) in byKind {
            let ordered = list.sorted { SurveyID($0.survey) < SurveyID($1.survey) }
            for (previous, current) in zip(ordered, ordered.dropFirst()) {
                changes[current.survey] = SurveyChange(from: previous, to: current)
            }
        }
        self.changes = changes
    }
}

/// How one survey differs from the previous one: counts, mean hours and shares, with warnings.
public struct SurveyChange: Codable, Sendable, Equatable {
    public let since: String
    public let responses: Int
    public let meanHours: Double?
    /// Change in share (fraction points) per question and code, overall.
    public let shares: [String: [String: Double]]
    /// Per sector present in both: change in responses and mean hours.
    public let sectors: [String: SectorChange]
    public let unsafe: Bool
    public let warnings: [String]

    enum CodingKeys: String, CodingKey {
        case since, responses, shares, sectors, unsafe, warnings
        case meanHours = "mean_hours"
    }

    public struct SectorChange: Codable, Sendable, Equatable {
        public let responses: Int
        public let meanHours: Double?
        public let unsafe: Bool
        enum CodingKeys: String, CodingKey {
            case responses, unsafe
            case meanHours = "mean_hours"
        }
    }

    init(from old: SurveyTally, to new: SurveyTally) {
        since = old.survey
        responses = new.all.responses - old.all.responses
        meanHours = Self.meanChange(old.all, new.all)
        var shares: [String: [String: Double]] = [:]
        for q in [TallyQuestion.barriers, .priorities, .plTypes, .providers] {
            var perCode: [String: Double] = [:]
            for i in 0..<q.codebook.count {
                let a = old.all.question(q).counts[i], b = new.all.question(q).counts[i]
                guard a > 0 || b > 0, old.all.responses > 0, new.all.responses > 0 else { continue }
                let delta = Double(b) / Double(new.all.responses) - Double(a) / Double(old.all.responses)
                perCode[q.codebook.code(at: i)] = Rounding.round(delta)
            }
            shares[q.codebook.question] = perCode
        }
        self.shares = shares
        var warnings: [String] = []
        let ratio = Self.ratio(old.all.responses, new.all.responses)
        if ratio > SurveyComparison.unsafeRatio {
            warnings.append("responses changed from \(old.all.responses) to \(new.all.responses) "
                + "(x\(Rounding.round(ratio, places: 1))): who answered may differ, so changes may reflect the sample, not practice")
        }
        var sectors: [String: SectorChange] = [:]
        for i in 0..<Taxonomy.sector.count {
            let a = old.sectors[i], b = new.sectors[i]
            guard a.responses > 0, b.responses > 0 else { continue }
            let small = min(a.responses, b.responses) < SurveyComparison.unsafeMinimum
            let unsafe = small || Self.ratio(a.responses, b.responses) > SurveyComparison.unsafeRatio
            let code = Taxonomy.sector.code(at: i)
            if small {
                warnings.append("\(code): \(a.responses) then \(b.responses) responses, too few to compare safely")
            }
            sectors[code] = SectorChange(responses: b.responses - a.responses, meanHours: Self.meanChange(a, b), unsafe: unsafe)
        }
        self.sectors = sectors
        unsafe = ratio > SurveyComparison.unsafeRatio
        self.warnings = warnings
    }

    private static func ratio(_ a: Int, _ b: Int) -> Double {
        guard a > 0, b > 0 else { return .infinity }
        return Double(max(a, b)) / Double(min(a, b))
    }

    private static func meanChange(_ a: GroupTally, _ b: GroupTally) -> Double? {
        guard a.hoursAnswered > 0, b.hoursAnswered > 0 else { return nil }
        let ma = Double(a.hoursMilliTotal) / Double(a.hoursAnswered) / 1000
        let mb = Double(b.hoursMilliTotal) / Double(b.hoursAnswered) / 1000
        return Rounding.round(mb - ma)
    }
}
