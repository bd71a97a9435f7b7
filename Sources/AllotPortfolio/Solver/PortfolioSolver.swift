/// Limits for one CBC solve.
public struct PortfolioSolverOptions: Sendable, Hashable {
    /// CBC stops after this many seconds and reports the gap it reached.
    public var timeLimitSeconds: Double
    /// CBC stops once (bound - best) / best is at most this; 1e-9 is "exact" for pounds and hours.
    public var relativeGap: Double

    /// Options from their parts; the defaults prove optimality to one part in a billion within a minute.
    public init(timeLimitSeconds: Double = 60, relativeGap: Double = 1e-9) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
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
        let run = try solve(canonical, template: nil)
        return PortfolioEvaluator(canonical: canonical).result(run.fractions, statistics: run.statistics)
    }

    /// Solves a canonical problem. A prepared template of the same structure skips the build; `objective` replaces the
    /// template's objective (perturbed samples) and `start` offers CBC a portfolio to improve on.
    func solve(
        _ canonical: CanonicalProblem, template: SolveTemplate?, objective: [Double]? = nil, start: [Double]? = nil
    ) throws(PortfolioError) -> PortfolioRun {
        let diagnosis = InfeasibilityDiagnosis(canonical: canonical, options: options)
        let structural = diagnosis.structuralConflicts()
        if !structural.isEmpty { throw .infeasible(structural) }
        let prepared = template ?? SolveTemplate(canonical)
        let evaluator = PortfolioEvaluator(canonical: canonical)
        guard let model = prepared.cbc else {
            // Nothing can be funded: the empty portfolio is the only one, and floors may still ask for money.
            let empty = [Double](repeating: 0, count: canonical.items.count)
            if !evaluator.evaluate(empty).constraints.allSatisfy(\.satisfied) { throw .infeasible(diagnosis.diagnose()) }
            return PortfolioRun(fractions: empty, statistics: .withoutSolver(method: "empty", status: "nothing can be funded"))
        }
        let cbc = model.clone()
        if let objective { cbc.setObjective(objective) }
        if let start {
            let values = prepared.formulation.start(fractions: start)
            cbc.setStart(columns: values.columns, values: values.values)
        }
        let outcome = cbc.solve(timeLimit: options.timeLimitSeconds, relativeGap: options.relativeGap)
        guard let solution = outcome.solution else {
            if outcome.provenInfeasible { throw .infeasible(diagnosis.diagnose()) }
            throw .solverFailed(
                "CBC stopped without a portfolio (status \(outcome.status), secondary \(outcome.secondaryStatus), "
                    + "\(outcome.seconds) s)")
        }
        let fractions = evaluator.withoutIdleAwards(prepared.formulation.awardFractions(from: solution, canonical))
        return PortfolioRun(fractions: fractions, statistics: statistics(outcome, model: cbc, buildSeconds: prepared.buildSeconds))
    }

    private func statistics(_ outcome: CbcOutcome, model: CbcModel, buildSeconds: Double) -> SolverStatistics {
        let status: String
        if outcome.provenOptimal {
            status = "optimal"
        } else if outcome.secondsLimitReached {
            status = "stopped on time limit"
        } else if outcome.secondaryStatus == 2 {
            status = "stopped on gap"
        } else {
            status = "stopped (CBC status \(outcome.status), secondary \(outcome.secondaryStatus))"
        }
        let gap = max(0, outcome.bestBound - outcome.objective) / max(1, abs(outcome.objective))
        return SolverStatistics(
            method: "cbc", status: status, provenOptimal: outcome.provenOptimal, solverObjective: outcome.objective,
            bestBound: outcome.bestBound, relativeGap: gap, gapTolerance: options.relativeGap, nodes: outcome.nodes,
            iterations: outcome.iterations, columns: model.columnCount, rows: model.rowCount,
            integerColumns: model.integerCount, nonzeros: model.nonzeroCount, buildSeconds: buildSeconds,
            solveSeconds: outcome.seconds)
    }
}

/// Award fractions (canonical order) and how they were found.
struct PortfolioRun: Sendable {
    let fractions: [Double]
    let statistics: SolverStatistics
}

/// A built formulation and its loaded, never-solved CBC model; each solve clones it.
final class SolveTemplate {
    let formulation: PortfolioFormulation
    /// nil when no proposal can be funded (no columns).
    let cbc: CbcModel?
    let buildSeconds: Double

    init(_ canonical: CanonicalProblem) {
        let clock = ContinuousClock()
        let started = clock.now
        formulation = PortfolioFormulation(canonical, scope: .full(canonical))
        cbc = formulation.model.columnCount > 0 ? CbcModel(formulation.model) : nil
        buildSeconds = (clock.now - started).seconds
    }
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
