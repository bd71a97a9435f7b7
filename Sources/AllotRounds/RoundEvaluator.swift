import AllotCore
import AllotPortfolio

/// Settings of the robustness analysis run with a round.
public struct RoundRobustnessSettings: Sendable, Equatable {
    /// Monte Carlo samples (0: no analysis).
    public var samples: Int
    /// Seed of the sample streams; the same seed gives the same probabilities.
    public var seed: UInt64
    /// Half-width of the uniform factor on each criterion weight.
    public var weightSpread: Double
    /// Reviewer noise as a fraction of the score scale, per review.
    public var reviewerNoise: Double

    /// Settings from their parts; by default 1,000 samples, seed 1, weights +-25%, reviewer noise 10% of the scale.
    public init(samples: Int = 1_000, seed: UInt64 = 1, weightSpread: Double = 0.25, reviewerNoise: Double = 0.10) {
        self.samples = samples
        self.seed = seed
        self.weightSpread = weightSpread
        self.reviewerNoise = reviewerNoise
    }
}

/// Everything a round's evaluation reads, already loaded and validated.
public struct RoundInputs: Sendable {
    public var proposals: [Proposal]
    public var reviews: [Review]
    public var conflicts: [Conflict]
    public var gaps: GapModel
    /// The scoring settings with the round's weights already merged.
    public var scoring: ScoringConfig
    public var round: RoundConfig
    public var robustness: RoundRobustnessSettings

    public init(proposals: [Proposal], reviews: [Review], conflicts: [Conflict], gaps: GapModel, scoring: ScoringConfig,
                round: RoundConfig, robustness: RoundRobustnessSettings = RoundRobustnessSettings()) {
        self.proposals = proposals
        self.reviews = reviews
        self.conflicts = conflicts
        self.gaps = gaps
        self.scoring = scoring
        self.round = round
        self.robustness = robustness
    }
}

/// A round that cannot be decided.
public enum RoundError: Error, CustomStringConvertible, Sendable {
    case portfolio(String)
    public var description: String {
        switch self {
        case let .portfolio(why): "no portfolio meets the round's rules: \(why)"
        }
    }
}

/// Calibrates the panel, scores and ranks the proposals, and (with a budget) recommends the portfolio and measures how
/// robust it is. Pure: the same inputs give the same result.
public enum RoundEvaluator {
    /// The round's result document.
    public static func evaluate(_ inputs: RoundInputs) throws(RoundError) -> RoundResult {
        let round = inputs.round
        let calibration = ReviewCalibration.calibrate(
            proposals: inputs.proposals, reviews: inputs.reviews, conflicts: inputs.conflicts,
            settings: ReviewCalibrationSettings(scale: round.scoreScale, minimumReviews: round.minimumReviews))
        var panel: [String: PanelResult] = [:]
        for p in calibration.proposals {
            guard let calibrated = p.calibratedScore, let raw = p.rawScore else { continue }
            let span = round.scoreScale.upperBound - round.scoreScale.lowerBound
            panel[p.proposal] = PanelResult(
                reviews: p.reviewCount, rawScore: Rounding.round(raw), calibratedScore: Rounding.round(calibrated),
                normalised: Rounding.round((calibrated - round.scoreScale.lowerBound) / span),
                qualityFactor: Rounding.round(ReviewCalibration.qualityFactor(score: calibrated, scale: round.scoreScale)),
                method: p.method.rawValue,
                byReviewer: p.reviews.map { PanelReviewLine(reviewer: $0.reviewer, rawScore: Rounding.round($0.rawScore),
                                                            calibratedScore: Rounding.round($0.adjustedScore)) })
        }
        let ranked = ProposalScorer(gaps: inputs.gaps, config: inputs.scoring).rank(inputs.proposals, panel: panel)
        var weights: [String: Double] = [:]
        for (c, w) in inputs.scoring.weights { weights[c.rawValue] = w }
        var offsets: [String: Double] = [:]
        for r in calibration.reviewers { offsets[r.reviewer] = Rounding.round(r.offset) }
        let report = inputs.gaps.report()

        // The round's fewest reviews is a funding rule: a proposal short of it is ranked and scored but not funded
        // until its reviews are in (the settings page says so, and its status names the shortfall).
        var shortOfReviews: [String: Int] = [:]
        for p in calibration.proposals where p.belowMinimumReviews { shortOfReviews[p.proposal] = p.reviewCount }
        var decision: PortfolioDecision?
        if let budget = round.budget {
            decision = try PortfolioDecision.make(inputs: inputs, ranked: ranked, panel: panel, budget: budget,
                                                  shortOfReviews: ShortOfReviews(reviews: shortOfReviews, minimum: round.minimumReviews))
        }
        let requested = Dictionary(inputs.proposals.map { ($0.id, $0.requested) }, uniquingKeysWith: { a, _ in a })
        let reach = Dictionary(inputs.proposals.map { ($0.id, ProposalReachLine($0)) }, uniquingKeysWith: { a, _ in a })
        let applicants = ApplicantDirectory(inputs.proposals).entries.map { a in
            // Summed in id order, so the totals do not depend on the order of the proposals.
            ApplicantLine(key: a.key.value, name: a.name, spellings: a.spellings, proposals: a.proposals,
                          requested: Rounding.round(a.proposals.reduce(0) { $0 + (requested[$1] ?? 0) }, places: 2),
                          awarded: decision.map { d in Rounding.round(a.proposals.reduce(0) { $0 + (d.portfolio.award(for: $1)?.award ?? 0) }, places: 2) })
        }
        return RoundResult(
            round: round.name, budget: round.budget, weights: weights, constraints: round.constraints,
            proposals: ranked.map { p in decision?.line(for: p, reach: reach[p.id]) ?? RoundProposal(
                scored: p, reach: reach[p.id], recommended: nil, award: nil, fundedProbability: nil, nearLine: nil, fundedAtRequest: nil, fundedAtBudgetLevels: nil,
                status: nil) },
            applicants: applicants,
            allocated: decision.map { Rounding.round($0.portfolio.allocated, places: 2) },
            objective: decision.map { Rounding.round($0.portfolio.totalValue, places: 2) },
            constraintLines: decision?.constraintLines, byGroup: decision?.byGroup, byRIC: decision?.byRIC,
            solver: decision.map { "\($0.portfolio.statistics.method): \($0.portfolio.statistics.status)" },
            robustness: decision?.robustnessSummary,
            calibration: .init(method: calibration.method.rawValue, reason: calibration.methodReason, reviewers: offsets,
                               dropped: calibration.dropped.map { "\($0.review.reviewer) on \($0.review.proposal): \($0.reason)" },
                               underReviewed: calibration.underReviewed),
            practitionersFrom: report.practitionersFrom, practitionerEstimate: report.practitionerEstimate, notes: report.notes)
    }
}

/// The recommended portfolio of a round with its robustness, ready for the result document.
struct PortfolioDecision {
    let portfolio: PortfolioResult
    let robustness: [String: ProposalRobustness]
    let robustnessSummary: RobustnessSummary?
    let constraintLines: [ConstraintLine]
    let byGroup: [MoneyLine]
    let byRIC: [MoneyLine]
    let statuses: [String: FundingStatus]

    static func make(inputs: RoundInputs, ranked: [ScoredProposal], panel: [String: PanelResult], budget: Double,
                     shortOfReviews: ShortOfReviews) throws(RoundError) -> PortfolioDecision {
        let problem = PortfolioBuilder.problem(proposals: inputs.proposals.filter { shortOfReviews.reviews[$0.id] == nil }, gaps: inputs.gaps,
                                               panel: panel, budget: budget, constraints: inputs.round.constraints)
        let settings = inputs.robustness
        let portfolio: PortfolioResult
        var robustness: [String: ProposalRobustness] = [:]
        var summary: RobustnessSummary?
        do {
            if settings.samples > 0 {
                let options = RobustnessOptions(samples: settings.samples)
                let perturbation = ScoringPerturbation(
                    scored: ranked, qualities: Dictionary(problem.items.map { ($0.id, $0.quality) }, uniquingKeysWith: { a, _ in a }),
                    weights: inputs.scoring.weights, scale: inputs.round.scoreScale, seed: settings.seed,
                    weightSpread: settings.weightSpread, reviewerNoise: settings.reviewerNoise)
                let report = try RobustnessAnalysis(options: options).analyse(problem, perturbation: perturbation)
                portfolio = report.base
                for line in report.proposals { robustness[line.id] = line }
                let s = report.statistics
                summary = RobustnessSummary(
                    samples: s.samples, seed: settings.seed, weightSpread: settings.weightSpread, reviewerNoise: settings.reviewerNoise,
                    nearLine: [options.nearLine.lowerBound, options.nearLine.upperBound], samplesProvenOptimal: s.samplesProvenOptimal,
                    maxSampleGap: Rounding.round(s.maxSampleGap, places: 6), meanSampleGap: Rounding.round(s.meanSampleGap, places: 6),
                    infeasibleBudgetLevels: report.infeasibleBudgetLevels)
                // Seconds are not in the document: the same inputs must give the same bytes.
            } else {
                portfolio = try PortfolioSolver().solve(problem)
            }
        } catch {
            // Rules no portfolio can meet may be the doing of proposals left out for their reviews: say so, or the
            // message would blame the budget and the cap alone.
            let left = shortOfReviews.reviews.count
            let why = left == 0 ? "" : " \(left == 1 ? "1 proposal is" : "\(left) proposals are") left out until \(left == 1 ? "it has" : "they have") "
                + "the \(shortOfReviews.minimum) reviews the round requires."
            throw .portfolio(String(describing: error) + why)
        }
        let lines = portfolio.constraints.map {
            ConstraintLine(name: $0.name, unit: $0.unit, required: Rounding.round($0.required, places: 2), achieved: Rounding.round($0.achieved, places: 2), binding: $0.binding)
        }
        let directory = ApplicantDirectory(inputs.proposals)
        let statuses = FundingStatus.make(ranked: ranked, portfolio: portfolio, cap: inputs.round.constraints.maxPerApplicant,
                                          shortOfReviews: shortOfReviews, applicant: { directory.displayName(of: $0.applicant) })
        return PortfolioDecision(
            portfolio: portfolio, robustness: robustness, robustnessSummary: summary, constraintLines: lines,
            byGroup: PortfolioBreakdown.byGroup(proposals: inputs.proposals, portfolio: portfolio, budget: budget,
                                                floors: inputs.round.constraints.groupFloors),
            byRIC: PortfolioBreakdown.byRIC(proposals: inputs.proposals, portfolio: portfolio, practitioners: inputs.gaps.practitioners),
            statuses: statuses)
    }

    func line(for p: ScoredProposal, reach: ProposalReachLine?) -> RoundProposal {
        let award = portfolio.award(for: p.id)
        let r = robustness[p.id]
        return RoundProposal(
            scored: p, reach: reach, recommended: award?.recommended ?? false, award: Rounding.round(award?.award ?? 0, places: 2),
            fundedProbability: r.map { Rounding.round($0.fundedProbability, places: 4) }, nearLine: r?.nearLine,
            fundedAtRequest: r?.fundedAtRequest.map { Rounding.round($0, places: 2) },
            fundedAtBudgetLevels: r.flatMap { $0.fundedInBase ? $0.fundedAtBudgetLevels : nil }, status: statuses[p.id])
    }
}
