/// Where a proposal's projected hours land: its participants per group spread over the named
/// councils (a RIC's councils, all 32 for `national` or online) in proportion to practitioners.
public struct ProposalReach: Sendable {
    /// (group, council, hours), sorted by group then council.
    public let cells: [(group: Int, council: Int, hours: Double)]
    public let totalHours: Double

    public init(_ p: Proposal, practitioners: [[Double]]) {
        var councils = Set<Int>()
        if p.online || p.areas.contains(.national) {
            councils = Set(Geography.councils.indices)
        } else {
            for area in p.areas { councils.formUnion(area.councils) }
        }
        let ordered = councils.sorted()
        var cells: [(Int, Int, Double)] = []
        for (g, hours) in p.projectedHours.sorted(by: { $0.group < $1.group }) where hours > 0 {
            let weights = ordered.map { practitioners[g][$0] }
            let total = weights.reduce(0, +)
            for (i, c) in ordered.enumerated() {
                let share = total > 0 ? weights[i] / total : 1 / Double(ordered.count)
                if share > 0 { cells.append((g, c, hours * share)) }
            }
        }
        self.cells = cells
        totalHours = cells.reduce(0) { $0 + $1.2 }
    }
}
