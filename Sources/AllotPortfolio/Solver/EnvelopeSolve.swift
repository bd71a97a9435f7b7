/// Solves the value problem exactly by generating each cell's envelope pieces as they are needed.
///
/// 1. Greedy start: a portfolio by marginal value per pound, the first incumbent; its tight pieces seed the LP.
/// 2. LP rounds: solve the LP relaxation, add the tight piece for every cell whose value it overstates, repeat until no
///    cell is overstated (the relaxation then equals the textbook one with a y variable per proposal and cell). Each
///    round's dual bound is an upper bound on every portfolio.
/// 3. Starting portfolios: the caller's start and a rounding of the LP (`RoundingHeuristic`); the best becomes the
///    incumbent, and if it is within the gap tolerance of the bound the solve ends.
/// 4. Neighbourhood search (optional): a MILP with every proposal fixed where the LP and the incumbent agree (RINS),
///    so CBC quickly improves the incumbent on large rounds.
/// 5. Whole search (while at least half the time limit is left): the MILP over every proposal, from the incumbent.
///    CBC's answer is valued exactly; cells it overstates get their tight piece and the MILP is solved again. The model
///    only ever overstates value, so once CBC's optimum overstates no cell it is optimal for the real problem. On the
///    time limit the best portfolio found is returned with the best upper bound known.
struct EnvelopeSolve: Sendable {
    let canonical: CanonicalProblem
    let options: PortfolioSolverOptions

    /// Mutable state of one solve.
    private struct Search {
        let clock = ContinuousClock()
        let began: ContinuousClock.Instant
        let limit: Double
        var pieces = Set<EnvelopePiece>()
        var incumbent: (fractions: [Double], value: Double)?
        var tally = SolveTally()

        init(limit: Double) {
            began = clock.now
            self.limit = limit
        }

        var remaining: Double { limit - (clock.now - began).seconds }
    }

    /// The best award fractions and the statistics of every CBC call made.
    /// `seedPieces` (thresholds from an earlier solve of a similar round; any threshold is valid) spare LP rounds.
    func run(start: [Double]?, seedPieces: Set<EnvelopePiece>, lpRounds: Int) throws(PortfolioError) -> PortfolioRun {
        let envelope = CellEnvelope(canonical)
        let evaluator = PortfolioEvaluator(canonical: canonical)
        var search = Search(limit: options.timeLimitSeconds)
        search.pieces = seedPieces
        // A greedy portfolio (best marginal value per pound) before any LP: a first incumbent, and the pieces tight at it
        // are close to those the LP ends with, which spared two of seven LP rounds on a 10,000-proposal round.
        let nothing = [Double](repeating: 0, count: canonical.items.count)
        if let greedy = RoundingHeuristic(canonical: canonical, envelope: envelope).portfolio(relaxed: nothing, fundedWeight: nothing) {
            offer(greedy, to: &search, envelope, evaluator)
        }
        let relaxation = relax(&search, rounds: lpRounds, envelope)
        let rounded = relaxation.flatMap {
            RoundingHeuristic(canonical: canonical, envelope: envelope).portfolio(relaxed: $0.fractions, fundedWeight: $0.weights)
        }
        for candidate in [start, rounded].compactMap({ $0 }) { offer(candidate, to: &search, envelope, evaluator) }
        search.tally.startValue = search.incumbent?.value
        // Every relaxation overstates every portfolio: a portfolio within the gap tolerance of the bound is optimal, and
        // CBC, whose root alone can outlast the time limit on the largest rounds, has nothing to add.
        if let incumbent = search.incumbent, search.tally.bound - incumbent.value <= options.relativeGap * max(1, abs(incumbent.value)) {
            return PortfolioRun(
                fractions: incumbent.fractions, statistics: search.tally.statistics(options, value: incumbent.value, proven: true),
                pieces: search.pieces)
        }
        if options.neighbourhoodSearch, let relaxation, let incumbent = search.incumbent {
            let fixed = canonical.items.indices.map { item -> Bool? in
                let weight = relaxation.weights[item]
                let integral = weight < 1e-6 || weight > 1 - 1e-6
                return integral && (weight > 0.5) == (incumbent.fractions[item] > 0) ? weight > 0.5 : nil
            }
            if fixed.contains(where: { $0 == nil }) && fixed.contains(where: { $0 != nil }) {
                // When the LP rounds alone took a tenth of the limit the whole-problem search will not get its turn
                // (see below), so the neighbourhood gets all the time; otherwise half.
                let large = options.timeLimitSeconds - search.remaining > options.timeLimitSeconds / 10
                _ = try searchMILP(&search, fixed: fixed, timeLimit: large ? search.remaining : search.remaining / 2, envelope, evaluator)
            }
        }
        // CBC checks its clock only between stages of its root node, which on the largest rounds takes longer than the
        // whole limit; the whole-problem search therefore starts only while at least half the limit is left (or when
        // no portfolio is known yet). Otherwise the LP bound stands and the gap is stated.
        var proven = false
        if search.incumbent == nil || search.remaining >= options.timeLimitSeconds / 2 {
            proven = try searchMILP(&search, fixed: nil, timeLimit: search.remaining, envelope, evaluator)
        }
        guard let best = search.incumbent else {
            throw .solverFailed("CBC stopped without a portfolio within \(options.timeLimitSeconds) s")
        }
        return PortfolioRun(
            fractions: best.fractions, statistics: search.tally.statistics(options, value: best.value, proven: proven),
            pieces: search.pieces)
    }

    /// LP rounds; returns the last relaxation's award fractions and x values.
    private func relax(_ search: inout Search, rounds: Int, _ envelope: CellEnvelope) -> (fractions: [Double], weights: [Double])? {
        var relaxation: (fractions: [Double], weights: [Double])?
        for _ in 0..<rounds where search.remaining > 0 {
            let formulation = PortfolioFormulation(canonical, scope: .full(canonical), pieces: search.pieces, relaxed: true)
            guard let solved = solveRelaxation(formulation, &search) else { break }
            search.tally.lpRounds += 1
            search.tally.tighten(bound: solved.bound)
            relaxation = (
                formulation.rawFractions(from: solved.solution, itemCount: canonical.items.count),
                formulation.fundedWeights(from: solved.solution, itemCount: canonical.items.count))
            let found = violatedPieces(formulation, solved.solution, envelope)
            if found.isEmpty { break }
            search.pieces.formUnion(found)
        }
        return relaxation
    }

    /// One LP relaxation's solution and an upper bound on every portfolio; nil when the LP was not solved.
    ///
    /// Clp directly (`CClp`): a solve from scratch with presolve per round (0.3 to 0.7 s on a
    /// 10,000-proposal round, where warm dual or primal re-solves after adding pieces took up to 100 s); the bound then
    /// comes from the row duals (`DualBound`), valid whatever the solver's tolerances did. When Clp cannot build the
    /// model, CBC solves the LP and its objective is the bound.
    private func solveRelaxation(_ formulation: PortfolioFormulation, _ search: inout Search) -> (solution: [Double], bound: Double)? {
        search.tally.record(formulation.model, pieces: search.pieces.count)
        if let lp = ClpModel(formulation.model) {
            let started = search.clock.now
            let solved = lp.solveFromScratch()
            search.tally.addLP(iterations: lp.iterations, seconds: (search.clock.now - started).seconds)
            guard solved else { return nil }
            return (lp.solution, DualBound.upperBound(formulation.model, duals: lp.rowDuals))
        }
        let outcome = CbcModel(formulation.model).solve(timeLimit: search.remaining, options: options)
        search.tally.add(outcome)
        guard let solution = outcome.solution, outcome.provenOptimal else { return nil }
        return (solution, outcome.objective)
    }

    /// Makes `candidate` (without its idle awards) the incumbent if it meets every constraint and beats it, and adds
    /// its tight pieces.
    private func offer(_ offered: [Double], to search: inout Search, _ envelope: CellEnvelope, _ evaluator: PortfolioEvaluator) {
        let candidate = evaluator.withoutIdleAwards(offered)
        let evaluation = evaluator.evaluate(candidate)
        guard evaluation.constraints.allSatisfy(\.satisfied), evaluation.totalValue > search.incumbent?.value ?? -1 else { return }
        search.incumbent = (candidate, evaluation.totalValue)
        for cell in canonical.cells.indices {
            let threshold = envelope.tightThreshold(cell: cell, fractions: candidate)
            if threshold > 0 { search.pieces.insert(EnvelopePiece(cell: cell, threshold: threshold)) }
        }
    }

    /// MILP rounds until CBC's answer overstates no cell or time runs out; true when that answer is proven optimal.
    /// With `fixed` the search is confined to a neighbourhood and proves nothing about the whole problem.
    private func searchMILP(
        _ search: inout Search, fixed: [Bool?]?, timeLimit: Double, _ envelope: CellEnvelope, _ evaluator: PortfolioEvaluator
    ) throws(PortfolioError) -> Bool {
        let stopAt = search.remaining - timeLimit
        while true {
            let formulation = PortfolioFormulation(canonical, scope: .full(canonical), pieces: search.pieces, fixed: fixed)
            let cbc = CbcModel(formulation.model)
            if let incumbent = search.incumbent {
                let values = formulation.start(fractions: incumbent.fractions)
                cbc.setStart(columns: values.columns, values: values.values)
            }
            let outcome = cbc.solve(timeLimit: max(search.remaining - stopAt, 0.05), options: options)
            search.tally.milpRounds += 1
            search.tally.add(outcome)
            search.tally.record(cbc, pieces: search.pieces.count)
            guard let solution = outcome.solution else {
                if outcome.provenInfeasible && search.incumbent == nil {
                    throw .infeasible(InfeasibilityDiagnosis(canonical: canonical, options: options).diagnose())
                }
                return false
            }
            // CBC's best possible value counts as a bound only once its root node is done or the search is proven:
            // stopped inside the root, it is no node's bound.
            if fixed == nil && (outcome.provenOptimal || outcome.nodes > 0) { search.tally.tighten(bound: outcome.bestBound) }
            let found = violatedPieces(formulation, solution, envelope).filter { !search.pieces.contains($0) }
            offer(formulation.awardFractions(from: solution, canonical), to: &search, envelope, evaluator)
            if found.isEmpty { return fixed == nil && outcome.provenOptimal }
            // CBC overshoots a short limit by about the length of its root: another round starts only if the time left
            // would cover one as long as this one (a 0.05 s round once took 5 s on a 10,000-proposal model).
            if search.remaining - stopAt < outcome.seconds { return false }
            search.pieces.formUnion(found)
        }
    }

    private func violatedPieces(_ formulation: PortfolioFormulation, _ solution: [Double], _ envelope: CellEnvelope) -> [EnvelopePiece] {
        envelope.violatedPieces(
            modelled: formulation.modelledCellValues(from: solution),
            fractions: formulation.rawFractions(from: solution, itemCount: canonical.items.count))
    }
}
