import AllotCore
import AllotPortfolio
import Testing

/// Defence in depth: whatever the callers check, the solver's entry point refuses amounts beyond GBP 1e12 with a
/// typed error (a budget of 1e20 made Clp abort the process), and solves the largest amounts in range.
@Suite("Solver input guard") struct SolverInputGuardTests {
    private let cells = ["primary|Fife": PortfolioCell(gap: 500, needWeight: 1)]

    private func item(_ id: String, _ requested: Double, minimum: Double? = nil) -> PortfolioItem {
        PortfolioItem(id: id, applicant: "applicant \(id)", requested: requested, minimum: minimum, cellHours: ["primary|Fife": 50],
                      groupShares: ["primary": 1])
    }

    @Test("Budgets, requests and caps beyond 1e12 are invalidProblem, never handed to CBC/Clp")
    func outOfRangeAmountsAreRefused() {
        let problems = [
            PortfolioProblem(budget: 1e20, items: [item("P1", 20_000)], cells: cells),
            PortfolioProblem(budget: 100_000, items: [item("P1", 1e20)], cells: cells),
            PortfolioProblem(budget: 100_000, items: [item("P1", 20_000)], cells: cells,
                             constraints: PortfolioConstraints(maxPerApplicant: 1e20)),
        ]
        for problem in problems {
            do {
                _ = try PortfolioSolver().solve(problem)
                Issue.record("an out-of-range problem was solved")
            } catch .invalidProblem(let messages) {
                #expect(messages.contains { $0.contains("1000000000000") }, "\(messages)")
            } catch {
                Issue.record("expected invalidProblem, got \(error)")
            }
        }
    }

    @Test("The largest amounts in range solve")
    func theLargestAmountsSolve() throws {
        let problem = PortfolioProblem(budget: InputLimits.maxPounds, items: [item("P1", InputLimits.maxPounds, minimum: 1), item("P2", 0.01)],
                                       cells: cells, constraints: PortfolioConstraints(maxPerApplicant: InputLimits.maxPounds))
        let result = try PortfolioSolver().solve(problem)
        #expect(result.allocated <= InputLimits.maxPounds * (1 + 1e-9))
        #expect(!result.fundedIDs.isEmpty)
    }
}
