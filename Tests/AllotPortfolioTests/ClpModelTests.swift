@testable import AllotPortfolio
import Testing

/// Clp through the `CClp` shim: the branch-and-bound mode (kept work areas, no scaling, Dantzig pricing, fewer checks)
/// must give the values Clp's defaults give.
@Suite struct ClpModelTests {
    @Test func theBranchAndBoundModeGivesTheDefaultValuesThroughBoundChangesAndNewRows() throws {
        let canonical = CanonicalProblem(SyntheticRound.make(proposals: 40, seed: 9))
        let formulation = PortfolioFormulation(canonical, scope: .full(canonical), relaxed: true)
        let plain = try #require(ClpModel(formulation.model))
        let fast = try #require(ClpModel(formulation.model, branchAndBound: true))
        let binaries = formulation.fundedColumn.compactMap { $0 }
        var lower = plain.lower
        var upper = plain.upper
        var state: UInt64 = 7
        var infeasible = 0
        for step in 0..<60 {
            // A deterministic walk through the tree: fix a proposal in or out, or free it again.
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let column = binaries[Int(state >> 33) % binaries.count]
            if lower[column] == upper[column] {
                lower[column] = 0
                upper[column] = 1
            } else {
                lower[column] = Double((state >> 20) & 1)
                upper[column] = lower[column]
            }
            plain.setBounds(lower: lower, upper: upper)
            fast.setBounds(lower: lower, upper: upper)
            let solvedPlain = plain.solve()
            let solvedFast = fast.solve()
            #expect(solvedPlain == solvedFast, "step \(step)")
            if solvedPlain && solvedFast {
                #expect(abs(plain.value - fast.value) <= 1e-7 * max(1, abs(plain.value)), "step \(step): \(plain.value) against \(fast.value)")
            } else {
                #expect(plain.isInfeasible && fast.isInfeasible, "step \(step)")
                infeasible += 1
            }
            if step == 30, solvedPlain {
                // The envelope pieces this solution violates, added to both as the exact re-solve adds them.
                let envelope = CellEnvelope(canonical)
                let pieces = envelope.violatedPieces(
                    modelled: formulation.modelledCellValues(from: plain.solution),
                    fractions: formulation.rawFractions(from: plain.solution, itemCount: canonical.items.count))
                let rows = pieces.compactMap { formulation.pieceRow($0, canonical, envelope) }.map { (-Double.infinity, $0.upper, $0.columns, $0.values) }
                #expect(!rows.isEmpty, "a relaxation without pieces overstates some cell")
                plain.addRows(rows)
                fast.addRows(rows)
            }
        }
        #expect(infeasible < 60)
    }
}
