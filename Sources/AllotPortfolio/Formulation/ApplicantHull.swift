/// One capped applicant's awards modelled by the sets of its proposals that can be funded together.
///
/// A single cap row (sum of awards <= cap) lets the LP relaxation fund slivers of every proposal of an applicant, far
/// below their minimum awards, and fill the cap with money no real portfolio can spend there: on a 300-proposal round
/// the relaxation sat 0.65% above the optimum with the caps and 0.10% without them, and that gap is what the branch and
/// bound of every robustness sample had to close. Here each feasible funded set S gets a weight z_S, each proposal in S
/// its own award fraction g_iS in [m_i z_S, z_S], and S's awards fit the cap: the convex hull of the applicant's
/// portfolios (Balas's disjunctive formulation), so the relaxation loses nothing to the cap. Sets whose full requests
/// fit under the cap share one award column per proposal (their intervals [m_i z_S, z_S] add up to [m_i Z, Z], Z the
/// sum of their weights), and the hull implies f_i in [m_i x_i, x_i], so the formulation leaves those two rows out: the
/// same relaxation in fewer rows (300 proposals: 1,121 rows instead of 1,695).
enum ApplicantHull {
    /// Most proposals of one applicant modelled this way (2^n - 1 funded sets); above it the cap stays one row.
    static let maximumProposals = 6

    /// One of the applicant's proposals: its x and f columns (the same column for all-or-nothing awards), its request in
    /// model units and its smallest award as a fraction of the request.
    struct Member {
        let x: Int
        let f: Int
        let money: Double
        let minimumFraction: Double
    }

    /// Adds the sets' columns and rows tying them to each member's x and f; `cap` is in model units.
    static func add(to model: inout LinearModel, cap: Double, members: [Member]) {
        let choose = model.addRow(lower: -.infinity, upper: 1)  // sum of z_S <= 1 (the empty set takes the rest)
        let linkX = members.map { _ in model.addRow(lower: 0, upper: 0) }  // x_i - sum over S containing i of z_S = 0
        let linkF = members.map { $0.f == $0.x ? nil : model.addRow(lower: 0, upper: 0) }  // f_i - sum of g_iS = 0
        for (index, member) in members.enumerated() {
            model.add(row: linkX[index], column: member.x, value: 1)
            if let row = linkF[index] { model.add(row: row, column: member.f, value: 1) }
        }
        // Per member, the award column shared by the sets that fit whole, with its rows h - Z <= 0 and h - m Z >= 0.
        var shared = [(h: Int, below: Int, above: Int)?](repeating: nil, count: members.count)
        func sharedAward(_ index: Int, link: Int) -> (h: Int, below: Int, above: Int) {
            if let existing = shared[index] { return existing }
            let h = model.addColumn(lower: 0, upper: 1)
            model.add(row: link, column: h, value: -1)
            let below = model.addRow(lower: -.infinity, upper: 0)
            model.add(row: below, column: h, value: 1)
            let above = model.addRow(lower: 0, upper: .infinity)
            model.add(row: above, column: h, value: 1)
            shared[index] = (h, below, above)
            return (h, below, above)
        }
        for set in 1..<(1 << members.count) {
            let inSet = members.indices.filter { set & (1 << $0) != 0 }
            let smallest = inSet.reduce(0) { $0 + members[$1].money * members[$1].minimumFraction }
            guard smallest <= cap * (1 + Tolerance.relative) else { continue }
            let z = model.addColumn(lower: 0, upper: 1)
            model.add(row: choose, column: z, value: 1)
            let largest = inSet.reduce(0) { $0 + members[$1].money }
            let capRow = largest > cap * (1 + Tolerance.relative) ? model.addRow(lower: -.infinity, upper: 0) : nil
            if let capRow { model.add(row: capRow, column: z, value: -cap) }
            for index in inSet {
                let member = members[index]
                model.add(row: linkX[index], column: z, value: -1)
                guard let row = linkF[index] else {
                    if let capRow { model.add(row: capRow, column: z, value: member.money) }
                    continue
                }
                guard let capRow else {
                    let award = sharedAward(index, link: row)
                    model.add(row: award.below, column: z, value: -1)
                    model.add(row: award.above, column: z, value: -member.minimumFraction)
                    continue
                }
                let g = model.addColumn(lower: 0, upper: 1)
                model.add(row: row, column: g, value: -1)
                let belowSet = model.addRow(lower: -.infinity, upper: 0)  // g - z <= 0
                model.add(row: belowSet, column: g, value: 1)
                model.add(row: belowSet, column: z, value: -1)
                let aboveMinimum = model.addRow(lower: 0, upper: .infinity)  // g - m z >= 0
                model.add(row: aboveMinimum, column: g, value: 1)
                model.add(row: aboveMinimum, column: z, value: -member.minimumFraction)
                model.add(row: capRow, column: g, value: member.money)
            }
        }
    }
}
