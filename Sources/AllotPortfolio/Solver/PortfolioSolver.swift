/// Limits for one solve.
public struct PortfolioSolverOptions: Sendable, Hashable {
    /// Wall-clock seconds for the whole solve; on the limit the best portfolio so far is returned with its gap.
    public var timeLimitSeconds: Double
    /// CBC stops once (bound - best) / best is at most this.
    public var relativeGap: Double
    /// Most LP relaxations solved to find envelope pieces before the first MILP.
    public var lpRounds: Int
    /// Whether to search the neighbourhood of the first incumbent (RINS) before the whole problem; it pays on large
    /// rounds and costs an extra CBC call on small ones.
    public var neighbourhoodSearch: Bool
    /// Extra CBC parameters (as on CBC's command line, e.g. `["cuts": "off"]`), set after the defaults.
    public var cbcParameters: [String: String]
    /// Most branch-and-bound nodes per CBC call (nil: no limit). Unlike a time limit it stops every run at the same
    /// point whatever the machine's load, so re-solves that hit it still give byte-identical reports.
    public var nodeLimit: Int?

    /// Options from their parts; by default the optimum is proven to one part in a billion within a minute.
    public init(
        timeLimitSeconds: Double = 60, relativeGap: Double = 1e-9, lpRounds: Int = 25, neighbourhoodSearch: Bool = true,
        cbcParameters: [String: String] = [:], nodeLimit: Int? = nil
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.lpRounds = lpRounds
        self.neighbourhoodSearch = neighbourhoodSearch
        self.cbcParameters = cbcParameters
        self.nodeLimit = nodeLimit
    }
}

/// Recommends the awards that maximise total value within the budget and the round's constraints, solved by CBC.
public struct PortfolioSolver: Sendable {
    /// The solve limits.
    public var options: PortfolioSolverOptions

    /// A solver with the given limits.
    public init(options: PortfolioSolverOptions = PortfolioSolverOptions()) {
        self.options = options
    }

    /// The optimal portfolio, or an error naming what makes the round impossible.
    public func solve(_ problem: PortfolioProblem) throws(PortfolioError) -> PortfolioResult {
        try problem.validate()
        let canonical = CanonicalProblem(problem)
        let run = try solve(canonical, start: nil)
        return PortfolioEvaluator(canonical: canonical).result(run.fractions, statistics: run.statistics)
    }

    /// Solves a validated canonical problem; `start` (award fractions) is CBC's first incumbent, and `seedPieces`
    /// (from an earlier solve of a round with the same cells) start the cell envelopes.
    func solve(_ canonical: CanonicalProblem, start: [Double]?, seedPieces: Set<EnvelopePiece> = []) throws(PortfolioError) -> PortfolioRun {
        let diagnosis = InfeasibilityDiagnosis(canonical: canonical, options: options)
        let structural = diagnosis.structuralConflicts()
        if !structural.isEmpty { throw .infeasible(structural) }
        guard canonical.eligible.contains(true) else {
            // Nothing can be funded: the empty portfolio is the only one, and floors may still ask for money.
            let empty = [Double](repeating: 0, count: canonical.items.count)
            let evaluation = PortfolioEvaluator(canonical: canonical).evaluate(empty)
            if !evaluation.constraints.allSatisfy(\.satisfied) { throw .infeasible(diagnosis.diagnose()) }
            return PortfolioRun(fractions: empty, statistics: .withoutSolver(method: "empty", status: "nothing can be funded"), pieces: [])
        }
        return try EnvelopeSolve(canonical: canonical, options: options).run(start: start, seedPieces: seedPieces, lpRounds: options.lpRounds)
    }
}

/// Award fractions (canonical order) and how they were found.
struct PortfolioRun: Sendable {
    let fractions: [Double]
    let statistics: SolverStatistics
    /// The envelope pieces the solve ended with; they seed re-solves of similar rounds.
    let pieces: Set<EnvelopePiece>
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
