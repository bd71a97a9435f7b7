/// Counts behind the need indicators for one cell (a group in an area): exact integers, order-free.
public struct NeedCellTally: Sendable, Equatable {
    public var responses = 0
    public var hoursAnswered = 0
    public var hoursMilli: Int64 = 0
    /// Sum of squared thousandths of hours (Int128: a million responses overflow Int64).
    public var hoursMilliSquared: Int128 = 0
    /// Per share indicator: how many answered, and how many said yes.
    public var answered: [Int32] = Array(repeating: 0, count: NeedIndicator.shares.count)
    public var yes: [Int32] = Array(repeating: 0, count: NeedIndicator.shares.count)

    public init() {}

    mutating func add(_ r: SurveyResponse, _ observation: NeedObservation) {
        responses += 1
        if let h = r.hoursMilli {
            hoursAnswered += 1
            hoursMilli += h
            hoursMilliSquared += Int128(h) * Int128(h)
        }
        answered.withUnsafeMutableBufferPointer { answered in
            var bits = observation.answered
            while bits != 0 {
                answered[bits.trailingZeroBitCount] += 1
                bits &= bits &- 1
            }
        }
        yes.withUnsafeMutableBufferPointer { yes in
            var bits = observation.yes
            while bits != 0 {
                yes[bits.trailingZeroBitCount] += 1
                bits &= bits &- 1
            }
        }
    }

    public mutating func merge(_ other: NeedCellTally) {
        responses += other.responses
        hoursAnswered += other.hoursAnswered
        hoursMilli += other.hoursMilli
        hoursMilliSquared += other.hoursMilliSquared
        for i in answered.indices {
            answered[i] += other.answered[i]
            yes[i] += other.yes[i]
        }
    }
}

/// The need tallies of one academic year: per learner group x council (plus "council unknown"),
/// and per group x urban/rural class and x SIMD quintile.
public struct YearNeedTally: Sendable, Equatable {
    public static let councilSlots = Geography.councils.count + 1
    public let year: String
    public var surveys: Set<String> = []
    /// Per survey id: its own hours totals and responses per group.
    public var surveyTotals: [String: SurveyHoursTally] = [:]
    public var cells: [NeedCellTally]
    public var urbanRural: [NeedCellTally]
    public var simd: [NeedCellTally]
    /// Responses per group x council x urban/rural class (6) and x SIMD quintile (5): how each
    /// council's practitioners divide between classes, used to apportion gaps below council level.
    public var councilUrbanRural: [Int32]
    public var councilSIMD: [Int32]

    public init(year: String) {
        self.year = year
        let groups = Taxonomy.learnerGroup.count
        cells = Array(repeating: NeedCellTally(), count: groups * Self.councilSlots)
        urbanRural = Array(repeating: NeedCellTally(), count: groups * 6)
        simd = Array(repeating: NeedCellTally(), count: groups * 5)
        councilUrbanRural = Array(repeating: 0, count: groups * Geography.councils.count * 6)
        councilSIMD = Array(repeating: 0, count: groups * Geography.councils.count * 5)
    }

    public func cell(group: Int, council: Int?) -> NeedCellTally {
        cells[group * Self.councilSlots + (council ?? Geography.councils.count)]
    }

    mutating func add(_ r: SurveyResponse) {
        surveys.insert(r.survey)
        surveyTotals[r.survey, default: SurveyHoursTally()].add(r)
        addCells(r)
    }

    /// Adds `r` to its cells only (the survey's own totals are kept by the caller: `SurveyCounts`).
    mutating func addCells(_ r: SurveyResponse) {
        let observation = NeedObservation(r)
        cells[r.learnerGroup * Self.councilSlots + (r.council ?? Geography.councils.count)].add(r, observation)
        let slot = r.council.map { r.learnerGroup * Geography.councils.count + $0 }
        if let u = r.enrichment?.urbanRural6, (1...6).contains(u) {
            urbanRural[r.learnerGroup * 6 + u - 1].add(r, observation)
            if let slot { councilUrbanRural[slot * 6 + u - 1] += 1 }
        }
        if let q = r.enrichment?.simdQuintile, (1...5).contains(q) {
            simd[r.learnerGroup * 5 + q - 1].add(r, observation)
            if let slot { councilSIMD[slot * 5 + q - 1] += 1 }
        }
    }

    mutating func merge(_ other: YearNeedTally) {
        surveys.formUnion(other.surveys)
        for (survey, totals) in other.surveyTotals { surveyTotals[survey, default: SurveyHoursTally()].merge(totals) }
        for i in cells.indices { cells[i].merge(other.cells[i]) }
        for i in urbanRural.indices { urbanRural[i].merge(other.urbanRural[i]) }
        for i in simd.indices { simd[i].merge(other.simd[i]) }
        for i in councilUrbanRural.indices { councilUrbanRural[i] += other.councilUrbanRural[i] }
        for i in councilSIMD.indices { councilSIMD[i] += other.councilSIMD[i] }
    }
}

/// One survey's own hours totals within a year, and how many responses it gave each learner group: a group's
/// default target hours are the national mean of the survey it comes from (a technician survey's mean is not
/// the practitioners' target, even when both surveys share an academic year).
public struct SurveyHoursTally: Sendable, Equatable {
    public var hoursAnswered = 0
    public var hoursMilli: Int64 = 0
    /// Responses per learner group.
    public var groupResponses: [Int] = Array(repeating: 0, count: Taxonomy.learnerGroup.count)

    public init() {}

    mutating func add(_ r: SurveyResponse) {
        groupResponses[r.learnerGroup] += 1
        if let h = r.hoursMilli {
            hoursAnswered += 1
            hoursMilli += h
        }
    }

    mutating func merge(_ other: SurveyHoursTally) {
        hoursAnswered += other.hoursAnswered
        hoursMilli += other.hoursMilli
        for g in groupResponses.indices { groupResponses[g] += other.groupResponses[g] }
    }
}

/// Need tallies by academic year (from the survey id; `unknown` when the id names no year).
public struct NeedTally: Sendable, Equatable {
    public var years: [String: YearNeedTally] = [:]
    private var yearOfSurvey: [String: String] = [:]

    public init() {}

    public static func == (a: NeedTally, b: NeedTally) -> Bool { a.years == b.years }

    public mutating func add(_ r: SurveyResponse) {
        let year: String
        if let known = yearOfSurvey[r.survey] { year = known } else {
            year = Self.year(of: r.survey)
            yearOfSurvey[r.survey] = year
        }
        if years[year] == nil { years[year] = YearNeedTally(year: year) }
        years[year]?.add(r)
    }

    /// The academic year a survey's responses are filed under (`unknown` when its id names none).
    static func year(of survey: String) -> String { SurveyID(survey).academicYear ?? "unknown" }

    public mutating func merge(_ other: NeedTally) {
        for (year, tally) in other.years { merge(tally, year: year) }
    }

    /// Adds the need counts of one survey's responses (none when it had only refusals).
    public mutating func merge(_ counts: SurveyCounts) {
        guard counts.responses > 0 else { return }
        var tally = counts.cells
        tally.surveys = [counts.survey]
        tally.surveyTotals = [counts.survey: counts.hours]
        merge(tally, year: counts.year)
    }

    private mutating func merge(_ tally: YearNeedTally, year: String) {
        if years[year] == nil { years[year] = tally } else { years[year]?.merge(tally) }
    }
}
