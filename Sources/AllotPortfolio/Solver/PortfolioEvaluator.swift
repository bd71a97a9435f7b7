/// Value and constraints of one set of awards.
struct PortfolioEvaluation: Sendable {
    /// Per proposal (canonical order), the value its award adds.
    let contributions: [Double]
    let totalValue: Double
    let allocated: Double
    let constraints: [ConstraintReport]
}

/// Scores awards exactly as the model does, and attributes value canonically.
///
/// Within a cell the gap is filled by funded projects in order of quality (highest first, ties by id); each project is
/// credited the hours it fills. For fixed awards this fill is the optimum of the model's y variables, so the total is the
/// model's objective, but unlike CBC's y values it does not depend on which of several optimal y the LP returned.
struct PortfolioEvaluator: Sendable {
    let canonical: CanonicalProblem

    /// Evaluates award fractions (0 = unfunded, else between the proposal's minimum fraction and 1).
    func evaluate(_ fractions: [Double]) -> PortfolioEvaluation {
        let contributions = contributionsByFill(fractions)
        let money = canonical.items.indices.map { fractions[$0] * canonical.items[$0].requested }
        return PortfolioEvaluation(
            contributions: contributions,
            totalValue: contributions.reduce(0, +),
            allocated: money.reduce(0, +),
            constraints: reports(fractions, money: money))
    }

    /// What each proposal adds funded in full on its own.
    func standaloneValues() -> [Double] {
        canonical.items.indices.map { item in
            canonical.deliveries[item].reduce(0) { total, delivery in
                let cell = canonical.cells[delivery.cell]
                return total + min(delivery.hours, cell.gap) * cell.needWeight * canonical.items[item].quality
            }
        }
    }

    /// Withdraws awards that add no value and that no floor or RIC needs (highest id first), so that spare money is not
    /// spent on projects whose cells better projects already fill. The total value does not change.
    func withoutIdleAwards(_ fractions: [Double]) -> [Double] {
        let evaluation = evaluate(fractions)
        let idle = 1e-9 * max(1, evaluation.totalValue)
        var fractions = fractions
        var floorMoney = canonical.floorGroups.indices.map { group in
            canonical.items.indices.reduce(0) { $0 + canonical.groupShares[$1][group] * fractions[$1] * canonical.items[$1].requested }
        }
        var reachCount = canonical.rics.indices.map { ric in
            canonical.items.indices.filter { fractions[$0] > 0 && canonical.reaches[$0].contains(ric) }.count
        }
        for item in canonical.items.indices.reversed() where fractions[item] > 0 && evaluation.contributions[item] <= idle {
            let money = fractions[item] * canonical.items[item].requested
            let floorsHold = canonical.floorGroups.indices.allSatisfy { group in
                let floor = canonical.floorAmount(group)
                return floorMoney[group] - canonical.groupShares[item][group] * money >= floor - Tolerance.absolute(floor)
            }
            let reachHolds = canonical.reaches[item].allSatisfy { reachCount[$0] > 1 }
            guard floorsHold && reachHolds else { continue }
            fractions[item] = 0
            for group in canonical.floorGroups.indices { floorMoney[group] -= canonical.groupShares[item][group] * money }
            for ric in canonical.reaches[item] { reachCount[ric] -= 1 }
        }
        return fractions
    }

    /// The public result for award fractions.
    func result(_ fractions: [Double], statistics: SolverStatistics) -> PortfolioResult {
        let evaluation = evaluate(fractions)
        let standalone = standaloneValues()
        let awards = canonical.items.indices.map { item in
            PortfolioAward(
                id: canonical.items[item].id,
                recommended: fractions[item] > 0,
                award: fractions[item] * canonical.items[item].requested,
                valueContributed: evaluation.contributions[item],
                standaloneValue: standalone[item])
        }
        return PortfolioResult(
            awards: awards, totalValue: evaluation.totalValue, allocated: evaluation.allocated,
            constraints: evaluation.constraints, statistics: statistics)
    }

    private func contributionsByFill(_ fractions: [Double]) -> [Double] {
        var byCell = [[(item: Int, hours: Double)]](repeating: [], count: canonical.cells.count)
        for item in canonical.items.indices where fractions[item] > 0 {
            for delivery in canonical.deliveries[item] {
                byCell[delivery.cell].append((item, delivery.hours * fractions[item]))
            }
        }
        var contributions = [Double](repeating: 0, count: canonical.items.count)
        for cell in byCell.indices where !byCell[cell].isEmpty {
            let ordered = byCell[cell].sorted { lhs, rhs in
                let (left, right) = (canonical.items[lhs.item].quality, canonical.items[rhs.item].quality)
                return left != right ? left > right : lhs.item < rhs.item
            }
            var remaining = canonical.cells[cell].gap
            for entry in ordered where remaining > 0 {
                let filled = min(entry.hours, remaining)
                remaining -= filled
                contributions[entry.item] += filled * canonical.cells[cell].needWeight * canonical.items[entry.item].quality
            }
        }
        return contributions
    }

    private func reports(_ fractions: [Double], money: [Double]) -> [ConstraintReport] {
        var reports = [report(ConstraintName.budget, .atMost, .pounds, required: canonical.budget, achieved: money.reduce(0, +))]
        for group in canonical.floorGroups.indices {
            let achieved = canonical.items.indices.reduce(0) { $0 + canonical.groupShares[$1][group] * money[$1] }
            reports.append(
                report(ConstraintName.floor(canonical.floorGroups[group]), .atLeast, .pounds, required: canonical.floorAmount(group), achieved: achieved))
        }
        for ric in canonical.rics.indices {
            let reached = canonical.items.indices.filter { fractions[$0] > 0 && canonical.reaches[$0].contains(ric) }.count
            reports.append(report(ConstraintName.ric(canonical.rics[ric]), .atLeast, .proposals, required: 1, achieved: Double(reached)))
        }
        if let cap = canonical.maxPerApplicant {
            var requested = [Double](repeating: 0, count: canonical.applicants.count)
            var awarded = requested
            for item in canonical.items.indices {
                requested[canonical.applicantOf[item]] += canonical.items[item].requested
                awarded[canonical.applicantOf[item]] += money[item]
            }
            // Only applicants asking for more than the cap in total can meet it; the others would be noise.
            for applicant in canonical.applicants.indices where requested[applicant] > cap {
                reports.append(report(ConstraintName.cap(canonical.applicants[applicant]), .atMost, .pounds, required: cap, achieved: awarded[applicant]))
            }
        }
        return reports
    }

    private func report(_ name: String, _ sense: ConstraintSense, _ unit: ConstraintUnit, required: Double, achieved: Double) -> ConstraintReport {
        let slack = Tolerance.absolute(required)
        let satisfied = sense == .atMost ? achieved <= required + slack : achieved >= required - slack
        return ConstraintReport(
            name: name, sense: sense, unit: unit, required: required, achieved: achieved, satisfied: satisfied,
            binding: abs(achieved - required) <= slack)
    }
}
