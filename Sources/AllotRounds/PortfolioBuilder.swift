import AllotCore
import AllotPortfolio

/// Turns a scored round into the optimiser's problem: each proposal's hours per cell (as the scorer
/// placed them), each cell's gap and need weight, the panel's quality factor, and the round's constraints.
public enum PortfolioBuilder {
    /// The optimiser's key of a learner group x council cell.
    public static func cellKey(group: Int, council: Int) -> String {
        "\(Taxonomy.learnerGroup.code(at: group))|\(Geography.councils[council].gssCode)"
    }

    /// The portfolio problem of a scored round. Applicants are matched by `ApplicantKey`: the cap holds over every
    /// spelling of one applicant.
    public static func problem(proposals: [Proposal], gaps: GapModel, panel: [String: PanelResult], budget: Double,
                        constraints: RoundConstraints) -> PortfolioProblem {
        var cells: [String: PortfolioCell] = [:]
        var items: [PortfolioItem] = []
        // The optimiser sums a cap over equal strings, so every spelling of one applicant is given as its one display name.
        let applicants = ApplicantDirectory(proposals)
        for p in proposals {
            let reach = ProposalReach(p, practitioners: gaps.practitioners)
            var cellHours: [String: Double] = [:]
            for (g, c, h) in reach.cells {
                let key = cellKey(group: g, council: c)
                cellHours[key, default: 0] += h
                cells[key] = PortfolioCell(gap: gaps.gap[g][c], needWeight: gaps.needWeight[g][c])
            }
            var shares: [String: Double] = [:]
            let total = p.projectedHours.reduce(0) { $0 + $1.hours }
            for (g, h) in p.projectedHours where total > 0 { shares[Taxonomy.learnerGroup.code(at: g), default: 0] += h / total }
            items.append(PortfolioItem(id: p.id, applicant: applicants.displayName(of: p.applicant), requested: p.requested, minimum: p.minimum,
                                       quality: panel[p.id]?.qualityFactor ?? 1, cellHours: cellHours, groupShares: shares,
                                       rics: p.ricsReached))
        }
        return PortfolioProblem(budget: budget, items: items, cells: cells, constraints: PortfolioConstraints(
            groupFloors: constraints.groupFloors, reachEveryRIC: constraints.reachEveryRIC, rics: Geography.rics,
            maxPerApplicant: constraints.maxPerApplicant, allowPartial: true))
    }
}
