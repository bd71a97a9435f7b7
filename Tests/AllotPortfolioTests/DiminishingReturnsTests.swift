import AllotCore
import AllotPortfolio
import Testing

@Suite struct DiminishingReturnsTests {
    private let cellKey = "asn|Highland"

    private func round(gap: Double, duplicate: Bool) -> PortfolioProblem {
        var items = [PortfolioItem(id: "R5-001", applicant: "Highland Science Festival", requested: 20_000, cellHours: [cellKey: 100])]
        if duplicate {
            items.append(PortfolioItem(id: "R5-002", applicant: "Moray STEM Hub", requested: 20_000, cellHours: [cellKey: 100]))
        }
        return PortfolioProblem(budget: 100_000, items: items, cells: [cellKey: PortfolioCell(gap: gap, needWeight: 0.8)])
    }

    @Test func aDuplicateForAnAlreadyFilledCellAddsNothingAndIsNotFunded() throws {
        let first = try PortfolioSolver().solve(round(gap: 100, duplicate: false))
        let both = try PortfolioSolver().solve(round(gap: 100, duplicate: true))
        #expect(first.totalValue == 80)
        #expect(both.totalValue == 80)
        let duplicate = try #require(both.award(for: "R5-002"))
        #expect(duplicate.standaloneValue == 80)
        #expect(duplicate.valueContributed == 0)
        #expect(!duplicate.recommended, "money was spent on a project that adds no value")
    }

    @Test func aDuplicateForAPartlyFilledCellAddsOnlyTheRemainingGap() throws {
        let first = try PortfolioSolver().solve(round(gap: 150, duplicate: false))
        let both = try PortfolioSolver().solve(round(gap: 150, duplicate: true))
        #expect(first.totalValue == 80)
        #expect(both.totalValue == 120)
        #expect(both.totalValue - first.totalValue < first.totalValue)
        #expect(both.award(for: "R5-001")?.valueContributed == 80)
        #expect(both.award(for: "R5-002")?.valueContributed == 40)
    }

    @Test func theHigherQualityProjectIsCreditedFirstInASharedCell() throws {
        var problem = round(gap: 150, duplicate: true)
        problem.items[1].quality = 1.5
        let result = try PortfolioSolver().solve(problem)
        #expect(result.award(for: "R5-002")?.valueContributed == 120)
        #expect(result.award(for: "R5-001")?.valueContributed == 40)
        #expect(result.totalValue == 160)
    }

    @Test func withoutSharedCellsTheOptimumIsTheKnapsackOverStandaloneValues() throws {
        // Each proposal has its own cell, so the portfolio is a 0/1 knapsack: check against a dynamic programme.
        var random = SeededRandom(seed: 42)
        var items: [PortfolioItem] = []
        var cells: [String: PortfolioCell] = [:]
        for index in 0..<14 {
            let key = "cell\(index)"
            cells[key] = PortfolioCell(gap: Double(20 + random.next() % 80), needWeight: 1)
            items.append(PortfolioItem(id: "P\(index)", applicant: "A\(index)", requested: Double(5 + random.next() % 40), cellHours: [key: Double(10 + random.next() % 90)]))
        }
        let problem = PortfolioProblem(budget: 120, items: items, cells: cells)
        var best = [Double](repeating: 0, count: 121)
        for item in items {
            let cost = Int(item.requested)
            let value = problem.standaloneValue(of: item)
            for money in stride(from: 120, through: cost, by: -1) { best[money] = max(best[money], best[money - cost] + value) }
        }
        let result = try PortfolioSolver().solve(problem)
        #expect(abs(result.totalValue - best[120]) < 1e-9)
    }
}
