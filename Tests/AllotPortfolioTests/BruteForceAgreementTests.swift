import AllotPortfolio
import Testing

@Suite struct BruteForceAgreementTests {
    /// Solves `rounds` seeded rounds with CBC and brute force; returns how many were feasible.
    private func agreeOnRounds(_ seeds: Range<UInt64>, constrained: Bool, partial: Bool) -> Int {
        var feasible = 0
        for seed in seeds {
            let problem = SmallRoundGenerator.round(seed: seed, constrained: constrained, partial: partial)
            let oracle = BruteForceSolver.bestValue(problem)
            do {
                let result = try PortfolioSolver().solve(problem)
                feasible += 1
                guard let best = oracle else {
                    Issue.record("seed \(seed): CBC found a portfolio, brute force says none exists")
                    continue
                }
                #expect(abs(result.totalValue - best) <= 1e-6 * max(1, best), "seed \(seed): CBC \(result.totalValue), brute force \(best)")
                #expect(result.meetsAllConstraints, "seed \(seed): \(result.constraints.filter { !$0.satisfied })")
                #expect(result.statistics.provenOptimal, "seed \(seed)")
                expectAwardsWithinBounds(result, problem, seed: seed)
            } catch .infeasible(let named) {
                #expect(oracle == nil, "seed \(seed): solver says infeasible \(named), brute force found \(oracle ?? 0)")
                #expect(!named.isEmpty, "seed \(seed): infeasible without a named constraint")
            } catch {
                Issue.record("seed \(seed): \(error)")
            }
        }
        return feasible
    }

    private func expectAwardsWithinBounds(_ result: PortfolioResult, _ problem: PortfolioProblem, seed: UInt64) {
        for award in result.awards where award.recommended {
            guard let item = problem.items.first(where: { $0.id == award.id }) else {
                Issue.record("seed \(seed): award for unknown proposal \(award.id)")
                continue
            }
            let smallest = problem.constraints.allowPartial ? (item.minimum ?? item.requested) : item.requested
            #expect(award.award >= smallest - 1e-6 && award.award <= item.requested + 1e-6, "seed \(seed): \(award)")
        }
    }

    @Test func theOptimumEqualsBruteForceWithOnlyABudget() {
        let feasible = agreeOnRounds(0..<40, constrained: false, partial: false)
        #expect(feasible == 40)
    }

    @Test func theOptimumEqualsBruteForceWithFloorsRICReachAndApplicantCaps() {
        let feasible = agreeOnRounds(100..<160, constrained: true, partial: false)
        // The generator must produce both outcomes, or the test would not exercise the diagnosis path and the optimum.
        #expect(feasible >= 15 && feasible <= 55, "feasible rounds: \(feasible) of 60")
    }

    @Test func theOptimumEqualsBruteForceWithPartialAwards() {
        let feasible = agreeOnRounds(200..<240, constrained: false, partial: true)
        #expect(feasible == 40)
    }

    @Test func theOptimumEqualsBruteForceWithPartialAwardsAndAllConstraints() {
        let feasible = agreeOnRounds(300..<360, constrained: true, partial: true)
        #expect(feasible >= 15 && feasible <= 55, "feasible rounds: \(feasible) of 60")
    }

    @Test func partialAwardsNeverLowerTheOptimum() throws {
        for seed: UInt64 in 400..<420 {
            let partial = SmallRoundGenerator.round(seed: seed, constrained: false, partial: true)
            var whole = partial
            whole.constraints.allowPartial = false
            let withPartial = try PortfolioSolver().solve(partial).totalValue
            let withoutPartial = try PortfolioSolver().solve(whole).totalValue
            #expect(withPartial >= withoutPartial - 1e-9, "seed \(seed)")
        }
    }
}
