/// One piece of a cell's value envelope: the bound v_c <= w_c (t gap_c + sum over proposals with quality q_i > t of
/// (q_i - t) h_ic f_i) at quality threshold t.
struct EnvelopePiece: Sendable, Hashable, Comparable {
    let cell: Int
    let threshold: Double

    static func < (lhs: EnvelopePiece, rhs: EnvelopePiece) -> Bool {
        lhs.cell != rhs.cell ? lhs.cell < rhs.cell : lhs.threshold < rhs.threshold
    }
}

/// The value of each cell as a function of the award fractions, and the pieces that bound it.
///
/// Within a cell the gap goes to the best-quality hours first, so the cell's value w (sum of q_i y_i) is the concave
/// function min over thresholds t of w (t gap + sum (q_i - t)^+ h_i f_i) (LP duality on the cell's own small LP; the
/// minimum is reached at t = the quality of the project that the gap runs out on, or t = 0 when it does not run out).
/// The solver keeps only the pieces it needs: it adds the tight piece wherever a solution overstates a cell's value.
struct CellEnvelope: Sendable {
    /// Per cell, (proposal, hours) for every proposal delivering there, best quality first, ties by canonical index.
    let members: [[(item: Int, hours: Double)]]
    private let qualities: [Double]
    private let cells: [PortfolioCell]

    init(_ canonical: CanonicalProblem) {
        var members = [[(item: Int, hours: Double)]](repeating: [], count: canonical.cells.count)
        for item in canonical.items.indices {
            for delivery in canonical.deliveries[item] { members[delivery.cell].append((item, delivery.hours)) }
        }
        let qualities = canonical.items.map(\.quality)
        self.members = members.map { list in
            list.sorted { qualities[$0.item] != qualities[$1.item] ? qualities[$0.item] > qualities[$1.item] : $0.item < $1.item }
        }
        self.qualities = qualities
        cells = canonical.cells
    }

    /// The threshold whose piece is tight at `fractions`: the quality where the gap runs out, or 0 if it does not.
    func tightThreshold(cell: Int, fractions: [Double]) -> Double {
        var remaining = cells[cell].gap
        for member in members[cell] where fractions[member.item] > 0 {
            remaining -= member.hours * fractions[member.item]
            if remaining <= 0 { return qualities[member.item] }
        }
        return 0
    }

    /// The piece at `threshold` evaluated at `fractions`.
    func pieceValue(cell: Int, threshold: Double, fractions: [Double]) -> Double {
        var total = threshold * cells[cell].gap
        for member in members[cell] {
            let excess = qualities[member.item] - threshold
            if excess <= 0 { break }  // members are sorted by quality, so no later one is above the threshold
            total += excess * member.hours * fractions[member.item]
        }
        return total * cells[cell].needWeight
    }

    /// The cell's true value at `fractions`.
    func value(cell: Int, fractions: [Double]) -> Double {
        pieceValue(cell: cell, threshold: tightThreshold(cell: cell, fractions: fractions), fractions: fractions)
    }

    /// Tight pieces for every cell in `cells` whose modelled value exceeds its true value at `fractions`.
    func violatedPieces(modelled: [(cell: Int, value: Double)], fractions: [Double]) -> [EnvelopePiece] {
        modelled.compactMap { entry in
            let truth = value(cell: entry.cell, fractions: fractions)
            guard entry.value > truth + Tolerance.absolute(truth) else { return nil }
            return EnvelopePiece(cell: entry.cell, threshold: tightThreshold(cell: entry.cell, fractions: fractions))
        }
    }
}
