/// Where a proposal says it works: a council, a whole RIC, or the whole country.
public enum ProposalArea: Sendable, Hashable, Codable {
    /// Index into `Geography.councils`.
    case council(Int)
    /// A RIC code from `Geography.rics`.
    case ric(String)
    case national

    /// The council indices this area covers.
    public var councils: [Int] {
        switch self {
        case let .council(c): [c]
        case let .ric(code): Geography.councils.indices.filter { Geography.councils[$0].ric == code }
        case .national: Array(Geography.councils.indices)
        }
    }

    /// As written in proposal files: a council name, `ric:CODE` or `national`.
    public var text: String {
        switch self {
        case let .council(c): Geography.councils[c].name
        case let .ric(code): "ric:\(code)"
        case .national: "national"
        }
    }
}

/// A grant proposal of a round (`shared/spec/supply-and-proposals.md`), validated and coded.
public struct Proposal: Sendable, Equatable {
    public var id: String
    public var applicant: String
    public var title: String
    /// Pounds asked for (> 0).
    public var requested: Double
    /// The smallest award that still lets the project run (0 < minimum <= requested); nil = all or nothing.
    public var minimum: Double?
    /// Participants per learner group (index into `Taxonomy.learnerGroup`), in file order.
    public var participants: [(group: Int, count: Int)]
    public var areas: [ProposalArea]
    public var online: Bool
    public var hoursPerParticipant: Double
    /// Indices into `Taxonomy.priorities`, `Taxonomy.barriers`.
    public var priorities: CodeSet
    public var barriersAddressed: CodeSet
    public var themes: [String]
    public var accredited: Bool

    public init(id: String, applicant: String, title: String = "", requested: Double, minimum: Double? = nil,
                participants: [(group: Int, count: Int)], areas: [ProposalArea], online: Bool = false,
                hoursPerParticipant: Double, priorities: CodeSet = CodeSet(), barriersAddressed: CodeSet = CodeSet(),
                themes: [String] = [], accredited: Bool = false) {
        self.id = id
        self.applicant = applicant
        self.title = title
        self.requested = requested
        self.minimum = minimum
        self.participants = participants
        self.areas = areas
        self.online = online
        self.hoursPerParticipant = hoursPerParticipant
        self.priorities = priorities
        self.barriersAddressed = barriersAddressed
        self.themes = themes
        self.accredited = accredited
    }

    public static func == (a: Proposal, b: Proposal) -> Bool {
        a.id == b.id && a.applicant == b.applicant && a.title == b.title && a.requested == b.requested && a.minimum == b.minimum
            && a.participants.map(\.group) == b.participants.map(\.group) && a.participants.map(\.count) == b.participants.map(\.count)
            && a.areas == b.areas && a.online == b.online && a.hoursPerParticipant == b.hoursPerParticipant
            && a.priorities == b.priorities && a.barriersAddressed == b.barriersAddressed && a.themes == b.themes && a.accredited == b.accredited
    }

    /// Projected cumulative hours (participants x hours per participant) per group.
    public var projectedHours: [(group: Int, hours: Double)] {
        participants.map { ($0.group, Double($0.count) * hoursPerParticipant) }
    }

    /// The RICs the proposal reaches: those of its areas; every RIC when national or online.
    public var ricsReached: Set<String> {
        if online || areas.contains(.national) { return Set(Geography.rics) }
        return Set(areas.flatMap(\.councils).map { Geography.councils[$0].ric })
    }
}

/// One reviewer's score of one proposal on one criterion.
public struct Review: Sendable, Equatable, Hashable {
    public var proposal: String
    public var reviewer: String
    public var criterion: String
    public var score: Double
    public var comment: String?

    public init(proposal: String, reviewer: String, criterion: String, score: Double, comment: String? = nil) {
        self.proposal = proposal
        self.reviewer = reviewer
        self.criterion = criterion
        self.score = score
        self.comment = comment
    }
}

/// A reviewer who must never review, see or be notified about an applicant.
public struct Conflict: Sendable, Equatable, Hashable {
    public var reviewer: String
    public var applicant: String
    public init(reviewer: String, applicant: String) { self.reviewer = reviewer; self.applicant = applicant }
}
