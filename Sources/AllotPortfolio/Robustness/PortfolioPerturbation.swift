import AllotCore
/// How one robustness sample changes a round: new quality factors by proposal id and need weights by cell key.
/// Anything not listed keeps its value.
public struct PortfolioSample: Sendable, Hashable {
    /// Proposal id -> perturbed quality factor.
    public var qualities: [String: Double]
    /// Cell key -> perturbed need weight (0 to 1).
    public var needWeights: [String: Double]

    /// A sample from its parts.
    public init(qualities: [String: Double] = [:], needWeights: [String: Double] = [:]) {
        self.qualities = qualities
        self.needWeights = needWeights
    }

    /// `problem` with this sample's values applied.
    public func applied(to problem: PortfolioProblem) -> PortfolioProblem {
        var changed = problem
        for index in changed.items.indices {
            if let quality = qualities[changed.items[index].id] { changed.items[index].quality = quality }
        }
        for (key, weight) in needWeights where changed.cells[key] != nil {
            changed.cells[key]?.needWeight = weight
        }
        return changed
    }
}

/// Supplies sample `index` of a round; the scoring module implements it with criterion weights and reviewer noise.
/// A sample must depend only on its index (not on the order samples are drawn), so results are reproducible.
public protocol PortfolioPerturbation: Sendable {
    /// The changes for sample `index` of `problem`.
    func sample(_ index: Int, of problem: PortfolioProblem) -> PortfolioSample
}

/// The default perturbation, standing in for the scoring module's: each proposal's quality is multiplied by a uniform
/// factor in 1 +- `weightSpread` (the effect of criterion weights moving +-25%) and by 1 + N(0, `reviewerNoise`)
/// (reviewer noise), floored at 0; each cell's need weight by a uniform factor in 1 +- `needWeightSpread`, kept in 0...1.
public struct ScoreNoisePerturbation: PortfolioPerturbation {
    /// Seed of the sample streams.
    public var seed: UInt64
    /// Half-width of the uniform quality factor.
    public var weightSpread: Double
    /// Standard deviation of the normal reviewer-noise factor.
    public var reviewerNoise: Double
    /// Half-width of the uniform need-weight factor (0 leaves need weights alone).
    public var needWeightSpread: Double

    /// A perturbation from its parts.
    public init(seed: UInt64, weightSpread: Double = 0.25, reviewerNoise: Double = 0.10, needWeightSpread: Double = 0) {
        self.seed = seed
        self.weightSpread = weightSpread
        self.reviewerNoise = reviewerNoise
        self.needWeightSpread = needWeightSpread
    }

    /// Draws from stream `index` of `seed`, visiting proposals and cells in sorted order.
    public func sample(_ index: Int, of problem: PortfolioProblem) -> PortfolioSample {
        var random = SeededRandom(seed: seed, stream: UInt64(index))
        var qualities: [String: Double] = [:]
        for item in problem.items.sorted(by: { $0.id < $1.id }) {
            let weights = 1 + weightSpread * (2 * random.unit() - 1)
            let noise = 1 + reviewerNoise * random.gaussian()
            qualities[item.id] = max(0, item.quality * weights * noise)
        }
        var needWeights: [String: Double] = [:]
        if needWeightSpread > 0 {
            for key in problem.cells.keys.sorted() {
                guard let cell = problem.cells[key] else { continue }
                needWeights[key] = min(1, max(0, cell.needWeight * (1 + needWeightSpread * (2 * random.unit() - 1))))
            }
        }
        return PortfolioSample(qualities: qualities, needWeights: needWeights)
    }
}
