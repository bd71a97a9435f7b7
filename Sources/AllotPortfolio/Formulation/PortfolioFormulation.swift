/// What a model maximises.
enum FormulationObjective: Sendable, Hashable {
    /// Total value after diminishing returns (the portfolio problem).
    case value
    /// Money counted towards one floor group (index into `floorGroups`); used to say how much a floor can reach.
    case groupMoney(Int)
    /// Nothing: a pure feasibility question.
    case none
}

/// Which optional constraints a model includes, and its objective. Budget, minimum awards and applicant caps are always in.
struct FormulationScope: Sendable, Hashable {
    var floors: [Int]
    var rics: [Int]
    var objective: FormulationObjective

    /// Every constraint of the round, maximising value.
    static func full(_ canonical: CanonicalProblem) -> FormulationScope {
        FormulationScope(
            floors: Array(canonical.floorGroups.indices), rics: Array(canonical.rics.indices), objective: .value)
    }
}

/// How one capped applicant's cap is modelled.
enum CapModel: Sendable, Hashable {
    /// One row: the sum of the applicant's awards is at most the cap.
    case row(Int)
    /// The applicant's funded sets (`ApplicantHull`).
    case hull
}

/// The MILP of the portfolio problem (see docs/portfolio.md, "The formulation").
///
/// Per eligible proposal i: binary x_i (funded) and award fraction f_i in [m_i x_i, x_i] (f_i is x_i itself when no
/// partial award is possible). Cells whose total offered hours fit within their gap can never saturate: their value
/// goes straight onto f_i. Each other ("contended") cell c gets one value column v_c, bounded by the pieces of its
/// envelope (`CellEnvelope`): always the threshold-0 piece (no saturation), plus the pieces the solver has found it
/// needs. Money rows are in thousands of pounds to keep coefficients near 1.
struct PortfolioFormulation: Sendable {
    /// Pounds -> model units.
    static let moneyScale = 1e-3

    private(set) var model = LinearModel()
    /// Per proposal (canonical order), its x column; nil when it cannot be funded at all.
    private(set) var fundedColumn: [Int?]
    /// Per proposal, its award-fraction column (the x column when the award is all or nothing).
    private(set) var fractionColumn: [Int?]
    /// Per cell, its value column; nil for cells that cannot saturate (or when the objective is not value).
    private(set) var valueColumn: [Int?]
    let scope: FormulationScope

    /// The model for `scope`; `pieces` are envelope pieces beyond threshold 0, `relaxed` drops integrality (LP), and
    /// `fixed` (per proposal, when given) fixes x to funded (true) or not (false) where it is non-nil.
    init(
        _ canonical: CanonicalProblem, scope: FormulationScope, pieces: Set<EnvelopePiece> = [], relaxed: Bool = false,
        fixed: [Bool?]? = nil
    ) {
        self.scope = scope
        fundedColumn = Array(repeating: nil, count: canonical.items.count)
        fractionColumn = fundedColumn
        valueColumn = Array(repeating: nil, count: canonical.cells.count)
        let scale = Self.moneyScale
        let budgetRow = model.addRow(lower: -.infinity, upper: canonical.budget * scale)
        let floorRows = scope.floors.map { model.addRow(lower: canonical.floorAmount($0) * scale, upper: .infinity) }
        let ricRows = scope.rics.map { _ in model.addRow(lower: 1, upper: .infinity) }
        let ricRowOf = Dictionary(uniqueKeysWithValues: zip(scope.rics, ricRows))
        let capRows = addCapRows(canonical, hull: relaxed)
        let contended = scope.objective == .value ? contendedCells(canonical) : []
        for item in canonical.items.indices where canonical.eligible[item] {
            // The applicant's hull already keeps f within [m x, x].
            let inHull = if case .hull = capRows[canonical.applicantOf[item]] { true } else { false }
            let (x, f) = addAwardColumns(item, canonical, relaxed: relaxed, fixed: fixed?[item], linked: !inHull)
            let money = canonical.items[item].requested * scale
            model.add(row: budgetRow, column: f, value: money)
            for (row, group) in zip(floorRows, scope.floors) where canonical.groupShares[item][group] > 0 {
                model.add(row: row, column: f, value: canonical.groupShares[item][group] * money)
            }
            if case .row(let row) = capRows[canonical.applicantOf[item]] { model.add(row: row, column: f, value: money) }
            for ric in canonical.reaches[item] {
                if let row = ricRowOf[ric] { model.add(row: row, column: x, value: 1) }
            }
            switch scope.objective {
            case .value:
                let quality = canonical.items[item].quality
                for delivery in canonical.deliveries[item] where !contended[delivery.cell] {
                    model.objective[f] += quality * canonical.cells[delivery.cell].needWeight * delivery.hours
                }
            case .groupMoney(let group): model.objective[f] = canonical.groupShares[item][group] * money
            case .none: break
            }
        }
        addApplicantHulls(canonical, capped: capRows)
        if scope.objective == .value { addEnvelopes(canonical, contended: contended, pieces: pieces) }
    }

    /// Award fraction per proposal (0 when not funded) read from a solution vector, snapped onto its bounds.
    func awardFractions(from solution: [Double], _ canonical: CanonicalProblem) -> [Double] {
        canonical.items.indices.map { item in
            guard let x = fundedColumn[item], let f = fractionColumn[item], solution[x] > 0.5 else { return 0 }
            let smallest = canonical.minimumFraction[item]
            let fraction = min(1, max(smallest, solution[f]))
            // Snap solver noise onto the bounds so a full award reads as exactly the request.
            if fraction > 1 - Tolerance.relative { return 1 }
            if fraction < smallest + Tolerance.relative { return smallest }
            return fraction
        }
    }

    /// Raw award fractions (f values, 0 for proposals without columns), as the envelope pieces see them.
    func rawFractions(from solution: [Double], itemCount: Int) -> [Double] {
        (0..<itemCount).map { item in fractionColumn[item].map { max(0, solution[$0]) } ?? 0 }
    }

    /// x values per proposal (0 for proposals without columns): how much the LP wants each one funded.
    func fundedWeights(from solution: [Double], itemCount: Int) -> [Double] {
        (0..<itemCount).map { item in fundedColumn[item].map { max(0, solution[$0]) } ?? 0 }
    }

    /// The modelled value of each contended cell in a solution.
    func modelledCellValues(from solution: [Double]) -> [(cell: Int, value: Double)] {
        valueColumn.enumerated().compactMap { cell, column in column.map { (cell, solution[$0]) } }
    }

    /// A MIP start: x and f for each proposal from award fractions (CBC completes the value columns).
    func start(fractions: [Double]) -> (columns: [Int32], values: [Double]) {
        var columns: [Int32] = []
        var values: [Double] = []
        for item in fractions.indices {
            guard let x = fundedColumn[item], let f = fractionColumn[item] else { continue }
            columns.append(Int32(x))
            values.append(fractions[item] > 0 ? 1 : 0)
            if f != x {
                columns.append(Int32(f))
                values.append(fractions[item])
            }
        }
        return (columns, values)
    }

    /// Cap rows for applicants who ask for more than the cap in total; with `hull`, `.hull` marks those with few enough
    /// proposals to be modelled by their funded sets instead. Only relaxations use the sets: they are what tightens
    /// the LP, while CBC, whose own cuts handle the cap rows, took 3.6 times longer on the larger model (10,000
    /// proposals: 58,621 columns instead of 15,044) and 1.3 times longer per robustness sample at 300 proposals.
    private mutating func addCapRows(_ canonical: CanonicalProblem, hull: Bool) -> [CapModel?] {
        var models = [CapModel?](repeating: nil, count: canonical.applicants.count)
        guard let cap = canonical.maxPerApplicant else { return models }
        var offered = [Double](repeating: 0, count: canonical.applicants.count)
        var proposals = [Int](repeating: 0, count: canonical.applicants.count)
        for item in canonical.items.indices where canonical.eligible[item] {
            offered[canonical.applicantOf[item]] += canonical.items[item].requested
            proposals[canonical.applicantOf[item]] += 1
        }
        // Only applicants who ask for more than the cap in total can ever meet it.
        for applicant in offered.indices where offered[applicant] > cap * (1 + Tolerance.relative) {
            models[applicant] = hull && proposals[applicant] <= ApplicantHull.maximumProposals
                ? .hull : .row(model.addRow(lower: -.infinity, upper: cap * Self.moneyScale))
        }
        return models
    }

    private mutating func addApplicantHulls(_ canonical: CanonicalProblem, capped: [CapModel?]) {
        guard let cap = canonical.maxPerApplicant else { return }
        var members = [[ApplicantHull.Member]](repeating: [], count: canonical.applicants.count)
        for item in canonical.items.indices {
            guard case .hull = capped[canonical.applicantOf[item]], let x = fundedColumn[item], let f = fractionColumn[item] else { continue }
            members[canonical.applicantOf[item]].append(ApplicantHull.Member(
                x: x, f: f, money: canonical.items[item].requested * Self.moneyScale, minimumFraction: canonical.minimumFraction[item]))
        }
        for list in members where !list.isEmpty { ApplicantHull.add(to: &model, cap: cap * Self.moneyScale, members: list) }
    }

    /// Cells where the hours on offer from fundable proposals exceed the gap.
    private func contendedCells(_ canonical: CanonicalProblem) -> [Bool] {
        var offered = [Double](repeating: 0, count: canonical.cells.count)
        for item in canonical.items.indices where canonical.eligible[item] {
            for delivery in canonical.deliveries[item] { offered[delivery.cell] += delivery.hours }
        }
        return canonical.cells.indices.map { offered[$0] > canonical.cells[$0].gap }
    }

    private mutating func addAwardColumns(_ item: Int, _ canonical: CanonicalProblem, relaxed: Bool, fixed: Bool?, linked: Bool) -> (x: Int, f: Int) {
        let level: Double? = fixed.map { $0 ? 1 : 0 }
        let x = model.addColumn(lower: level ?? 0, upper: level ?? 1, integer: !relaxed)
        fundedColumn[item] = x
        fractionColumn[item] = x
        let smallest = canonical.minimumFraction[item]
        guard smallest < 1 else { return (x, x) }
        let f = model.addColumn(lower: 0, upper: 1)
        fractionColumn[item] = f
        guard linked else { return (x, f) }
        let belowFunded = model.addRow(lower: -.infinity, upper: 0)  // f - x <= 0
        model.add(row: belowFunded, column: f, value: 1)
        model.add(row: belowFunded, column: x, value: -1)
        let aboveMinimum = model.addRow(lower: 0, upper: .infinity)  // f - m x >= 0
        model.add(row: aboveMinimum, column: f, value: 1)
        model.add(row: aboveMinimum, column: x, value: -smallest)
        return (x, f)
    }

    private mutating func addEnvelopes(_ canonical: CanonicalProblem, contended: [Bool], pieces: Set<EnvelopePiece>) {
        let envelope = CellEnvelope(canonical)
        var thresholds = [[Double]](repeating: [0], count: canonical.cells.count)
        for piece in pieces.sorted() where piece.threshold > 0 { thresholds[piece.cell].append(piece.threshold) }
        for cell in canonical.cells.indices where contended[cell] {
            let best = envelope.members[cell].first { fractionColumn[$0.item] != nil }.map { canonical.items[$0.item].quality } ?? 0
            let v = model.addColumn(lower: 0, upper: canonical.cells[cell].needWeight * best * canonical.cells[cell].gap, objective: 1)
            valueColumn[cell] = v
            for threshold in thresholds[cell] {
                guard let piece = pieceRow(EnvelopePiece(cell: cell, threshold: threshold), canonical, envelope) else { continue }
                let row = model.addRow(lower: -.infinity, upper: piece.upper)
                for (column, value) in zip(piece.columns, piece.values) { model.add(row: row, column: column, value: value) }
            }
        }
    }

    /// The row of an envelope piece, v_c - sum over q_i > t of w_c (q_i - t) h_ic f_i <= w_c t gap_c; nil for a cell
    /// without a value column, and for a threshold at or above the cell's best quality (the column's upper bound).
    func pieceRow(_ piece: EnvelopePiece, _ canonical: CanonicalProblem, _ envelope: CellEnvelope) -> (upper: Double, columns: [Int], values: [Double])? {
        guard let v = valueColumn[piece.cell] else { return nil }
        let members = envelope.members[piece.cell].filter { fractionColumn[$0.item] != nil }
        let best = members.first.map { canonical.items[$0.item].quality } ?? 0
        guard piece.threshold < best else { return nil }
        let weight = canonical.cells[piece.cell].needWeight
        var columns = [v]
        var values = [1.0]
        var upper = weight * piece.threshold * canonical.cells[piece.cell].gap
        for member in members {
            let excess = canonical.items[member.item].quality - piece.threshold
            guard excess > 0, let f = fractionColumn[member.item] else { break }
            let coefficient = weight * excess * member.hours
            if excess <= 1e-9 * max(1, piece.threshold) {
                upper += coefficient
                continue
            }
            columns.append(f)
            values.append(-coefficient)
        }
        return (upper, columns, values)
    }
}
