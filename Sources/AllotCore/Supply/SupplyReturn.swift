/// Where a participation row's learners were: a council, online, the independent sector, or `all`.
public enum SupplyArea: Sendable, Hashable {
    /// Index into `Geography.councils`.
    case council(Int)
    case online
    case independent
    /// The sector's total, when the provider knows hours only per sector.
    case all

    public var text: String {
        switch self {
        case let .council(c): Geography.councils[c].name
        case .online: "online"
        case .independent: "independent"
        case .all: "all"
        }
    }
}

/// One row of `provider-participation.csv`.
public struct ParticipationReturn: Sendable, Equatable {
    public var provider: String
    public var year: String
    /// Index into `Taxonomy.learnerGroup` (sector codes).
    public var group: Int
    public var area: SupplyArea
    public var participants: Int
    public var cumulativeHours: Double?
    /// Where it came from, for evidence ("file:line").
    public var source: String

    public init(provider: String, year: String, group: Int, area: SupplyArea, participants: Int, cumulativeHours: Double?, source: String = "") {
        self.provider = provider
        self.year = year
        self.group = group
        self.area = area
        self.participants = participants
        self.cumulativeHours = cumulativeHours
        self.source = source
    }
}

/// One row of `provider-activity.csv`.
public struct ActivityReturn: Sendable, Equatable {
    public var provider: String
    public var year: String
    public var sessions: Int
    public var hoursDelivered: Double
    public var accredited: Bool
    /// Theme -> count (`sciences`, `technologies`, `engineering`, `maths_numeracy`, `digital_skills`).
    public var themes: [String: Int]
    /// Reach -> count (`cluster`, `single_la`, `multiple_la`, `ric`, `national`).
    public var reach: [String: Int]
    /// Session locations: a council area or online, with counts.
    public var locations: [(area: SupplyArea, count: Int)]

    public init(provider: String, year: String, sessions: Int, hoursDelivered: Double, accredited: Bool,
                themes: [String: Int] = [:], reach: [String: Int] = [:], locations: [(area: SupplyArea, count: Int)] = []) {
        self.provider = provider
        self.year = year
        self.sessions = sessions
        self.hoursDelivered = hoursDelivered
        self.accredited = accredited
        self.themes = themes
        self.reach = reach
        self.locations = locations
    }

    public static func == (a: ActivityReturn, b: ActivityReturn) -> Bool {
        a.provider == b.provider && a.year == b.year && a.sessions == b.sessions && a.hoursDelivered == b.hoursDelivered
            && a.accredited == b.accredited && a.themes == b.themes && a.reach == b.reach
            && a.locations.map(\.area) == b.locations.map(\.area) && a.locations.map(\.count) == b.locations.map(\.count)
    }
}

/// Practitioners per learner group and council (`workforce.csv`).
public struct Workforce: Sendable, Equatable {
    /// [group][council] headcount.
    public var headcount: [[Int]]

    public init() {
        headcount = Array(repeating: Array(repeating: 0, count: Geography.councils.count), count: Taxonomy.learnerGroup.count)
    }

    public var isEmpty: Bool { !headcount.contains { $0.contains { $0 > 0 } } }
}
