import AllotCore
import AllotPortfolio
import Testing

@Suite struct RobustnessTests {
    /// Budget 100, one cell per proposal (so value = hours x quality): A is a clear winner, Z a clear loser, and B and C
    /// compete for the same 60 pounds with values 61 and 60.
    private let round: PortfolioProblem = {
        let specs: [(id: String, cost: Double, value: Double)] = [("A", 40, 120), ("B", 60, 61), ("C", 60, 60), ("Z", 20, 2)]
        var cells: [String: PortfolioCell] = [:]
        let items = specs.map { spec in
            cells["cell-\(spec.id)"] = PortfolioCell(gap: 1_000, needWeight: 1)
            return PortfolioItem(id: spec.id, applicant: spec.id, requested: spec.cost, cellHours: ["cell-\(spec.id)": spec.value])
        }
        return PortfolioProblem(budget: 100, items: items, cells: cells)
    }()

    private func analyse(samples: Int = 200, seed: UInt64 = 11) throws -> RobustnessReport {
        try RobustnessAnalysis(options: RobustnessOptions(samples: samples)).analyse(round, perturbation: ScoreNoisePerturbation(seed: seed))
    }

    @Test func aClearWinnerIsAlwaysFundedAClearLoserNeverAndTheRivalsSplit() throws {
        let report = try analyse()
        #expect(report.base.fundedIDs == ["A", "B"])
        #expect(report.proposal("A")?.fundedProbability == 1)
        #expect(report.proposal("Z")?.fundedProbability == 0)
        let b = try #require(report.proposal("B")?.fundedProbability)
        let c = try #require(report.proposal("C")?.fundedProbability)
        #expect(b > 0.3 && b < 0.7 && c > 0.3 && c < 0.7, "B \(b), C \(c)")
        #expect(abs(b + c - 1) < 1e-12, "exactly one of B and C is funded in every sample")
        #expect(report.proposals.filter(\.nearLine).map(\.id) == ["B", "C"])
        #expect(report.statistics.samples == 200)
    }

    @Test func anUnfundedNearLineProposalIsToldTheRequestAtWhichItWouldBeFunded() throws {
        // At a request of 40 or less C leaves room for Z as well: A + C + Z = 182 beats A + B = 181.
        let report = try analyse()
        let request = try #require(report.proposal("C")?.fundedAtRequest)
        #expect(request <= 40 && request >= 40 - 0.6 - 1, "request \(request)")
        #expect(report.proposal("A")?.fundedAtRequest == nil)
        #expect(report.proposal("B")?.fundedAtRequest == nil)
    }

    @Test func aFundedProposalListsTheBudgetLevelsAtWhichItStaysFunded() throws {
        let report = try analyse(samples: 10)
        #expect(report.proposal("A")?.fundedAtBudgetLevels == [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4, 1.5])
        #expect(report.proposal("B")?.fundedAtBudgetLevels == [1.0, 1.1, 1.2, 1.3, 1.4, 1.5])
        #expect(report.proposal("C")?.fundedAtBudgetLevels == [])
        #expect(report.infeasibleBudgetLevels.isEmpty)
    }

    @Test func theSameSeedGivesTheSameProbabilitiesAndAnotherSeedOtherSamples() throws {
        let first = try analyse(samples: 60, seed: 3)
        let again = try analyse(samples: 60, seed: 3)
        #expect(first.proposals == again.proposals)
        let perturbation = ScoreNoisePerturbation(seed: 3)
        #expect(perturbation.sample(7, of: round) == perturbation.sample(7, of: round))
        #expect(perturbation.sample(7, of: round) != ScoreNoisePerturbation(seed: 4).sample(7, of: round))
    }

    @Test func sampleStreamsAreReproducibleAndDistinct() {
        var first = SeededRandom(seed: 5, stream: 1)
        var again = SeededRandom(seed: 5, stream: 1)
        var other = SeededRandom(seed: 5, stream: 2)
        let drawn = (0..<4).map { _ in first.next() }
        #expect(drawn == (0..<4).map { _ in again.next() })
        #expect(drawn != (0..<4).map { _ in other.next() })
        var normal = SeededRandom(seed: 8, stream: 0)
        let draws = (0..<20_000).map { _ in normal.gaussian() }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count)
        #expect(abs(mean) < 0.03 && abs(variance - 1) < 0.05, "mean \(mean), variance \(variance)")
    }
}
