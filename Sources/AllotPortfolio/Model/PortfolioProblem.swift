/// One round to allocate: the budget, the proposals as the scoring module sees them, the need cells and the round's constraints.
///
/// Keys are plain strings (proposal ids, applicants, cell keys such as `asn|Highland`, group codes, RIC codes) so the
/// scoring module can map its own types onto them. Dictionary order never matters: the solver sorts every key.
public struct PortfolioProblem: Sendable, Hashable, Codable {
    /// Money available, in pounds.
    public var budget: Double
    /// The proposals; ids must be unique. Their order does not matter.
    public var items: [PortfolioItem]
    /// Every cell a proposal delivers into, by cell key.
    public var cells: [String: PortfolioCell]
    /// The round's constraints.
    public var constraints: PortfolioConstraints

    /// A round from its parts.
    public init(
        budget: Double,
        items: [PortfolioItem],
        cells: [String: PortfolioCell],
        constraints: PortfolioConstraints = PortfolioConstraints()
    ) {
        self.budget = budget
        self.items = items
        self.cells = cells
        self.constraints = constraints
    }

    /// What `item` adds to the objective when funded in full on its own: sum over its cells of
    /// min(hours, gap) x need weight x quality. Cells missing from `cells` add nothing.
    public func standaloneValue(of item: PortfolioItem) -> Double {
        item.cellHours.keys.sorted().reduce(0) { total, key in
            guard let cell = cells[key], let hours = item.cellHours[key] else { return total }
            return total + min(max(hours, 0), max(cell.gap, 0)) * cell.needWeight * item.quality
        }
    }
}

/// One proposal as the optimiser sees it.
public struct PortfolioItem: Sendable, Hashable, Codable {
    /// The proposal id (e.g. `R5-017`).
    public var id: String
    /// Who applies; the per-applicant cap sums awards over this key, compared exactly: the caller gives every
    /// proposal of one applicant the same string (`PortfolioBuilder` gives each `ApplicantKey` group's display name).
    public var applicant: String
    /// The full request in pounds.
    public var requested: Double
    /// The smallest award that still lets the project run; nil means only the full request can be awarded.
    public var minimum: Double?
    /// Calibrated panel score multiplier; 1 is neutral.
    public var quality: Double
    /// Projected hours delivered into each cell (cell key -> hours) when funded in full.
    public var cellHours: [String: Double]
    /// Each group's share of the proposal's projected cumulative hours (group -> fraction, summing to at most 1).
    public var groupShares: [String: Double]
    /// The RIC codes the project reaches (all of them for `national` or `online` projects).
    public var rics: Set<String>

    /// A proposal from its parts.
    public init(
        id: String,
        applicant: String,
        requested: Double,
        minimum: Double? = nil,
        quality: Double = 1,
        cellHours: [String: Double],
        groupShares: [String: Double] = [:],
        rics: Set<String> = []
    ) {
        self.id = id
        self.applicant = applicant
        self.requested = requested
        self.minimum = minimum
        self.quality = quality
        self.cellHours = cellHours
        self.groupShares = groupShares
        self.rics = rics
    }
}

/// One learner group x council area cell of unmet need.
public struct PortfolioCell: Sendable, Hashable, Codable {
    /// Unmet hours; hours beyond this add no value however many projects deliver them.
    public var gap: Double
    /// How much an hour of this cell matters, 0 to 1.
    public var needWeight: Double

    /// A cell from its gap and need weight.
    public init(gap: Double, needWeight: Double) {
        self.gap = gap
        self.needWeight = needWeight
    }
}

/// The round's constraints; the defaults constrain nothing beyond the budget.
public struct PortfolioConstraints: Sendable, Hashable, Codable {
    /// Group -> share of the budget that must go to that group (0.10 = 10%).
    public var groupFloors: [String: Double]
    /// Whether at least one funded project must reach each RIC in `rics`.
    public var reachEveryRIC: Bool
    /// The RIC codes to reach when `reachEveryRIC` is set.
    public var rics: [String]
    /// Most one applicant may receive over all its awards, in pounds.
    public var maxPerApplicant: Double?
    /// Whether awards may fall between a proposal's `minimum` and `requested` (value pro rata).
    public var allowPartial: Bool

    /// Constraints from their parts.
    public init(
        groupFloors: [String: Double] = [:],
        reachEveryRIC: Bool = false,
        rics: [String] = [],
        maxPerApplicant: Double? = nil,
        allowPartial: Bool = false
    ) {
        self.groupFloors = groupFloors
        self.reachEveryRIC = reachEveryRIC
        self.rics = rics
        self.maxPerApplicant = maxPerApplicant
        self.allowPartial = allowPartial
    }
}
