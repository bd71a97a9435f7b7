import AllotCore
import AllotPortfolio
@testable import AllotRounds
import Testing

@Suite struct ScoringPerturbationTests {
    static let problem = PortfolioProblem(budget: 1000, items: ["a", "b"].map {
        PortfolioItem(id: $0, applicant: $0, requested: 1000, minimum: nil, quality: 1, cellHours: ["x": 10], groupShares: [:], rics: [])
    }, cells: ["x": PortfolioCell(gap: 10, needWeight: 1)], constraints: PortfolioConstraints())

    static func perturbation(seed: UInt64, noise: Double = 0.1, spread: Double = 0.25) -> ScoringPerturbation {
        // a leans on the first criterion, b on the second; a has two reviews averaging 3, b has none.
        ScoringPerturbation(entries: ["a": .init(quality: 1, components: [1, 0, 0.5], panelScore: 3, reviews: 2),
                                      "b": .init(quality: 1, components: [0, 1, 0.5], panelScore: nil, reviews: 0)],
                            weights: [0.3, 0.3, 0.2], scale: 1...5, seed: seed, weightSpread: spread, reviewerNoise: noise)
    }

    @Test func theSameSeedAndIndexGiveTheSameSampleWhicheverOrderTheyAreDrawn() {
        let p = Self.perturbation(seed: 7)
        let forward = (0..<5).map { p.sample($0, of: Self.problem) }
        let backward = (0..<5).reversed().map { p.sample($0, of: Self.problem) }.reversed()
        #expect(forward == Array(backward))
        #expect(forward[0] != forward[1])
    }

    @Test func aProposalStrongOnACriterionGainsWhenThatWeightRises() {
        // Without reviewer noise the two qualities move only with the weights: a leans on need, b on barriers, so
        // across samples their ratio follows need weight / barrier weight and is not constant.
        let p = Self.perturbation(seed: 3, noise: 0)
        let ratios = (0..<50).compactMap { i -> Double? in
            let s = p.sample(i, of: Self.problem)
            guard let a = s.qualities["a"], let b = s.qualities["b"], b > 0 else { return nil }
            return a / b
        }
        #expect(ratios.count == 50)
        #expect(ratios.contains { $0 > 1.05 } && ratios.contains { $0 < 0.95 })
    }

    @Test func withoutSpreadOrNoiseEverySampleIsTheRound() {
        let p = Self.perturbation(seed: 5, noise: 0, spread: 0)
        for i in 0..<10 {
            let s = p.sample(i, of: Self.problem)
            #expect(abs((s.qualities["a"] ?? 0) - ReviewCalibration.qualityFactor(score: 3, scale: 1...5)) < 1e-12)
            #expect(s.qualities["b"] == 1)
        }
    }
}
