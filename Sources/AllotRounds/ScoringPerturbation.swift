import AllotCore
import AllotPortfolio

/// The robustness samples of a scored round: criterion weights each moved by a uniform factor in 1 +- `weightSpread`,
/// and each proposal's calibrated panel score moved by reviewer noise, N(0, `reviewerNoise` x scale span / sqrt(reviews)).
///
/// The portfolio values hours by need weight x quality factor, so a sample reaches it as a new quality factor per
/// proposal: the quality factor of the noisy panel score, times the ratio of the proposal's score under the sample's
/// weights to its score under the round's weights (both without the panel criterion, which the quality factor
/// already carries). A proposal strong on a criterion whose weight rises gains value in that sample.
public struct ScoringPerturbation: PortfolioPerturbation {
    /// One proposal as the sample needs it.
    struct Entry: Sendable {
        let quality: Double
        let components: [Double]
        let panelScore: Double?
        let reviews: Int
    }

    let seed: UInt64
    let weightSpread: Double
    let reviewerNoise: Double
    let scale: ClosedRange<Double>
    let weights: [Double]
    let entries: [String: Entry]

    /// A perturbation of `scored` (with the qualities the portfolio was built with) under `weights`.
    public init(scored: [ScoredProposal], qualities: [String: Double], weights: [Criterion: Double], scale: ClosedRange<Double>,
                seed: UInt64, weightSpread: Double = 0.25, reviewerNoise: Double = 0.10) {
        let criteria = Criterion.allCases.filter { $0 != .panelQuality }
        var entries: [String: Entry] = [:]
        for p in scored {
            entries[p.id] = Entry(quality: qualities[p.id] ?? 1, components: criteria.map { p.components[$0.rawValue]?.value ?? 0 },
                                  panelScore: p.evidence.panel?.calibratedScore, reviews: p.evidence.panel?.reviews ?? 0)
        }
        self.init(entries: entries, weights: criteria.map { weights[$0] ?? 0 }, scale: scale, seed: seed,
                  weightSpread: weightSpread, reviewerNoise: reviewerNoise)
    }

    /// A perturbation of prepared entries; `weights` are parallel to every entry's `components`.
    init(entries: [String: Entry], weights: [Double], scale: ClosedRange<Double>, seed: UInt64, weightSpread: Double, reviewerNoise: Double) {
        self.entries = entries
        self.weights = weights
        self.scale = scale
        self.seed = seed
        self.weightSpread = weightSpread
        self.reviewerNoise = reviewerNoise
    }

    /// Sample `index`: weights first (criterion order), then one normal draw per proposal in id order.
    public func sample(_ index: Int, of problem: PortfolioProblem) -> PortfolioSample {
        var random = SeededRandom(seed: seed, stream: UInt64(index))
        let moved = weights.map { $0 * (1 + weightSpread * (2 * random.unit() - 1)) }
        let span = scale.upperBound - scale.lowerBound
        var qualities: [String: Double] = [:]
        for item in problem.items.sorted(by: { $0.id < $1.id }) {
            let draw = random.gaussian()
            guard let entry = entries[item.id] else { continue }
            var quality = entry.quality
            if let score = entry.panelScore, entry.reviews > 0 {
                let noisy = min(scale.upperBound, max(scale.lowerBound, score + draw * reviewerNoise * span / Double(entry.reviews).squareRoot()))
                quality = ReviewCalibration.qualityFactor(score: noisy, scale: scale)
            }
            let base = zip(weights, entry.components).reduce(0) { $0 + $1.0 * $1.1 }
            let sampled = zip(moved, entry.components).reduce(0) { $0 + $1.0 * $1.1 }
            qualities[item.id] = base > 0 ? quality * sampled / base : quality
        }
        return PortfolioSample(qualities: qualities)
    }
}
