/// One criterion of one proposal: its 0-1 value, its weight and what it adds to the score.
public struct ComponentScore: Codable, Sendable, Equatable {
    public let value: Double
    public let weight: Double
    /// weight x value; the score is the sum of these.
    public let contribution: Double
    /// The figures behind the value, in words.
    public let explanation: String
}

/// One cell a proposal reaches, with the survey and supply figures that scored it.
public struct CellEvidence: Codable, Sendable, Equatable {
    public let group: String
    public let area: String
    public let hours: Double
    public let demandHours: Double
    public let suppliedHours: Double
    public let gapHours: Double
    /// min(hours, gap): the hours that fill a real gap.
    public let filledHours: Double
    public let needIndex: Double
    public let needWeight: Double
    public let respondents: Int
    /// Chance a practitioner of the cell named at least one of the proposal's priorities / barriers.
    public let priorityShare: Double
    public let barrierShare: Double

    enum CodingKeys: String, CodingKey {
        case group, area, hours, respondents
        case demandHours = "demand_hours", suppliedHours = "supplied_hours", gapHours = "gap_hours", filledHours = "filled_hours"
        case needIndex = "need_index", needWeight = "need_weight", priorityShare = "priority_share", barrierShare = "barrier_share"
    }
}

/// Why a proposal scored what it did.
public struct ScoreEvidence: Codable, Sendable, Equatable {
    /// The cells with the most projected hours (at most 8), then a count of the rest.
    public let cells: [CellEvidence]
    public let otherCells: Int
    public let projectedHours: Double
    public let filledWeightedHours: Double
    /// The supply returns matched to the applicant, if any.
    public let trackRecord: String
    public let panel: PanelResult?
    public let flags: [String]

    enum CodingKeys: String, CodingKey {
        case cells, panel, flags
        case otherCells = "other_cells", projectedHours = "projected_hours", filledWeightedHours = "filled_weighted_hours"
        case trackRecord = "track_record"
    }
}

/// A scored proposal of a round.
public struct ScoredProposal: Codable, Sendable, Equatable {
    public let id: String
    public let applicant: String
    public let title: String
    public let requested: Double
    public let minimum: Double?
    public var rank: Int
    public let score: Double
    public let components: [String: ComponentScore]
    /// Need-weighted gap hours it fills when funded in full on its own, times the panel's quality factor.
    public let value: Double
    public let evidence: ScoreEvidence
}
