import AllotCore
import AllotPortfolio

/// Seeded random rounds small enough for brute force: 5 to 8 proposals over 3 to 5 cells, in whole pounds and hours.
struct SmallRoundGenerator {
    static let groups = ["asn", "primary", "technician"]
    static let rics = ["north", "south", "west"]

    /// A round for `seed`; `constrained` adds floors, RIC reach and an applicant cap, `partial` allows partial awards.
    static func round(seed: UInt64, constrained: Bool, partial: Bool) -> PortfolioProblem {
        var random = SeededRandom(seed: seed)
        let cellCount = 3 + Int(random.next() % 3)
        var cells: [String: PortfolioCell] = [:]
        for index in 0..<cellCount {
            cells["cell\(index)"] = PortfolioCell(gap: Double(10 + random.next() % 51), needWeight: hundredths(&random, from: 20, to: 100))
        }
        let items = (0..<(5 + Int(random.next() % 4))).map { index in item(index, cellCount: cellCount, partial: partial, &random) }
        let totalRequested = items.reduce(0) { $0 + $1.requested }
        let budget = (totalRequested * hundredths(&random, from: 30, to: 60)).rounded()
        guard constrained else {
            return PortfolioProblem(budget: budget, items: items, cells: cells, constraints: PortfolioConstraints(allowPartial: partial))
        }
        let constraints = PortfolioConstraints(
            groupFloors: ["asn": hundredths(&random, from: 5, to: 25), "technician": hundredths(&random, from: 5, to: 15)],
            reachEveryRIC: true, rics: rics,
            maxPerApplicant: (budget * hundredths(&random, from: 30, to: 60)).rounded(),
            allowPartial: partial)
        return PortfolioProblem(budget: budget, items: items, cells: cells, constraints: constraints)
    }

    private static func item(_ index: Int, cellCount: Int, partial: Bool, _ random: inout SeededRandom) -> PortfolioItem {
        let requested = Double(10 + random.next() % 51)
        let minimum = partial && random.next() % 10 < 6 ? (requested * hundredths(&random, from: 40, to: 90)).rounded() : nil
        var hours: [String: Double] = [:]
        for _ in 0..<(1 + Int(random.next() % 3)) {
            hours["cell\(random.next() % UInt64(cellCount))"] = Double(5 + random.next() % 36)
        }
        let first = groups[Int(random.next() % 3)]
        let second = groups[Int(random.next() % 3)]
        let split = hundredths(&random, from: 30, to: 100)
        var shares = [first: split]
        shares[second, default: 0] += 1 - split
        let reachesAll = random.next() % 100 < 15
        return PortfolioItem(
            id: "P\(index)", applicant: "A\(random.next() % 3)", requested: requested, minimum: minimum,
            quality: hundredths(&random, from: 50, to: 150), cellHours: hours, groupShares: shares,
            rics: reachesAll ? Set(rics) : [rics[Int(random.next() % 3)]])
    }

    /// A random multiple of 0.01 in [from/100, to/100].
    private static func hundredths(_ random: inout SeededRandom, from: UInt64, to: UInt64) -> Double {
        Double(from + random.next() % (to - from + 1)) / 100
    }
}
