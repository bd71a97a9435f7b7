/// What-if re-solves of the base round: a lower request for one proposal, or a different budget.
struct Counterfactuals: Sendable {
    let problem: PortfolioProblem
    let canonical: CanonicalProblem
    /// Re-solves from the base round's portfolio, pieces and branching estimates.
    let resolver: Resolver
    let options: RobustnessOptions

    /// The highest request (to `requestPrecision` of the original) at which proposal `item` (canonical index) would be
    /// funded, found by bisection, assuming the same hours for less money and funding that only grows as the request
    /// falls; nil when it is not funded even at `requestPrecision` of its request.
    func fundingRequest(for item: Int) throws(PortfolioError) -> (request: Double?, solves: Int) {
        let requested = canonical.items[item].requested
        let step = options.requestPrecision * requested
        var solves = 1
        guard try isFunded(item, at: step) else { return (nil, solves) }
        var low = step
        var high = requested
        while high - low > step {
            let middle = (low + high) / 2
            solves += 1
            if try isFunded(item, at: middle) { low = middle } else { high = middle }
        }
        return ((low).rounded(.down), solves)
    }

    /// Per proposal, the budget levels at which it is funded; and the levels at which the round is infeasible.
    func budgetGrid() throws(PortfolioError) -> (fundedLevels: [[Double]], infeasibleLevels: [Double]) {
        var funded = [[Double]](repeating: [], count: canonical.items.count)
        var infeasible: [Double] = []
        for level in options.budgetLevels {
            var changed = problem
            changed.budget = problem.budget * level
            do {
                let run = try resolver.solve(CanonicalProblem(changed))
                for item in run.fractions.indices where run.fractions[item] > 0 { funded[item].append(level) }
            } catch .infeasible {
                infeasible.append(level)
            }
        }
        return (funded, infeasible)
    }

    private func isFunded(_ item: Int, at request: Double) throws(PortfolioError) -> Bool {
        let id = canonical.items[item].id
        var changed = problem
        guard let index = changed.items.firstIndex(where: { $0.id == id }) else { return false }
        let original = changed.items[index]
        changed.items[index].requested = request
        changed.items[index].minimum = original.minimum.map { $0 * request / original.requested }
        let run = try resolver.solve(CanonicalProblem(changed))
        return run.fractions[item] > 0
    }
}
