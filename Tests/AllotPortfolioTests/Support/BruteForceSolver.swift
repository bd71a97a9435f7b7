import AllotPortfolio

/// The test oracle: tries every subset of proposals as the funded set.
///
/// For each subset that reaches every RIC it solves the rest exactly as a small LP (award fractions between each
/// minimum and 1 — fixed at 1 when awards are all or nothing — and value-bearing hours capped by each cell's gap) with
/// `DenseSimplex`. It reads the problem's public fields only and shares no code with the solver it checks.
struct BruteForceSolver {
    /// The best total value, or nil when no subset meets the constraints.
    static func bestValue(_ problem: PortfolioProblem) -> Double? {
        let items = problem.items
        precondition(items.count <= 12, "brute force is for small rounds")
        var best: Double?
        for mask in 0..<(1 << items.count) {
            let funded = items.indices.filter { mask & (1 << $0) != 0 }
            guard reachesEveryRIC(funded.map { items[$0] }, problem.constraints) else { continue }
            if let value = subsetValue(funded.map { items[$0] }, problem) { best = max(best ?? value, value) }
        }
        return best
    }

    private static func reachesEveryRIC(_ funded: [PortfolioItem], _ constraints: PortfolioConstraints) -> Bool {
        guard constraints.reachEveryRIC else { return true }
        return constraints.rics.allSatisfy { ric in funded.contains { $0.rics.contains(ric) } }
    }

    /// Variables: one award fraction per funded proposal, then one hours variable per (proposal, cell).
    private static func subsetValue(_ funded: [PortfolioItem], _ problem: PortfolioProblem) -> Double? {
        let pairs = funded.indices.flatMap { index in funded[index].cellHours.keys.sorted().map { (index, $0) } }
        var lp = DenseSimplex(variableCount: funded.count + pairs.count)
        let constraints = problem.constraints
        for (index, item) in funded.enumerated() {
            let smallest = constraints.allowPartial ? (item.minimum ?? item.requested) / item.requested : 1
            lp.add([index: 1], .atMost, 1)
            lp.add([index: 1], .atLeast, smallest)
        }
        lp.add(moneyRow(funded) { _ in 1 }, .atMost, problem.budget)
        for (group, floor) in constraints.groupFloors {
            lp.add(moneyRow(funded) { $0.groupShares[group] ?? 0 }, .atLeast, floor * problem.budget)
        }
        if let cap = constraints.maxPerApplicant {
            for applicant in Set(funded.map(\.applicant)) {
                lp.add(moneyRow(funded) { $0.applicant == applicant ? 1 : 0 }, .atMost, cap)
            }
        }
        var cellRows: [String: [Int: Double]] = [:]
        for (offset, (index, key)) in pairs.enumerated() {
            let variable = funded.count + offset
            let hours = funded[index].cellHours[key] ?? 0
            lp.add([variable: 1, index: -hours], .atMost, 0)
            cellRows[key, default: [:]][variable] = 1
            let cell = problem.cells[key] ?? PortfolioCell(gap: 0, needWeight: 0)
            lp.objective[variable] = funded[index].quality * cell.needWeight
        }
        for (key, row) in cellRows { lp.add(row, .atMost, problem.cells[key]?.gap ?? 0) }
        return lp.maximum()
    }

    private static func moneyRow(_ funded: [PortfolioItem], weight: (PortfolioItem) -> Double) -> [Int: Double] {
        var row: [Int: Double] = [:]
        for (index, item) in funded.enumerated() where weight(item) != 0 { row[index] = weight(item) * item.requested }
        return row
    }
}
