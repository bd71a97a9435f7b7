import AllotCore

/// The canonical columns of a survey export (survey-csv.md).
public enum SurveyField: String, CaseIterable, Sendable {
    case responseID = "response_id", survey, consent, sector, role
    case localAuthority = "local_authority", postcode
    case plHours = "pl_hours", hoursVsLastYear = "hours_vs_last_year"
    case plTypes = "pl_types", providers
    case easeOfAccess = "ease_of_access", choiceSufficient = "choice_sufficient"
    case barriers, priorities, confidence

    /// Columns without which a file is rejected.
    public static let required: [SurveyField] = [.responseID, .survey, .consent, .sector]

    /// The codebook of a coded column.
    public var codebook: Codebook? {
        switch self {
        case .sector: Taxonomy.sector
        case .role: Taxonomy.role
        case .hoursVsLastYear: Taxonomy.hoursVsLastYear
        case .plTypes: Taxonomy.plTypes
        case .providers: Taxonomy.providers
        case .easeOfAccess: Taxonomy.easeOfAccess
        case .choiceSufficient: Taxonomy.choiceSufficient
        case .barriers: Taxonomy.barriers
        case .priorities: Taxonomy.priorities
        case .confidence: Taxonomy.confidence
        default: nil
        }
    }

    /// The position in `allCases`, for array-indexed column plans.
    public var ordinal: Int {
        switch self {
        case .responseID: 0
        case .survey: 1
        case .consent: 2
        case .sector: 3
        case .role: 4
        case .localAuthority: 5
        case .postcode: 6
        case .plHours: 7
        case .hoursVsLastYear: 8
        case .plTypes: 9
        case .providers: 10
        case .easeOfAccess: 11
        case .choiceSufficient: 12
        case .barriers: 13
        case .priorities: 14
        case .confidence: 15
        }
    }

    /// Whether a cell holds several `;`-separated answers.
    public var isMulti: Bool { self == .plTypes || self == .providers || self == .barriers || self == .priorities }
}
