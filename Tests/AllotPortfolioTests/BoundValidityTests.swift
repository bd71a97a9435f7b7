@testable import AllotPortfolio
import Testing

/// The bound a solve states must never fall below a portfolio that exists, whatever the LP solver's tolerances did.
@Suite struct BoundValidityTests {
    /// max 3a + 2b subject to a + b <= 1.5, a and b in [0, 1]: the LP optimum is 4.
    private func knapsackLP() -> LinearModel {
        var model = LinearModel()
        let a = model.addColumn(lower: 0, upper: 1, objective: 3)
        let b = model.addColumn(lower: 0, upper: 1, objective: 2)
        let row = model.addRow(lower: -.infinity, upper: 1.5)
        model.add(row: row, column: a, value: 1)
        model.add(row: row, column: b, value: 1)
        return model
    }

    @Test func theOptimalDualsBoundTheLPExactly() {
        // In the minimised objective (-3a - 2b) the row's dual is -2.
        let bound = DualBound.upperBound(knapsackLP(), duals: [-2])
        #expect(abs(bound - 4) < 1e-6, "bound \(bound)")
    }

    @Test(arguments: [0.0, -0.5, -1, -3, -50, 1, 7])
    func anyDualVectorGivesABoundNoLowerThanTheOptimum(dual: Double) {
        let bound = DualBound.upperBound(knapsackLP(), duals: [dual])
        #expect(bound >= 4 - 1e-12, "dual \(dual): bound \(bound)")
    }

    @Test func clpsDualsBoundARoundsRelaxationWithinRounding() throws {
        let canonical = CanonicalProblem(SyntheticRound.make(proposals: 40, seed: 9))
        let formulation = PortfolioFormulation(canonical, scope: .full(canonical), relaxed: true)
        let lp = try #require(ClpModel(formulation.model))
        #expect(lp.solveFromScratch())
        let bound = DualBound.upperBound(formulation.model, duals: lp.rowDuals)
        #expect(bound >= lp.value - 1e-9 && bound - lp.value <= 1e-6 * lp.value, "bound \(bound), LP \(lp.value)")
    }

    @Test func aPieceLeavesOutProposalsWhoseQualityExceedsItsThresholdOnlyByRounding() throws {
        // Two proposals fill one cell; their qualities differ by one unit in the last place, as calibrated scores can.
        let low = 0.7, high = 0.7.nextUp
        let problem = PortfolioProblem(
            budget: 100,
            items: [
                PortfolioItem(id: "a", applicant: "x", requested: 50, quality: high, cellHours: ["c": 30]),
                PortfolioItem(id: "b", applicant: "y", requested: 50, quality: low, cellHours: ["c": 30]),
                PortfolioItem(id: "z", applicant: "w", requested: 50, quality: 1, cellHours: ["c": 30]),
            ],
            cells: ["c": PortfolioCell(gap: 40, needWeight: 0.5)])
        let canonical = CanonicalProblem(problem)
        let formulation = PortfolioFormulation(canonical, scope: .full(canonical))
        let row = try #require(formulation.pieceRow(EnvelopePiece(cell: 0, threshold: low), canonical, CellEnvelope(canonical)))
        // A coefficient of about 1e-15 would sit beside ones near 1: LP solvers then disagree on the optimum by more
        // than their tolerances (seen on a 10,000-proposal round). It moves to the right-hand side instead (f <= 1).
        #expect(row.values.allSatisfy { abs($0) >= 1e-9 }, "\(row.values)")
        #expect(row.columns.count == 2, "v and the quality-1 proposal only")
        let dropped = 0.5 * (high - low) * 30
        #expect(abs(row.upper - (0.5 * low * 40 + dropped)) < 1e-15)
        #expect(row.upper > 0.5 * low * 40)
    }
}
