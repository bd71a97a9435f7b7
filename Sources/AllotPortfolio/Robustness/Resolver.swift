/// Re-solves rounds close to the base round (samples, counterfactual requests, budget levels): exactly by reduced-cost
/// fixing and a small branch and bound on Clp (`FixingSolve`) when Clp's C interface is available, otherwise, or when
/// that finds no portfolio, by a full CBC solve from the base portfolio.
struct Resolver: Sendable {
    let options: RobustnessOptions
    let start: [Double]
    let pieces: Set<EnvelopePiece>

    /// One re-solve's answer and how it was found.
    struct Outcome: Sendable {
        let fractions: [Double]
        let proven: Bool
        let relativeGap: Double
        let nodes: Int
        /// Binaries left free after reduced-cost fixing (nil for a CBC solve).
        let freeBinaries: Int?
    }

    /// The best portfolio of `canonical`, or the error that makes it impossible.
    func solve(_ canonical: CanonicalProblem) throws(PortfolioError) -> Outcome {
        var start = self.start
        if options.exactResolve, let library = ClpLibrary.shared {
            let exact = FixingSolve(
                canonical: canonical, library: library, relativeGap: options.exactResolveGap, nodeLimit: options.exactResolveNodeLimit)
            // The base portfolio may not fit this round (e.g. a smaller budget); `run` then starts from its own rounding.
            if let found = exact.run(starts: [start], seedPieces: pieces) {
                if found.proven {
                    return Outcome(
                        fractions: found.fractions, proven: true, relativeGap: found.relativeGap, nodes: found.nodes,
                        freeBinaries: found.freeAtRoot)
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
