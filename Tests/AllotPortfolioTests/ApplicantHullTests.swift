@testable import AllotPortfolio
import Testing

/// The per-applicant cap is modelled by the applicant's fundable sets, so the relaxation cannot fill a cap with slivers
/// of proposals below their minimum awards.
@Suite struct ApplicantHullTests {
    /// `count` proposals of one applicant, each GBP 40,000 with a GBP 36,000 minimum, each into its own unsaturated cell.
    private func round(proposals count: Int) -> PortfolioProblem {
        let items = (0..<count).map { index in
            PortfolioItem(
                id: "p\(index)", applicant: "one", requested: 40_000, minimum: 36_000, quality: 1 + Double(index) / 100,
                cellHours: ["c\(index)": 100])
        }
        let cells = Dictionary(uniqueKeysWithValues: (0..<count).map { ("c\($0)", PortfolioCell(gap: 1_000, needWeight: 0.5)) })
        return PortfolioProblem(
            budget: 1_000_000, items: items, cells: cells,
            constraints: PortfolioConstraints(maxPerApplicant: 60_000, allowPartial: true))
    }

    private func relaxationValue(_ problem: PortfolioProblem) throws -> Double {
        let canonical = CanonicalProblem(problem)
        let formulation = PortfolioFormulation(canonical, scope: .full(canonical), relaxed: true)
        let lp = try #require(ClpModel(formulation.model))
        #expect(lp.solveFromScratch())
        return lp.value
    }

    @Test func theRelaxationOfTwoProposalsWhoseMinimumsExceedTheCapFundsOnlyOne() throws {
        let problem = round(proposals: 2)
        // Only one fits (36,000 + 36,000 > 60,000): the better one in full, 100 hours x 0.5 x 1.01.
        let best = 100 * 0.5 * 1.01
        // One cap row would let the LP fund p1 in full and half of p0 (x = f = 0.5), worth 75.5.
        #expect(abs(try relaxationValue(problem) - best) < 1e-6)
        let solved = try PortfolioSolver().solve(problem)
        #expect(abs(solved.totalValue - best) < 1e-6)
        #expect(solved.fundedIDs == ["p1"])
    }

    @Test func anApplicantWithMoreProposalsThanTheHullTakesKeepsOneCapRowAndTheSameOptimum() throws {
        let problem = round(proposals: ApplicantHull.maximumProposals + 1)
        let canonical = CanonicalProblem(problem)
        let formulation = PortfolioFormulation(canonical, scope: .full(canonical))
        // x and f per proposal, no set columns.
        #expect(formulation.model.columnCount == 2 * problem.items.count)
        let solved = try PortfolioSolver().solve(problem)
        let oracle = try #require(BruteForceSolver.bestValue(problem))
        #expect(abs(solved.totalValue - oracle) < 1e-6 * oracle)
        #expect(solved.fundedIDs.count == 1)
    }

    /// One applicant with requests of 20,000, 25,000 and 40,000 (minimums half), a cap of 60,000: the pairs with 20,000
    /// fit whole, 25,000 + 40,000 only cut back, all three only cut back; each proposal into its own unsaturated cell.
    @Test(arguments: [[1.0, 1.1, 1.2], [1.3, 1.0, 0.9], [0.8, 0.85, 1.5]])
    func theRelaxationOfOneCappedApplicantIsItsBestPortfolio(qualities: [Double]) throws {
        let requests = [20_000.0, 25_000, 40_000]
        let items = requests.indices.map { index in
            PortfolioItem(
                id: "p\(index)", applicant: "one", requested: requests[index], minimum: requests[index] / 2,
                quality: qualities[index], cellHours: ["c\(index)": 100 + 10 * Double(index)])
        }
        let cells = Dictionary(uniqueKeysWithValues: requests.indices.map { ("c\($0)", PortfolioCell(gap: 1_000, needWeight: 0.5)) })
        let problem = PortfolioProblem(
            budget: 1_000_000, items: items, cells: cells, constraints: PortfolioConstraints(maxPerApplicant: 60_000, allowPartial: true))
        let oracle = try #require(BruteForceSolver.bestValue(problem))
        // The hull is the convex hull of the applicant's portfolios, so with a linear value its LP optimum is one.
        #expect(abs(try relaxationValue(problem) - oracle) < 1e-6 * oracle, "oracle \(oracle)")
    }
}
