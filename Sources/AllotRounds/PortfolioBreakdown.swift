import AllotCore
import AllotPortfolio

/// The recommended money by learner group and by RIC, each award apportioned by the project's hours.
enum PortfolioBreakdown {
    /// By group: shares of projected hours, the rule the group floors count by.
    static func byGroup(proposals: [Proposal], portfolio: PortfolioResult, budget: Double, floors: [String: Double]) -> [MoneyLine] {
        var amount = [Double](repeating: 0, count: Taxonomy.learnerGroup.count)
        var projects = [Int](repeating: 0, count: Taxonomy.learnerGroup.count)
        for p in proposals {
            guard let award = portfolio.award(for: p.id), award.recommended, award.award > 0 else { continue }
            let total = p.projectedHours.reduce(0) { $0 + $1.hours }
            guard total > 0 else { continue }
            var seen = Set<Int>()
            for (g, h) in p.projectedHours where h > 0 {
                amount[g] += award.award * h / total
                if seen.insert(g).inserted { projects[g] += 1 }
            }
        }
        return amount.indices.compactMap { g in
            let code = Taxonomy.learnerGroup.code(at: g)
            let floor = floors[code].map { Rounding.round($0 * budget, places: 2) }
            guard amount[g] > 0 || floor != nil else { return nil }
            return MoneyLine(key: code, name: Taxonomy.learnerGroup.label(at: g), amount: Rounding.round(amount[g], places: 2),
                             share: Rounding.round(portfolio.allocated > 0 ? amount[g] / portfolio.allocated : 0), projects: projects[g], floor: floor)
        }
    }

    /// By RIC: shares of the hours the scorer placed in each council (national and online work is spread).
    static func byRIC(proposals: [Proposal], portfolio: PortfolioResult, practitioners: [[Double]]) -> [MoneyLine] {
        var amount = [Double](repeating: 0, count: Geography.rics.count)
        var projects = [Int](repeating: 0, count: Geography.rics.count)
        for p in proposals {
            guard let award = portfolio.award(for: p.id), award.recommended, award.award > 0 else { continue }
            let reach = ProposalReach(p, practitioners: practitioners)
            guard reach.totalHours > 0 else { continue }
            var seen = Set<Int>()
            for (_, council, hours) in reach.cells where hours > 0 {
                let ric = Geography.ricOfCouncil[council]
                amount[ric] += award.award * hours / reach.totalHours
                seen.insert(ric)
            }
            for ric in p.ricsReached { if let r = Geography.ricIndex(ric) { seen.insert(r) } }
            for r in seen { projects[r] += 1 }
        }
        return Geography.rics.indices.map { r in
            MoneyLine(key: Geography.rics[r], name: Geography.ricNames[Geography.rics[r]] ?? Geography.rics[r],
                      amount: Rounding.round(amount[r], places: 2),
                      share: Rounding.round(portfolio.allocated > 0 ? amount[r] / portfolio.allocated : 0), projects: projects[r], floor: nil)
        }
    }
}
