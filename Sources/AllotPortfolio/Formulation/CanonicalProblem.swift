/// Hours one proposal delivers into one cell, by index.
struct CellDelivery: Sendable, Hashable {
    let cell: Int
    let hours: Double
}

/// A validated problem with every key sorted and turned into an index.
///
/// Everything downstream (model, evaluation, diagnosis) reads this, never the dictionaries, so the same round in any
/// proposal order, or with dictionaries iterated in any order, gives the same model and the same answer.
struct CanonicalProblem: Sendable {
    /// The problem as given (used to derive variants, e.g. without the applicant cap).
    let problem: PortfolioProblem
    let budget: Double
    let allowPartial: Bool
    let maxPerApplicant: Double?
    /// Proposals sorted by id.
    let items: [PortfolioItem]
    let cellKeys: [String]
    let cells: [PortfolioCell]
    /// Per proposal, the cells with hours > 0 whose gap is > 0, by cell index; hours capped at gap / minimum fraction
    /// (more can never count).
    let deliveries: [[CellDelivery]]
    /// Groups with a floor, sorted, and each one's share of the budget.
    let floorGroups: [String]
    let floorShares: [Double]
    /// Per proposal, its share of hours in each floor group (aligned with `floorGroups`).
    let groupShares: [[Double]]
    /// RICs to reach (empty when the round does not ask), sorted.
    let rics: [String]
    /// Per proposal, indices into `rics` it reaches.
    let reaches: [[Int]]
    let applicants: [String]
    let applicantOf: [Int]
    /// Per proposal, the smallest award as a fraction of its request (1 unless partial awards apply).
    let minimumFraction: [Double]
    /// Per proposal, whether its smallest award fits the budget and the applicant cap at all.
    let eligible: [Bool]

    /// Assumes `problem` has passed validation.
    init(_ problem: PortfolioProblem) {
        let constraints = problem.constraints
        self.problem = problem
        budget = problem.budget
        allowPartial = constraints.allowPartial
        maxPerApplicant = constraints.maxPerApplicant
        items = problem.items.sorted { $0.id < $1.id }
        cellKeys = problem.cells.keys.sorted()
        cells = cellKeys.compactMap { problem.cells[$0] }
        let cellIndex = Dictionary(uniqueKeysWithValues: cellKeys.enumerated().map { ($1, $0) })
        let cells = self.cells
        let partial = constraints.allowPartial
        minimumFraction = items.map { item in
            guard partial, let minimum = item.minimum else { return 1 }
            return minimum / item.requested
        }
        let smallest = minimumFraction
        // Hours beyond gap / minimum fraction can never count: any award delivers at least the gap there. Capping them
        // changes no portfolio's value but tightens the LP relaxation a lot (a sliver of a large project no longer
        // fills whole gaps at a sliver of its cost).
        deliveries = zip(items, smallest).map { item, fraction in
            item.cellHours.keys.sorted().compactMap { key -> CellDelivery? in
                guard let index = cellIndex[key], let hours = item.cellHours[key], hours > 0, cells[index].gap > 0
                else { return nil }
                return CellDelivery(cell: index, hours: min(hours, cells[index].gap / fraction))
            }
        }
        floorGroups = constraints.groupFloors.keys.sorted()
        floorShares = floorGroups.map { constraints.groupFloors[$0] ?? 0 }
        let groups = floorGroups
        groupShares = items.map { item in groups.map { item.groupShares[$0] ?? 0 } }
        rics = constraints.reachEveryRIC ? Array(Set(constraints.rics)).sorted() : []
        let ricList = rics
        reaches = items.map { item in ricList.indices.filter { item.rics.contains(ricList[$0]) } }
        applicants = Array(Set(items.map(\.applicant))).sorted()
        let applicantIndex = Dictionary(uniqueKeysWithValues: applicants.enumerated().map { ($1, $0) })
        applicantOf = items.map { applicantIndex[$0.applicant] ?? 0 }
        let budget = problem.budget
        let cap = constraints.maxPerApplicant
        eligible = zip(items, minimumFraction).map { item, fraction in
            let smallest = item.requested * fraction
            return smallest <= budget * (1 + Tolerance.relative) && smallest <= (cap ?? .infinity) * (1 + Tolerance.relative)
        }
    }

    /// Floor in pounds for floor group `group`.
    func floorAmount(_ group: Int) -> Double { floorShares[group] * budget }
}

/// Tolerances shared by the model, the evaluation and the diagnosis.
enum Tolerance {
    /// Relative slack when checking a constraint or snapping an award.
    static let relative = 1e-6

    /// Absolute slack for a quantity of size `scale`.
    static func absolute(_ scale: Double) -> Double { relative * max(1, abs(scale)) }
}
