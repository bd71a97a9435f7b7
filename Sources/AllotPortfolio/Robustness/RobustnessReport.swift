import Foundation

/// Settings of a robustness analysis.
public struct RobustnessOptions: Sendable, Hashable {
    /// Perturbed samples to solve.
    public var samples: Int
    /// Funded probabilities in this range mark a proposal as near the funding line.
    public var nearLine: ClosedRange<Double>
    /// Budget levels, as fractions of the round's budget, for the funded proposals' budget grid.
    public var budgetLevels: [Double]
    /// Precision of the counterfactual request, as a fraction of the proposal's request.
    public var requestPrecision: Double
    /// Limits for the base solve.
    public var baseSolver: PortfolioSolverOptions
    /// Limits for each sample, counterfactual and budget-level solve (each starts from the base portfolio) when it
    /// runs on CBC: without `exactResolve`, or when the exact re-solve is unavailable or finds no portfolio.
    public var resolveSolver: PortfolioSolverOptions
    /// Re-solve by reduced-cost fixing and a small branch and bound on Clp (see docs/portfolio.md) instead of CBC.
    public var exactResolve: Bool
    /// Relative gap at which the exact re-solve stops (the gap it reports is measured, and at most this when proven).
    public var exactResolveGap: Double
    /// Most branch-and-bound nodes per exact re-solve; beyond it the re-solve stops with a stated gap.
    public var exactResolveNodeLimit: Int
    /// Threads solving samples at once. The report is the same for any number: results are combined in sample order.
    public var workers: Int

    /// Options from their parts; defaults: 1,000 samples, near line at 10%-90%, budgets 50%-150% in steps of 10%,
    /// requests to 1%, CBC re-solves to a 0.01% gap within 2,000 nodes each (a node limit, not a time limit, so that
    /// the report does not depend on the machine's load; 30 s is only a safety net), without the neighbourhood search
    /// (which only pays on large rounds); exact re-solves within 500 nodes; one thread per processor for the samples.
    public init(
        samples: Int = 1_000,
        nearLine: ClosedRange<Double> = 0.1...0.9,
        budgetLevels: [Double] = (5...15).map { Double($0) / 10 },
        requestPrecision: Double = 0.01,
        baseSolver: PortfolioSolverOptions = PortfolioSolverOptions(),
        resolveSolver: PortfolioSolverOptions = PortfolioSolverOptions(
            timeLimitSeconds: 30, relativeGap: 1e-4, lpRounds: 5, neighbourhoodSearch: false, nodeLimit: 2_000),
        exactResolve: Bool = true,
        exactResolveGap: Double = 1e-9,
        exactResolveNodeLimit: Int = 500,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.samples = samples
        self.nearLine = nearLine
        self.budgetLevels = budgetLevels
        self.requestPrecision = requestPrecision
        self.baseSolver = baseSolver
        self.resolveSolver = resolveSolver
        self.exactResolve = exactResolve
        self.exactResolveGap = exactResolveGap
        self.exactResolveNodeLimit = exactResolveNodeLimit
        self.workers = max(1, workers)
    }
}

/// How robust a recommended portfolio is to the weights, the reviewers and the budget.
public struct RobustnessReport: Sendable, Hashable {
    /// The recommended portfolio on the unperturbed round.
    public var base: PortfolioResult
    /// One line per proposal, sorted by id.
    public var proposals: [ProposalRobustness]
    /// Budget levels (fractions of the budget) at which the round's constraints cannot be met.
    public var infeasibleBudgetLevels: [Double]
    /// How the analysis ran.
    public var statistics: RobustnessStatistics

    /// A report from its parts.
    public init(base: PortfolioResult, proposals: [ProposalRobustness], infeasibleBudgetLevels: [Double], statistics: RobustnessStatistics) {
        self.base = base
        self.proposals = proposals
        self.infeasibleBudgetLevels = infeasibleBudgetLevels
        self.statistics = statistics
    }

    /// The line for `id`, if that proposal is in the round.
    public func proposal(_ id: String) -> ProposalRobustness? { proposals.first { $0.id == id } }
}

/// Robustness of one proposal's recommendation.
public struct ProposalRobustness: Sendable, Hashable {
    /// The proposal id.
    public var id: String
    /// Whether the base portfolio funds it.
    public var fundedInBase: Bool
    /// Share of perturbed samples whose optimal portfolio funds it.
    public var fundedProbability: Double
    /// Whether the probability falls in the near-line range.
    public var nearLine: Bool
    /// For an unfunded near-line proposal: the highest request (same hours, minimum scaled alike) at which the base
    /// round would fund it, to `requestPrecision`; nil when it is not near the line, is funded, or is not funded even at
    /// `requestPrecision` of its request.
    public var fundedAtRequest: Double?
    /// For a funded proposal: the budget levels (fractions of the budget) at which it is still funded.
    public var fundedAtBudgetLevels: [Double]

    /// A line from its parts.
    public init(id: String, fundedInBase: Bool, fundedProbability: Double, nearLine: Bool, fundedAtRequest: Double?, fundedAtBudgetLevels: [Double]) {
        self.id = id
        self.fundedInBase = fundedInBase
        self.fundedProbability = fundedProbability
        self.nearLine = nearLine
        self.fundedAtRequest = fundedAtRequest
        self.fundedAtBudgetLevels = fundedAtBudgetLevels
    }
}

/// Counts and timings of a robustness analysis.
public struct RobustnessStatistics: Sendable, Hashable {
    /// Samples solved.
    public var samples: Int
    /// Samples whose portfolio was proven optimal within the re-solve gap tolerance.
    public var samplesProvenOptimal: Int
    /// Largest and mean relative gap over the samples.
    public var maxSampleGap: Double
    /// Mean relative gap over the samples.
    public var meanSampleGap: Double
    /// Branch-and-bound nodes over all sample solves.
    public var sampleNodes: Int
    /// Wall-clock seconds: base solve (with the exact solve that warms the re-solves), samples, counterfactual requests,
    /// budget grid.
    public var baseSeconds: Double
    /// Seconds spent on the samples.
    public var sampleSeconds: Double
    /// Seconds spent on counterfactual requests.
    public var counterfactualSeconds: Double
    /// Seconds spent on the budget grid.
    public var budgetGridSeconds: Double
    /// Solves for counterfactual requests.
    public var counterfactualSolves: Int
    /// Samples closed by the exact re-solve (reduced-cost fixing and branch and bound on Clp) without CBC.
    public var samplesClosedExactly: Int

    /// Statistics from their parts.
    public init(
        samples: Int, samplesProvenOptimal: Int, maxSampleGap: Double, meanSampleGap: Double, sampleNodes: Int,
        baseSeconds: Double, sampleSeconds: Double, counterfactualSeconds: Double, budgetGridSeconds: Double,
        counterfactualSolves: Int, samplesClosedExactly: Int = 0
    ) {
        self.samples = samples
        self.samplesProvenOptimal = samplesProvenOptimal
        self.maxSampleGap = maxSampleGap
        self.meanSampleGap = meanSampleGap
        self.sampleNodes = sampleNodes
        self.baseSeconds = baseSeconds
        self.sampleSeconds = sampleSeconds
        self.counterfactualSeconds = counterfactualSeconds
        self.budgetGridSeconds = budgetGridSeconds
        self.counterfactualSolves = counterfactualSolves
        self.samplesClosedExactly = samplesClosedExactly
    }
}
