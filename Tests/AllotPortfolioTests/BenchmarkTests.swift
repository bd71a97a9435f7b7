import AllotPortfolio
import Foundation
import Testing

@Suite struct BenchmarkTests {
    @Test func aSmallBenchmarkRunReportsASolvedRoundAndItsRobustness() throws {
        let report = runPortfolioBenchmark(proposals: 120, samples: 8, seed: 3, robustnessProposals: 40)
        #expect(report.failures.isEmpty, "\(report.failures)")
        let solve = try #require(report.solve)
        #expect(solve.meetsAllConstraints)
        #expect(solve.statistics.method == "cbc")
        #expect(solve.statistics.relativeGap >= 0 && solve.statistics.bestBound >= solve.totalValue - 1e-6)
        let robustness = try #require(report.robustness)
        #expect(robustness.statistics.samples == 8)
        #expect(robustness.proposals.count == 40)
        #expect(report.lines.count == 5)
    }

    @Test func theSyntheticRoundHasEveryCellAndEveryConstraint() {
        let round = SyntheticRound.make(proposals: 50, seed: 1)
        #expect(round.cells.count == 9 * 32)
        #expect(round.constraints.groupFloors == ["asn": 0.10, "technician": 0.10])
        #expect(round.constraints.reachEveryRIC && round.constraints.rics.count == 6)
        #expect(round.validationMessages().isEmpty)
        #expect(SyntheticRound.make(proposals: 50, seed: 1) == round)
    }

    /// The full benchmark (10,000 proposals; 1,000 samples at 300), run only on request:
    /// `ALLOT_PORTFOLIO_BENCH=1 swift test -c release --filter fullBenchmark`. It prints figures and asserts no timing.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["ALLOT_PORTFOLIO_BENCH"] != nil))
    func fullBenchmark() {
        let environment = ProcessInfo.processInfo.environment
        let report = runPortfolioBenchmark(
            proposals: Int(environment["ALLOT_PORTFOLIO_BENCH_PROPOSALS"] ?? "") ?? 10_000,
            samples: Int(environment["ALLOT_PORTFOLIO_BENCH_SAMPLES"] ?? "") ?? 1_000, seed: 1)
        for line in report.lines { print(line) }
        #expect(report.failures.isEmpty, "\(report.failures)")
        #expect(report.solve?.meetsAllConstraints == true)
    }
}
