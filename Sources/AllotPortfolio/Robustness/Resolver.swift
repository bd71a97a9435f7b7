/// Re-solves rounds close to the base round (samples, counterfactual requests, budget levels): exactly by reduced-cost
/// fixing and a small branch and bound on Clp (`FixingSolve`), or, when that finds no portfolio or stops at its node
/// limit, by a full CBC solve from the best portfolio known.
struct Resolver: Sendable {
    let options: RobustnessOptions
    /// The base round's portfolio (award fractions), the first incumbent of every re-solve.
    let start: [Double]
    /// Envelope pieces the base round needed, loaded into every re-solve's LP.
    let pieces: Set<EnvelopePiece>
    /// Branching estimates measured on the base round.
    let costs: PseudoCosts

    /// One re-solve's answer and how it was found.
    struct Outcome: Sendable {
        let fractions: [Double]
        let proven: Bool
        let relativeGap: Double
        let nodes: Int
        /// Binaries left free after reduced-cost fixing (nil for a CBC solve).
        let freeBinaries: Int?
        /// The branching estimates the exact search ended with (empty for a CBC solve).
        var costs = PseudoCosts()
    }

    /// A resolver starting from `start` and `pieces`, with no branching estimates yet.
    init(options: RobustnessOptions, start: [Double], pieces: Set<EnvelopePiece>, costs: PseudoCosts = PseudoCosts()) {
        self.options = options
        self.start = start
        self.pieces = pieces
        self.costs = costs
    }

    /// A resolver for the rounds around `canonical` (the base round), whose best portfolio is `start`: an exact solve
    /// of the base round itself measures the branching estimates and finds the pieces its search needs, which every
    /// re-solve then starts from (the same for every re-solve, so results do not depend on their order).
    static func warmed(for canonical: CanonicalProblem, start: [Double], pieces: Set<EnvelopePiece>, options: RobustnessOptions) -> Resolver {
        guard options.exactResolve else { return Resolver(options: options, start: start, pieces: pieces) }
        let base = FixingSolve(canonical: canonical, relativeGap: options.exactResolveGap, nodeLimit: options.exactResolveNodeLimit)
        guard let found = base.run(starts: [start], seedPieces: pieces) else { return Resolver(options: options, start: start, pieces: pieces) }
        return Resolver(options: options, start: start, pieces: found.foundPieces, costs: found.costs)
    }

    /// The best portfolio of `canonical`, or the error that makes it impossible; `learnt` replaces the base round's
    /// branching estimates when given.
    func solve(_ canonical: CanonicalProblem, learnt: PseudoCosts? = nil) throws(PortfolioError) -> Outcome {
        var start = self.start
        if options.exactResolve {
            var exact = FixingSolve(canonical: canonical, relativeGap: options.exactResolveGap, nodeLimit: options.exactResolveNodeLimit)
            exact.seedCosts = learnt ?? costs
            // The base portfolio may not fit this round (e.g. a smaller budget); `run` then starts from its own rounding.
            if let found = exact.run(starts: [start], seedPieces: pieces) {
                // A search that ran to the end is kept when its measured gap is within what CBC would be asked for: the
                // gap left is then LP rounding (an integral node's LP a few 1e-9 above its portfolio's value).
                if found.proven || (found.searchedAll && found.relativeGap <= options.resolveSolver.relativeGap) {
                    return Outcome(
                        fractions: found.fractions, proven: true, relativeGap: found.relativeGap, nodes: found.nodes,
                        freeBinaries: found.freeAtRoot, costs: found.costs)
                }
                // Not closed within its node limit: CBC (with its cuts) finishes from the best portfolio found.
                start = found.fractions
            }
        }
        let run = try PortfolioSolver(options: options.resolveSolver).solve(canonical, start: start, seedPieces: pieces)
        return Outcome(
            fractions: run.fractions, proven: run.statistics.provenOptimal, relativeGap: run.statistics.relativeGap,
            nodes: run.statistics.nodes, freeBinaries: nil)
    }
}
