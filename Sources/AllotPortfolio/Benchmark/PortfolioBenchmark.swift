/// Timings and solver figures of one benchmark run (see `runPortfolioBenchmark`).
public struct PortfolioBenchmarkReport: Sendable, Hashable {
    /// Proposals in the large round.
    public var proposals: Int
    /// Wall-clock seconds of the large round's solve (building, every CBC call, evaluation).
    public var solveSeconds: Double
    /// The large round's result (awards, value, constraints, CBC statistics); nil when it failed.
    public var solve: PortfolioResult?
    /// Proposals in the robustness round.
    public var robustnessProposals: Int
    /// The robustness analysis (samples, counterfactuals, budget grid); nil when it failed.
    public var robustness: RobustnessReport?
    /// Errors, if a part failed.
    public var failures: [String]

    /// A report from its parts.
    public init(
        proposals: Int, solveSeconds: Double, solve: PortfolioResult?, robustnessProposals: Int,
        robustness: RobustnessReport?, failures: [String]
    ) {
        self.proposals = proposals
        self.solveSeconds = solveSeconds
        self.solve = solve
        self.robustnessProposals = robustnessProposals
        self.robustness = robustness
        self.failures = failures
    }

    /// The figures as plain lines for a terminal.
    public var lines: [String] {
        var lines: [String] = []
        if let solve {
            let stats = solve.statistics
            lines.append("solve: \(proposals) proposals, all constraints, \(format(solveSeconds)) s wall, \(stats.status)")
            lines.append(
                "  value \(format(solve.totalValue)), bound \(format(stats.bestBound)), gap \(format(stats.relativeGap * 100, digits: 4))%, "
                    + "funded \(solve.fundedIDs.count), allocated \(poundsText(solve.allocated))")
            lines.append(
                "  CBC: \(stats.lpRounds) LP + \(stats.milpRounds) MILP rounds, \(stats.nodes) nodes, \(stats.iterations) iterations, "
                    + "\(format(stats.solveSeconds)) s in CBC; last model \(stats.columns) columns (\(stats.integerColumns) binary), "
                    + "\(stats.rows) rows, \(stats.nonzeros) nonzeros, \(stats.envelopePieces) envelope pieces")
        }
        if let robustness {
            let stats = robustness.statistics
            lines.append(
                "robustness: \(robustnessProposals) proposals, \(stats.samples) samples in \(format(stats.sampleSeconds)) s "
                    + "(\(format(stats.sampleSeconds / Double(max(1, stats.samples)) * 1000)) ms each), "
                    + "\(stats.samplesProvenOptimal) proven within tolerance (\(stats.samplesClosedExactly) by reduced-cost fixing), "
                    + "max gap \(format(stats.maxSampleGap * 100, digits: 4))%, mean \(format(stats.meanSampleGap * 100, digits: 5))%")
            lines.append(
                "  near the line \(robustness.proposals.filter(\.nearLine).count); counterfactual requests \(stats.counterfactualSolves) solves "
                    + "in \(format(stats.counterfactualSeconds)) s; budget grid \(format(stats.budgetGridSeconds)) s; base \(format(stats.baseSeconds)) s")
        }
        return lines + failures.map { "failed: \($0)" }
    }

    private func format(_ value: Double, digits: Int = 2) -> String {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return "\((value * scale).rounded() / scale)"
    }
}

/// Times the solve of a synthetic round of `proposals` proposals with every constraint on (limit 9 s so that the whole
/// call stays under 10 s), then `samples` robustness samples (with counterfactuals and the budget grid) on a
/// `robustnessProposals`-proposal round. Both rounds come from `SyntheticRound` with `seed`.
public func runPortfolioBenchmark(proposals: Int, samples: Int, seed: UInt64, robustnessProposals: Int = 300) -> PortfolioBenchmarkReport {
    let clock = ContinuousClock()
    var failures: [String] = []
    let large = SyntheticRound.make(proposals: proposals, seed: seed)
    let started = clock.now
    var solve: PortfolioResult?
    do {
        solve = try PortfolioSolver(options: PortfolioSolverOptions(timeLimitSeconds: 9)).solve(large)
    } catch {
        failures.append("solve: \(error)")
    }
    let solveSeconds = (clock.now - started).seconds
    var robustness: RobustnessReport?
    do {
        let round = SyntheticRound.make(proposals: robustnessProposals, seed: seed &+ 1)
        robustness = try RobustnessAnalysis(options: RobustnessOptions(samples: samples))
            .analyse(round, perturbation: ScoreNoisePerturbation(seed: seed))
    } catch {
        failures.append("robustness: \(error)")
    }
    return PortfolioBenchmarkReport(
        proposals: proposals, solveSeconds: solveSeconds, solve: solve, robustnessProposals: robustnessProposals,
        robustness: robustness, failures: failures)
}
