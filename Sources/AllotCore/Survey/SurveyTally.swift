/// The questions a summary tallies, with their codebooks.
public enum TallyQuestion: Int, CaseIterable, Sendable {
    case plTypes, providers, easeOfAccess, choiceSufficient, barriers, priorities, confidence, hoursVsLastYear

    public var codebook: Codebook {
        switch self {
        case .plTypes: Taxonomy.plTypes
        case .providers: Taxonomy.providers
        case .easeOfAccess: Taxonomy.easeOfAccess
        case .choiceSufficient: Taxonomy.choiceSufficient
        case .barriers: Taxonomy.barriers
        case .priorities: Taxonomy.priorities
        case .confidence: Taxonomy.confidence
        case .hoursVsLastYear: Taxonomy.hoursVsLastYear
        }
    }

    /// Whether the question allows several answers.
    public var isMulti: Bool {
        switch self {
        case .plTypes, .providers, .barriers, .priorities: true
        default: false
        }
    }

    /// The answers of `response` to this question, as a set (one element for single-answer questions).
    public func answers(of response: SurveyResponse) -> CodeSet? {
        func single(_ v: Int?) -> CodeSet? { v.map { CodeSet([$0]) } }
        switch self {
        case .plTypes: return response.plTypes
        case .providers: return response.providers
        case .easeOfAccess: return single(response.easeOfAccess)
        case .choiceSufficient: return single(response.choiceSufficient)
        case .barriers: return response.barriers
        case .priorities: return response.priorities
        case .confidence: return single(response.confidence)
        case .hoursVsLastYear: return single(response.hoursVsLastYear)
        }
    }
}

/// Counts of one question's answers.
public struct QuestionTally: Sendable, Equatable {
    /// How many responses chose each code, parallel to the codebook.
    public var counts: [Int]
    /// How many responses answered the question at all.
    public var answered: Int = 0

    public init(codeCount: Int) { counts = Array(repeating: 0, count: codeCount) }

    mutating func add(_ set: CodeSet?) {
        guard let set else { return }
        answered += 1
        counts.withUnsafeMutableBufferPointer { counts in
            for i in set where i < counts.count { counts[i] += 1 }
        }
    }

    /// Adds a single answer (code `code`), or nothing when unanswered.
    mutating func add(_ code: Int?) {
        guard let code else { return }
        answered += 1
        if code >= 0 && code < counts.count { counts[code] += 1 }
    }

    mutating func merge(_ other: QuestionTally) {
        answered += other.answered
        for i in counts.indices { counts[i] += other.counts[i] }
    }
}

/// Tallies of a set of responses (one sector, or all): exact integer sums, so order never matters.
public struct GroupTally: Sendable, Equatable {
    public var responses = 0
    public var hoursAnswered = 0
    public var hoursMilliTotal: Int64 = 0
    public var zeroHours = 0
    public var questions: [QuestionTally] = TallyQuestion.allCases.map { QuestionTally(codeCount: $0.codebook.count) }

    public init() {}

    public mutating func add(_ r: SurveyResponse) {
        responses += 1
        if let h = r.hoursMilli {
            hoursAnswered += 1
            hoursMilliTotal += h
            if h == 0 { zeroHours += 1 }
        }
        // Each question spelled out rather than through `TallyQuestion.answers(of:)`, which builds a set for a single
        // answer: this runs twice for every response of a file. The switch makes a new question a compile error here.
        questions.withUnsafeMutableBufferPointer { questions in
            for q in TallyQuestion.allCases {
                switch q {
                case .plTypes: questions[q.rawValue].add(r.plTypes)
                case .providers: questions[q.rawValue].add(r.providers)
                case .easeOfAccess: questions[q.rawValue].add(r.easeOfAccess)
                case .choiceSufficient: questions[q.rawValue].add(r.choiceSufficient)
                case .barriers: questions[q.rawValue].add(r.barriers)
                case .priorities: questions[q.rawValue].add(r.priorities)
                case .confidence: questions[q.rawValue].add(r.confidence)
                case .hoursVsLastYear: questions[q.rawValue].add(r.hoursVsLastYear)
                }
            }
        }
    }

    public mutating func merge(_ other: GroupTally) {
        responses += other.responses
        hoursAnswered += other.hoursAnswered
        hoursMilliTotal += other.hoursMilliTotal
        zeroHours += other.zeroHours
        for i in questions.indices { questions[i].merge(other.questions[i]) }
    }

    public func question(_ q: TallyQuestion) -> QuestionTally { questions[q.rawValue] }
}

/// The tallies of one survey: per sector as given and overall, plus the refusals excluded.
public struct SurveyTally: Sendable, Equatable {
    public var survey: String
    public var excludedNoConsent = 0
    /// Parallel to `Taxonomy.sector`.
    public var sectors: [GroupTally] = Array(repeating: GroupTally(), count: Taxonomy.sector.count)
    public var all = GroupTally()

    public init(survey: String) { self.survey = survey }

    public mutating func add(_ r: SurveyResponse) {
        sectors[r.sector].add(r)
        all.add(r)
    }

    /// Adds `r` to its sector only; `overallFromSectors()` fills `all` afterwards. Every response has exactly one
    /// sector and the tallies are sums, so `all` is the sectors' sum: a file's reader counts each row once, not twice.
    mutating func addToSector(_ r: SurveyResponse) { sectors[r.sector].add(r) }

    /// This tally with `all` the sum of the sectors.
    func overallFromSectors() -> SurveyTally {
        var tally = self
        tally.all = GroupTally()
        for sector in sectors { tally.all.merge(sector) }
        return tally
    }

    public mutating func addRefusal() { excludedNoConsent += 1 }

    public mutating func merge(_ other: SurveyTally) {
        excludedNoConsent += other.excludedNoConsent
        for i in sectors.indices { sectors[i].merge(other.sectors[i]) }
        all.merge(other.all)
    }
}
