import AllotCore
import AllotPortfolio
import Testing

@Suite struct DeterminismTests {
    /// A synthetic round with exact duplicates added, so that optimal portfolios tie and the tie-break is exercised.
    private func roundWithTies() -> PortfolioProblem {
        var problem = SyntheticRound.make(proposals: 60, seed: 5)
        let copies = problem.items.prefix(8).map { item in
            var copy = item
            copy.id = "copy-of-\(item.id)"
            return copy
        }
        problem.items += copies
        return problem
    }

    private func shuffled(_ problem: PortfolioProblem, seed: UInt64) -> PortfolioProblem {
        var random = SeededRandom(seed: seed)
        var changed = problem
        changed.items.shuffle(using: &random)
        // Rebuild every dictionary in another insertion order too.
        changed.cells = Dictionary(uniqueKeysWithValues: problem.cells.sorted { $0.key > $1.key }.map { ($0.key, $0.value) })
        for index in changed.items.indices {
            let item = changed.items[index]
            changed.items[index].cellHours = Dictionary(uniqueKeysWithValues: item.cellHours.sorted { $0.key > $1.key }.map { ($0.key, $0.value) })
        }
        return changed
    }

    @Test func theSameRoundInAnyProposalOrderGivesTheSameAwards() throws {
        let problem = roundWithTies()
        let first = try PortfolioSolver().solve(problem)
        #expect(first.statistics.provenOptimal)
        for seed: UInt64 in 1...3 {
            let again = try PortfolioSolver().solve(shuffled(problem, seed: seed))
            #expect(again.awards == first.awards, "seed \(seed)")
            #expect(again.totalValue == first.totalValue)
            #expect(again.constraints == first.constraints)
        }
    }

    @Test func tiedDuplicatesAreSettledTheSameWayEveryTime() throws {
        let problem = roundWithTies()
        let funded = try PortfolioSolver().solve(problem).fundedIDs
        let fundedAgain = try PortfolioSolver().solve(shuffled(problem, seed: 9)).fundedIDs
        #expect(funded == fundedAgain)
        #expect(funded.contains { $0.hasPrefix("copy-of-") } || funded.contains { id in problem.items.prefix(8).contains { $0.id == id } })
    }
}
