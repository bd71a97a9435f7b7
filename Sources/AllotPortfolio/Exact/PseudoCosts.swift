/// Branching estimates for the exact re-solve: per proposal, how far the LP bound falls per unit its x is moved up (to
/// 1) or down (to 0), measured once by strong branching (solving both children's LPs). Those measured on the base round
/// seed every re-solve, so that a sample measures only the proposals the base round did not.
///
/// The proposal to branch on is the one whose two children would both lose the most bound (the product rule), so the
/// best-first search proves a sample in tens of nodes where branching on the most fractional proposal took thousands
/// (300 proposals: 31-97 nodes against 113-1,441, docs/portfolio.md).
struct PseudoCosts {
    private var up: [Int: Double] = [:]
    private var down: [Int: Double] = [:]
    private var upTotal = 0.0
    private var downTotal = 0.0

    /// Whether both directions of `proposal` have been measured.
    func isKnown(_ proposal: Int) -> Bool { up[proposal] != nil && down[proposal] != nil }

    /// Records that moving `proposal` by `distance` towards 1 (`towardsOne`) or 0 lowered the bound by `fall`.
    mutating func record(_ proposal: Int, towardsOne: Bool, fall: Double, distance: Double) {
        let perUnit = max(0, fall) / max(distance, 1e-6)
        if towardsOne {
            guard up[proposal] == nil else { return }
            up[proposal] = perUnit
            upTotal += perUnit
        } else {
            guard down[proposal] == nil else { return }
            down[proposal] = perUnit
            downTotal += perUnit
        }
    }

    /// Adds `other`'s measurements of directions not measured here (those here stand), so that estimates learnt by
    /// several searches combine the same way whatever order they finished in, given the order of merging.
    mutating func merge(_ other: PseudoCosts) {
        for (proposal, value) in other.up.sorted(by: { $0.key < $1.key }) where up[proposal] == nil {
            up[proposal] = value
            upTotal += value
        }
        for (proposal, value) in other.down.sorted(by: { $0.key < $1.key }) where down[proposal] == nil {
            down[proposal] = value
            downTotal += value
        }
    }

    /// The product of the two children's estimated falls for `proposal` at LP value `fraction`; proposals not yet
    /// measured use the average of those that are.
    func score(_ proposal: Int, fraction: Double) -> Double {
        let upCost = up[proposal] ?? (up.isEmpty ? 1 : upTotal / Double(up.count))
        let downCost = down[proposal] ?? (down.isEmpty ? 1 : downTotal / Double(down.count))
        return max(1e-6, downCost * fraction) * max(1e-6, upCost * (1 - fraction))
    }
}
