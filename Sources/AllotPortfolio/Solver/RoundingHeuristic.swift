/// A quick feasible portfolio from an LP relaxation, handed to CBC as its first incumbent.
///
/// It funds what the LP funds (almost) in full, then any RIC or floor still short with the proposals the LP liked
/// most for it, then spends what is left by best marginal value per pound (diminishing returns included, partial
/// awards where the round allows them). It may fail to meet a floor; then the solver simply starts without it.
struct RoundingHeuristic: Sendable {
    let canonical: CanonicalProblem
    let envelope: CellEnvelope

    /// A portfolio (award fractions) that meets every constraint, or nil.
    func portfolio(relaxed: [Double], fundedWeight: [Double]) -> [Double]? {
        var state = State(canonical: canonical)
        let byLP = canonical.items.indices.sorted { fundedWeight[$0] != fundedWeight[$1] ? fundedWeight[$0] > fundedWeight[$1] : $0 < $1 }
        for item in byLP where fundedWeight[item] >= 1 - 1e-6 {
            state.fund(item, fraction: max(canonical.minimumFraction[item], min(1, relaxed[item])))
        }
        for ric in canonical.rics.indices where !state.reaches(ric) {
            if let item = byLP.first(where: { canonical.reaches[$0].contains(ric) && state.fits($0, fraction: canonical.minimumFraction[$0]) }) {
                state.fund(item, fraction: canonical.minimumFraction[item])
            }
        }
        for group in canonical.floorGroups.indices {
            for item in byLP where state.floorShortfall(group) > 0 && canonical.groupShares[item][group] > 0 && state.fits(item, fraction: 1) {
                state.fund(item, fraction: 1)
            }
        }
        spendRemainder(&state)
        let met = canonical.rics.indices.allSatisfy(state.reaches) && canonical.floorGroups.indices.allSatisfy { state.floorShortfall($0) <= Tolerance.absolute(canonical.floorAmount($0)) }
        return met ? state.fractions : nil
    }

    /// Lazy greedy on marginal value per pound: marginal values only fall as more is funded, so a refreshed estimate
    /// that still beats every other (stale, hence optimistic) estimate is the best choice.
    private func spendRemainder(_ state: inout State) {
        let standalone = PortfolioEvaluator(canonical: canonical).standaloneValues()
        // Ascending by estimate, so the best is last; ties go to the lower index.
        var estimates: [(item: Int, ratio: Double)] = canonical.items.indices.compactMap { item in
            guard canonical.eligible[item], state.fractions[item] == 0 else { return nil }
            return (item, standalone[item] / canonical.items[item].requested)
        }
        let before = { (lhs: (item: Int, ratio: Double), rhs: (item: Int, ratio: Double)) in
            lhs.ratio != rhs.ratio ? lhs.ratio < rhs.ratio : lhs.item > rhs.item
        }
        estimates.sort(by: before)
        while let candidate = estimates.popLast() {
            guard let fraction = state.largestFit(candidate.item) else { continue }
            let money = fraction * canonical.items[candidate.item].requested
            let ratio = marginalValue(candidate.item, fraction: fraction, state.fractions) / money
            if ratio <= 0 { continue }
            if let next = estimates.last, ratio < next.ratio {
                let refreshed = (candidate.item, ratio)
                let slot = estimates.partitioningIndex { !before($0, refreshed) }
                estimates.insert(refreshed, at: slot)
                continue
            }
            state.fund(candidate.item, fraction: fraction)
        }
    }

    private func marginalValue(_ item: Int, fraction: Double, _ fractions: [Double]) -> Double {
        var with = fractions
        with[item] = fraction
        return canonical.deliveries[item].reduce(0) { total, delivery in
            total + envelope.value(cell: delivery.cell, fractions: with) - envelope.value(cell: delivery.cell, fractions: fractions)
        }
    }

    /// Money, caps, reach and floors of a portfolio being built.
    private struct State {
        let canonical: CanonicalProblem
        var fractions: [Double]
        var spent = 0.0
        var perApplicant: [Double]
        var floorMoney: [Double]
        var reached: [Bool]

        init(canonical: CanonicalProblem) {
            self.canonical = canonical
            fractions = Array(repeating: 0, count: canonical.items.count)
            perApplicant = Array(repeating: 0, count: canonical.applicants.count)
            floorMoney = Array(repeating: 0, count: canonical.floorGroups.count)
            reached = Array(repeating: false, count: canonical.rics.count)
        }

        func reaches(_ ric: Int) -> Bool { reached[ric] }

        func floorShortfall(_ group: Int) -> Double { canonical.floorAmount(group) - floorMoney[group] }

        func fits(_ item: Int, fraction: Double) -> Bool {
            guard canonical.eligible[item], fractions[item] == 0 else { return false }
            let money = fraction * canonical.items[item].requested
            let cap = canonical.maxPerApplicant ?? .infinity
            return spent + money <= canonical.budget + Tolerance.absolute(canonical.budget)
                && perApplicant[canonical.applicantOf[item]] + money <= cap + Tolerance.absolute(cap)
        }

        /// The largest award fraction that still fits, if at least the minimum does.
        func largestFit(_ item: Int) -> Double? {
            guard canonical.eligible[item], fractions[item] == 0 else { return nil }
            let requested = canonical.items[item].requested
            let cap = canonical.maxPerApplicant ?? .infinity
            let room = min(canonical.budget - spent, cap - perApplicant[canonical.applicantOf[item]])
            let fraction = min(1, room / requested)
            return fraction >= canonical.minimumFraction[item] - Tolerance.relative ? max(fraction, canonical.minimumFraction[item]) : nil
        }

        mutating func fund(_ item: Int, fraction: Double) {
            guard fits(item, fraction: fraction) else { return }
            let money = fraction * canonical.items[item].requested
            fractions[item] = fraction
            spent += money
            perApplicant[canonical.applicantOf[item]] += money
            for group in canonical.floorGroups.indices { floorMoney[group] += canonical.groupShares[item][group] * money }
            for ric in canonical.reaches[item] { reached[ric] = true }
        }
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for an array partitioned so that those come last.
    fileprivate func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
