/// What the CBC calls of one solve add up to.
struct SolveTally: Sendable {
    var lpRounds = 0
    var milpRounds = 0
    var nodes = 0
    var iterations = 0
    var seconds = 0.0
    var last: CbcOutcome?
    var columns = 0
    var rows = 0
    var integerColumns = 0
    var nonzeros = 0
    var pieces = 0
    /// True value of the portfolio CBC started from (warm start or rounding), if any.
    var startValue: Double?
    /// The lowest upper bound on the optimum seen so far (LP relaxations and whole-problem MILPs only).
    private(set) var bound = Double.infinity

    mutating func add(_ outcome: CbcOutcome) {
        nodes += outcome.nodes
        iterations += outcome.iterations
        seconds += outcome.seconds
        last = outcome
    }

    mutating func tighten(bound candidate: Double) {
        if candidate.isFinite { bound = min(bound, candidate) }
    }

    /// Counts one LP solved outside CBC.
    mutating func addLP(iterations: Int, seconds: Double) {
        self.iterations += iterations
        self.seconds += seconds
    }

    /// Remembers the size of the latest model solved.
    mutating func record(_ model: LinearModel, pieces: Int) {
        columns = model.columnCount
        rows = model.rowCount
        integerColumns = model.integerColumns.count
        nonzeros = model.entries.count
        self.pieces = pieces
    }

    /// Remembers the size of the latest MILP.
    mutating func record(_ model: CbcModel, pieces: Int) {
        columns = model.columnCount
        rows = model.rowCount
        integerColumns = model.integerCount
        nonzeros = model.nonzeroCount
        self.pieces = pieces
    }

    /// Statistics for a portfolio of true value `value`.
    func statistics(_ options: PortfolioSolverOptions, value: Double, proven: Bool) -> SolverStatistics {
        let upper = max(bound.isFinite ? bound : value, value)
        // Every bound recorded is valid, so a portfolio within the tolerance of it is proven whichever step closed the gap.
        let proven = proven || (bound.isFinite && upper - value <= options.relativeGap * max(1, abs(value)))
        return SolverStatistics(
            method: "cbc", status: proven ? "optimal" : "stopped on time limit", provenOptimal: proven,
            solverObjective: last?.objective ?? value, bestBound: upper,
            relativeGap: max(0, upper - value) / max(1, abs(value)), gapTolerance: options.relativeGap,
            nodes: nodes, iterations: iterations, columns: columns, rows: rows, integerColumns: integerColumns,
            nonzeros: nonzeros, lpRounds: lpRounds, milpRounds: milpRounds, envelopePieces: pieces, solveSeconds: seconds)
    }
}
