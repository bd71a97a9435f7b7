/// The order in which the greedy baseline funds proposals.
public enum GreedyRanking: Sendable, Hashable {
    /// Highest standalone value first (ties by id).
    case standaloneValue
    /// Highest standalone value per pound requested first (ties by id).
    case valuePerPound
    /// A given rank order of proposal ids, best first (e.g. the panel's score order); unlisted proposals are not funded.
    case given([String])
}

/// The baseline a panel would use without the optimiser: fund full requests down a ranking while money lasts.
///
/// It skips a proposal that no longer fits the remaining budget or its applicant's cap and carries on down the list. It
/// knows nothing of floors, RIC reach or shared cells; the result reports those constraints as they fall, and values
/// the portfolio with the same diminishing returns as the optimiser, so the two totals compare like for like.
public struct GreedyAllocator: Sendable {
    /// A greedy allocator.
    public init() {}

    /// The greedy portfolio for `problem` under `ranking`.
    public func allocate(_ problem: PortfolioProblem, ranking: GreedyRanking = .standaloneValue) throws(PortfolioError) -> PortfolioResult {
        try problem.validate()
        let canonical = CanonicalProblem(problem)
        let evaluator = PortfolioEvaluator(canonical: canonical)
        let order = try rankOrder(canonical, values: evaluator.standaloneValues(), ranking: ranking)
        var fractions = [Double](repeating: 0, count: canonical.items.count)
        var remaining = canonical.budget
        var perApplicant = [Double](repeating: 0, count: canonical.applicants.count)
        let cap = canonical.maxPerApplicant ?? .infinity
        for item in order {
            let cost = canonical.items[item].requested
            let applicant = canonical.applicantOf[item]
            guard cost <= remaining + Tolerance.absolute(canonical.budget),
                perApplicant[applicant] + cost <= cap + Tolerance.absolute(cap)
            else { continue }
            fractions[item] = 1
            remaining -= cost
            perApplicant[applicant] += cost
        }
        return evaluator.result(fractions, statistics: .withoutSolver(method: "greedy", status: "greedy"))
    }

    private func rankOrder(_ canonical: CanonicalProblem, values: [Double], ranking: GreedyRanking) throws(PortfolioError) -> [Int] {
        let indices = Array(canonical.items.indices)
        switch ranking {
        case .standaloneValue:
            return indices.sorted { values[$0] != values[$1] ? values[$0] > values[$1] : $0 < $1 }
        case .valuePerPound:
            let density = indices.map { values[$0] / canonical.items[$0].requested }
            return indices.sorted { density[$0] != density[$1] ? density[$0] > density[$1] : $0 < $1 }
        case .given(let ids):
            let position = Dictionary(canonical.items.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
            let unknown = ids.filter { position[$0] == nil }
            if !unknown.isEmpty { throw .invalidProblem(unknown.map { "ranking names unknown proposal \($0)" }) }
            return ids.compactMap { position[$0] }
        }
    }
}
