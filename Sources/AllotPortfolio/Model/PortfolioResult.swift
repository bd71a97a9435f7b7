/// A recommended portfolio: one award line per proposal, the value, the constraints as met, and how it was found.
public struct PortfolioResult: Sendable, Hashable {
    /// One line per proposal, sorted by id.
    public var awards: [PortfolioAward]
    /// Total value of the portfolio (the objective), after diminishing returns.
    public var totalValue: Double
    /// Money awarded, in pounds.
    public var allocated: Double
    /// Every constraint of the round with what the portfolio achieves.
    public var constraints: [ConstraintReport]
    /// How the portfolio was found.
    public var statistics: SolverStatistics

    /// A result from its parts.
    public init(
        awards: [PortfolioAward],
        totalValue: Double,
        allocated: Double,
        constraints: [ConstraintReport],
        statistics: SolverStatistics
    ) {
        self.awards = awards
        self.totalValue = totalValue
        self.allocated = allocated
        self.constraints = constraints
        self.statistics = statistics
    }

    /// Ids of the recommended proposals, sorted.
    public var fundedIDs: [String] { awards.filter(\.recommended).map(\.id) }

    /// The award line for `id`, if that proposal is in the round.
    public func award(for id: String) -> PortfolioAward? { awards.first { $0.id == id } }

    /// Whether every constraint is met.
    public var meetsAllConstraints: Bool { constraints.allSatisfy(\.satisfied) }
}

/// What one proposal gets.
public struct PortfolioAward: Sendable, Hashable {
    /// The proposal id.
    public var id: String
    /// Whether the proposal is recommended for funding.
    public var recommended: Bool
    /// The award in pounds (0 when not recommended).
    public var award: Double
    /// What this award adds to the portfolio's value, after better-quality projects have filled shared cells.
    public var valueContributed: Double
    /// What the proposal would add funded in full on its own.
    public var standaloneValue: Double

    /// An award line from its parts.
    public init(id: String, recommended: Bool, award: Double, valueContributed: Double, standaloneValue: Double) {
        self.id = id
        self.recommended = recommended
        self.award = award
        self.valueContributed = valueContributed
        self.standaloneValue = standaloneValue
    }
}

/// Whether a constraint is an upper limit or a lower floor.
public enum ConstraintSense: String, Sendable, Hashable, Codable {
    /// achieved <= required.
    case atMost
    /// achieved >= required.
    case atLeast
}

/// What a constraint counts: money, or proposals (a RIC is reached by at least one funded proposal).
public enum ConstraintUnit: String, Sendable, Hashable, Codable {
    case pounds
    case proposals
}

/// One constraint of the round and what a portfolio achieves against it.
public struct ConstraintReport: Sendable, Hashable {
    /// Stable name: `budget`, `group_floor:asn`, `ric_reach:tayside`, `applicant_cap:<applicant>`.
    public var name: String
    /// Limit or floor.
    public var sense: ConstraintSense
    /// The limit (pounds), floor (pounds) or count required.
    public var required: Double
    /// What the portfolio achieves.
    public var achieved: Double
    /// Whether the constraint is met (within a relative tolerance of 1e-6).
    public var satisfied: Bool
    /// Whether the portfolio sits on the constraint (within the same tolerance).
    public var binding: Bool
    /// What `required` and `achieved` count.
    public var unit: ConstraintUnit

    /// A constraint line from its parts.
    public init(name: String, sense: ConstraintSense, unit: ConstraintUnit, required: Double, achieved: Double, satisfied: Bool, binding: Bool) {
        self.name = name
        self.unit = unit
        self.sense = sense
        self.required = required
        self.achieved = achieved
        self.satisfied = satisfied
        self.binding = binding
    }
}

/// How a portfolio was found, with the solver's own figures where a solver ran (summed over all its CBC calls).
public struct SolverStatistics: Sendable, Hashable {
    /// `cbc`, `greedy` or `empty` (nothing could be funded, no solver ran).
    public var method: String
    /// Plain-words status: `optimal`, `stopped on time limit`, `greedy`, `nothing can be funded`.
    public var status: String
    /// Whether the portfolio is proven optimal (within `gapTolerance`).
    public var provenOptimal: Bool
    /// CBC's objective in its last round (the model's value, which may overstate a cell the round had not yet bounded).
    public var solverObjective: Double
    /// Best possible total value: an upper bound on every portfolio's value.
    public var bestBound: Double
    /// (bound - value) / max(1, value): how far from optimal the portfolio can at most be.
    public var relativeGap: Double
    /// The relative gap at which CBC was told to stop.
    public var gapTolerance: Double
    /// Branch-and-bound nodes explored.
    public var nodes: Int
    /// Simplex iterations (CBC's and those of the LP rounds on Clp).
    public var iterations: Int
    /// Columns of the last model solved (LP or MILP).
    public var columns: Int
    /// Rows of the last model.
    public var rows: Int
    /// Integer (binary) columns of the last model.
    public var integerColumns: Int
    /// Nonzero coefficients of the last model.
    public var nonzeros: Int
    /// LP relaxations solved while adding cell envelope pieces.
    public var lpRounds: Int
    /// MILPs solved (more than one when a solution overstated a cell's value and pieces were added).
    public var milpRounds: Int
    /// Envelope pieces in the last model beyond the threshold-0 piece of each contended cell.
    public var envelopePieces: Int
    /// Seconds spent inside CBC and Clp.
    public var solveSeconds: Double

    /// Statistics from their parts.
    public init(
        method: String, status: String, provenOptimal: Bool, solverObjective: Double, bestBound: Double,
        relativeGap: Double, gapTolerance: Double, nodes: Int, iterations: Int, columns: Int, rows: Int,
        integerColumns: Int, nonzeros: Int, lpRounds: Int, milpRounds: Int, envelopePieces: Int, solveSeconds: Double
    ) {
        self.method = method
        self.status = status
        self.provenOptimal = provenOptimal
        self.solverObjective = solverObjective
        self.bestBound = bestBound
        self.relativeGap = relativeGap
        self.gapTolerance = gapTolerance
        self.nodes = nodes
        self.iterations = iterations
        self.columns = columns
        self.rows = rows
        self.integerColumns = integerColumns
        self.nonzeros = nonzeros
        self.lpRounds = lpRounds
        self.milpRounds = milpRounds
        self.envelopePieces = envelopePieces
        self.solveSeconds = solveSeconds
    }

    /// Statistics for a portfolio found without a solver.
    static func withoutSolver(method: String, status: String) -> SolverStatistics {
        SolverStatistics(
            method: method, status: status, provenOptimal: false, solverObjective: 0, bestBound: 0, relativeGap: 0,
            gapTolerance: 0, nodes: 0, iterations: 0, columns: 0, rows: 0, integerColumns: 0, nonzeros: 0,
            lpRounds: 0, milpRounds: 0, envelopePieces: 0, solveSeconds: 0)
    }
}
