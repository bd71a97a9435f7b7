/// Finds which of the round's constraints cannot be met, by name and by how much.
///
/// Budget, minimum awards and applicant caps always hold (funding nothing meets them), so only floors and RIC reach can
/// make a round infeasible. Cheap structural checks run before solving; after CBC proves a round infeasible, each floor
/// is tried alone, and if every one is achievable alone a deletion filter finds a smallest set that fails together.
struct InfeasibilityDiagnosis: Sendable {
    let canonical: CanonicalProblem
    let options: PortfolioSolverOptions

    /// A floor or a RIC, by index into the canonical problem.
    private enum Member: Hashable {
        case floor(Int)
        case ric(Int)
    }

    /// Conflicts visible without solving: floors over 100% of the budget, RICs no fundable proposal reaches.
    func structuralConflicts() -> [InfeasibleConstraint] {
        var conflicts: [InfeasibleConstraint] = []
        let totalShare = canonical.floorShares.reduce(0, +)
        if totalShare > 1 + Tolerance.relative {
            conflicts.append(
                InfeasibleConstraint(
                    name: ConstraintName.floorsTotal, required: totalShare * canonical.budget, achievable: canonical.budget,
                    conflictsWith: canonical.floorGroups.map(ConstraintName.floor),
                    explanation: "The group floors add up to \(percentText(totalShare)) of the budget; at most 100% can be awarded."))
        }
        for ric in canonical.rics.indices {
            let reachable = canonical.items.indices.contains { canonical.eligible[$0] && canonical.reaches[$0].contains(ric) }
            if !reachable {
                conflicts.append(
                    InfeasibleConstraint(
                        name: ConstraintName.ric(canonical.rics[ric]), required: 1, achievable: 0, conflictsWith: [],
                        explanation: "No proposal whose smallest award fits the budget and the applicant cap reaches \(canonical.rics[ric])."))
            }
        }
        return conflicts
    }

    /// The constraints that make a round CBC proved infeasible.
    func diagnose() -> [InfeasibleConstraint] {
        let alone = floorsFailingAlone()
        if !alone.isEmpty { return alone }
        var kept = canonical.floorGroups.indices.map(Member.floor) + canonical.rics.indices.map(Member.ric)
        for member in kept {
            let trial = kept.filter { $0 != member }
            if isFeasible(trial) == false { kept = trial }
        }
        return kept.map { member in describe(member, others: kept.filter { $0 != member }) }
    }

    private func floorsFailingAlone() -> [InfeasibleConstraint] {
        canonical.floorGroups.indices.compactMap { group -> InfeasibleConstraint? in
            let required = canonical.floorAmount(group)
            let achievable = maxGroupMoney(group, with: [], in: canonical)
            guard achievable < required - Tolerance.absolute(required) else { return nil }
            let name = canonical.floorGroups[group]
            var explanation = "At most \(poundsText(achievable)) of awards can count towards \(name) within the budget, "
                + "minimum awards and applicant caps; its floor of \(percentText(canonical.floorShares[group])) needs \(poundsText(required))."
            var conflicts: [String] = []
            if let cap = canonical.maxPerApplicant {
                var uncappedProblem = canonical.problem
                uncappedProblem.constraints.maxPerApplicant = nil
                let uncapped = maxGroupMoney(group, with: [], in: CanonicalProblem(uncappedProblem))
                if uncapped >= required - Tolerance.absolute(required) {
                    conflicts = [ConstraintName.applicantCaps]
                    explanation += " Without the cap of \(poundsText(cap)) per applicant it could reach \(poundsText(uncapped))."
                }
            }
            return InfeasibleConstraint(
                name: ConstraintName.floor(name), required: required, achievable: achievable, conflictsWith: conflicts,
                explanation: explanation)
        }
    }

    private func describe(_ member: Member, others: [Member]) -> InfeasibleConstraint {
        let otherNames = others.map(name)
        let context = otherNames.isEmpty ? "" : "While \(otherNames.joined(separator: ", ")) also hold, "
        switch member {
        case .floor(let group):
            let required = canonical.floorAmount(group)
            let achievable = maxGroupMoney(group, with: others, in: canonical)
            let lead = context.isEmpty ? "At most" : context + "at most"
            return InfeasibleConstraint(
                name: name(member), required: required, achievable: achievable, conflictsWith: otherNames,
                explanation: "\(lead) \(poundsText(achievable)) can count towards \(canonical.floorGroups[group]); "
                    + "its floor needs \(poundsText(required)).")
        case .ric(let ric):
            return InfeasibleConstraint(
                name: name(member), required: 1, achievable: 0, conflictsWith: otherNames,
                explanation: "\(context.isEmpty ? "N" : context + "n")o funded project can reach \(canonical.rics[ric]).")
        }
    }

    private func name(_ member: Member) -> String {
        switch member {
        case .floor(let group): ConstraintName.floor(canonical.floorGroups[group])
        case .ric(let ric): ConstraintName.ric(canonical.rics[ric])
        }
    }

    private func scope(_ members: [Member], objective: FormulationObjective) -> FormulationScope {
        var scope = FormulationScope(floors: [], rics: [], objective: objective)
        for member in members {
            switch member {
            case .floor(let group): scope.floors.append(group)
            case .ric(let ric): scope.rics.append(ric)
            }
        }
        return scope
    }

    /// Most money that can count towards `group` while `others` hold; an upper bound if CBC stops early.
    private func maxGroupMoney(_ group: Int, with others: [Member], in problem: CanonicalProblem) -> Double {
        let formulation = PortfolioFormulation(problem, scope: scope(others, objective: .groupMoney(group)))
        guard formulation.model.columnCount > 0 else { return 0 }
        let outcome = CbcModel(formulation.model).solve(timeLimit: options.timeLimitSeconds, options: options)
        if outcome.provenInfeasible { return 0 }
        let best = outcome.provenOptimal ? outcome.objective : outcome.bestBound
        return best / PortfolioFormulation.moneyScale
    }

    /// true / false when CBC decides, nil when it stops first.
    private func isFeasible(_ members: [Member]) -> Bool? {
        let formulation = PortfolioFormulation(canonical, scope: scope(members, objective: .none))
        guard formulation.model.columnCount > 0 else { return members.isEmpty }
        let outcome = CbcModel(formulation.model).solve(timeLimit: options.timeLimitSeconds, options: options)
        if outcome.solution != nil { return true }
        return outcome.provenInfeasible ? false : nil
    }
}

/// A share as a percentage, e.g. `10%` or `12.5%`.
func percentText(_ share: Double) -> String {
    let tenths = (share * 1000).rounded()
    let whole = Int(tenths / 10)
    let remainder = Int(tenths) % 10
    return remainder == 0 ? "\(whole)%" : "\(whole).\(abs(remainder))%"
}
