import AllotPortfolio
import Testing

@Suite struct GreedyComparisonTests {
    @Test func fundingInValueOrderLosesFortyPointsWhenTheTopProposalCrowdsOutTwoCheaperOnes() throws {
        // A is the single best proposal but, once funded, leaves too little for either B or C.
        let cells = ["asn|Highland": PortfolioCell(gap: 100, needWeight: 1), "primary|Fife": PortfolioCell(gap: 100, needWeight: 1)]
        let problem = PortfolioProblem(
            budget: 100,
            items: [
                PortfolioItem(id: "A", applicant: "a", requested: 60, cellHours: ["asn|Highland": 70]),
                PortfolioItem(id: "B", applicant: "b", requested: 50, cellHours: ["asn|Highland": 60]),
                PortfolioItem(id: "C", applicant: "c", requested: 50, cellHours: ["primary|Fife": 50]),
            ],
            cells: cells)
        let greedy = try GreedyAllocator().allocate(problem, ranking: .standaloneValue)
        let optimal = try PortfolioSolver().solve(problem)
        #expect(greedy.fundedIDs == ["A"])
        #expect(greedy.totalValue == 70)
        #expect(optimal.fundedIDs == ["B", "C"])
        #expect(optimal.totalValue == 110)
        #expect(optimal.totalValue - greedy.totalValue == 40)
    }

    @Test func fundingInValueOrderLosesEightyPointsWhenTheTopTwoFillTheSameCell() throws {
        // A and A2 each fill the Highland ASN gap on their own; the greedy ranking funds both and the second adds nothing.
        let cells = ["asn|Highland": PortfolioCell(gap: 100, needWeight: 1), "technician|Moray": PortfolioCell(gap: 100, needWeight: 1)]
        let problem = PortfolioProblem(
            budget: 100,
            items: [
                PortfolioItem(id: "A", applicant: "a", requested: 50, quality: 1, cellHours: ["asn|Highland": 100]),
                PortfolioItem(id: "A2", applicant: "b", requested: 50, quality: 0.95, cellHours: ["asn|Highland": 100]),
                PortfolioItem(id: "T", applicant: "c", requested: 50, cellHours: ["technician|Moray": 80]),
            ],
            cells: cells)
        let greedy = try GreedyAllocator().allocate(problem)
        let optimal = try PortfolioSolver().solve(problem)
        #expect(greedy.fundedIDs == ["A", "A2"])
        #expect(greedy.award(for: "A2")?.valueContributed == 0)
        #expect(greedy.totalValue == 100)
        #expect(optimal.fundedIDs == ["A", "T"])
        #expect(optimal.totalValue == 180)
        #expect(optimal.totalValue - greedy.totalValue == 80)
    }

    @Test func theOptimumIsNeverWorseThanGreedyOnRandomRounds() throws {
        var strictlyBetter = 0
        for seed: UInt64 in 500..<540 {
            let problem = SmallRoundGenerator.round(seed: seed, constrained: false, partial: false)
            let optimal = try PortfolioSolver().solve(problem).totalValue
            let greedy = try GreedyAllocator().allocate(problem, ranking: .valuePerPound).totalValue
            #expect(optimal >= greedy - 1e-9, "seed \(seed)")
            if optimal > greedy + 1e-6 { strictlyBetter += 1 }
        }
        #expect(strictlyBetter > 0, "greedy matched the optimum on every round; the comparison shows nothing")
    }

    @Test func aGivenRankOrderIsFollowedAndUnknownIdsAreRejected() throws {
        let problem = SmallRoundGenerator.round(seed: 7, constrained: false, partial: false)
        let order = problem.items.map(\.id).sorted().reversed()
        let greedy = try GreedyAllocator().allocate(problem, ranking: .given(Array(order)))
        let first = try #require(order.first)
        #expect(greedy.award(for: first)?.recommended == true)
        #expect(throws: PortfolioError.invalidProblem(["ranking names unknown proposal nope"])) {
            try GreedyAllocator().allocate(problem, ranking: .given(["nope"]))
        }
    }
}
