import AllotCore

/// A seeded, realistic-looking round for benchmarks and tests: 9 learner groups x 32 council areas, RICs as in
/// shared/spec/survey-csv.md, every constraint on (10% floors for ASN and technicians, every RIC reached, £60,000 per
/// applicant, partial awards). The budget is a quarter of what is requested.
public enum SyntheticRound {
    /// The nine learner groups (sector codes of shared/spec/survey-csv.md).
    public static let groups = [
        "elc", "primary", "secondary", "asn", "all-through", "technician", "classroom-assistant", "college", "cld",
    ]

    /// The cell key for a group in a council area, e.g. `asn|Highland`.
    public static func cellKey(group: String, council: String) -> String { "\(group)|\(council)" }

    /// A round of `proposals` proposals drawn from `seed`. The cells' gaps follow need (workforce x group size, +-50%),
    /// not the offers, and add up to `gapRatio` times the hours the budget buys: cells that many proposals target fill
    /// up, most others do not. Lower ratios make far more cells saturate and the round much harder to prove optimal.
    public static func make(proposals: Int, seed: UInt64, gapRatio: Double = 4) -> PortfolioProblem {
        var random = SeededRandom(seed: seed)
        let councils = Geography.councils
        // Relative workforce per council area: participants and need spread in proportion to it.
        let workforce = councils.map { _ in 0.3 + 2.7 * random.unit() }
        let groupSize = groups.map { _ in 0.4 + 1.6 * random.unit() }
        let items = (0..<proposals).map { index in
            proposal(index, applicants: max(1, proposals / 3), workforce: workforce, &random)
        }
        let requested = items.reduce(0) { $0 + $1.requested }
        let budget = (requested / 4).rounded()
        let offeredHours = items.reduce(0) { $0 + $1.cellHours.values.reduce(0, +) }
        var need: [(key: String, need: Double, weight: Double)] = []
        for (g, group) in groups.enumerated() {
            for (c, council) in councils.enumerated() {
                need.append((
                    cellKey(group: group, council: council.name), groupSize[g] * workforce[c] * (0.5 + random.unit()),
                    ((0.1 + 0.9 * random.unit()) * 100).rounded() / 100))
            }
        }
        let totalNeed = need.reduce(0) { $0 + $1.need }
        let totalGap = gapRatio * offeredHours * budget / max(requested, 1)
        var cells: [String: PortfolioCell] = [:]
        for entry in need {
            cells[entry.key] = PortfolioCell(gap: (totalGap * entry.need / totalNeed).rounded(), needWeight: entry.weight)
        }
        let constraints = PortfolioConstraints(
            groupFloors: ["asn": 0.10, "technician": 0.10], reachEveryRIC: true, rics: Geography.rics,
            maxPerApplicant: 60_000, allowPartial: true)
        return PortfolioProblem(budget: budget, items: items, cells: cells, constraints: constraints)
    }

    private static func proposal(_ index: Int, applicants: Int, workforce: [Double], _ random: inout SeededRandom) -> PortfolioItem {
        let councils = Geography.councils
        let kind = random.unit()
        var areas: [Int]
        if kind < 0.6 {
            areas = Array(Set((0..<(1 + Int(random.next() % 3))).map { _ in Int(random.next() % UInt64(councils.count)) }))
        } else if kind < 0.85 {
            let ric = Geography.rics[Int(random.next() % UInt64(Geography.rics.count))]
            areas = councils.indices.filter { councils[$0].ric == ric }
        } else {
            areas = Array(councils.indices)  // national or online
        }
        areas.sort()
        let areaWeight = areas.reduce(0) { $0 + workforce[$1] }
        var cellHours: [String: Double] = [:]
        var groupHours: [String: Double] = [:]
        let chosen = Set((0..<(1 + Int(random.next() % 3))).map { _ in groups[Int(random.next() % UInt64(groups.count))] })
        for group in chosen.sorted() {
            let hours = Double(10 + random.next() % 140) * Double(3 + random.next() % 10)
            groupHours[group] = hours
            for area in areas {
                let share = hours * workforce[area] / areaWeight
                cellHours[cellKey(group: group, council: councils[area].name), default: 0] += (share * 10).rounded() / 10
            }
        }
        let totalHours = groupHours.values.reduce(0, +)
        let poundsPerHour = 8 + 17 * random.unit()
        let requested = min(80_000, max(3_000, (totalHours * poundsPerHour / 100).rounded() * 100))
        let minimum = random.unit() < 0.5 ? ((requested * (0.6 + 0.3 * random.unit())) / 100).rounded() * 100 : nil
        let quality = min(1.5, max(0.5, 1 + 0.15 * random.gaussian()))
        return PortfolioItem(
            id: "S-\(String(index + 1).leftPadded(to: 5))",
            applicant: "Applicant \(random.next() % UInt64(applicants) + 1)",
            requested: requested, minimum: minimum, quality: (quality * 100).rounded() / 100, cellHours: cellHours,
            groupShares: groupHours.mapValues { $0 / totalHours },
            rics: Set(areas.map { councils[$0].ric }))
    }
}

extension String {
    /// The string padded with leading zeros to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
