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

/// One objective contribution: `quality[item] x needWeight[cell] x hours` on `column`.
struct ObjectiveTerm: Sendable, Hashable {
    let column: Int
    let item: Int
    let cell: Int
    let hours: Double
}

/// The MILP of the portfolio problem (see docs/portfolio.md, "The formulation").
///
/// Per eligible proposal i: binary x_i (funded) and award fraction f_i in [m_i x_i, x_i] (f_i is x_i itself when no
/// partial award is possible). Per proposal and contended cell c: value-bearing hours 0 <= y_ic <= h_ic f_i with
/// sum_i y_ic <= gap_c. Cells whose total offered hours fit within their gap cannot saturate, so their value goes
/// straight onto f_i and they get no y columns. Money rows are in thousands of pounds to keep coefficients near 1.
struct PortfolioFormulation: Sendable {
    /// Pounds -> model units.
    static let moneyScale = 1e-3

    private(set) var model = LinearModel()
    /// Per proposal (canonical order), its x column; nil when it cannot be funded at all.
    private(set) var fundedColumn: [Int?]
    /// Per proposal, its award-fraction column (the x column when the award is all or nothing).
    private(set) var fractionColumn: [Int?]
    private(set) var objectiveTerms: [ObjectiveTerm] = []
    let scope: FormulationScope

    init(_ canonical: CanonicalProblem, scope: FormulationScope) {
        self.scope = scope
        fundedColumn = Array(repeating: nil, count: canonical.items.count)
        fractionColumn = fundedColumn
        let scale = Self.moneyScale
        let budgetRow = model.addRow(lower: -.infinity, upper: canonical.budget * scale)
        let floorRows = scope.floors.map { model.addRow(lower: canonical.floorAmount($0) * scale, upper: .infinity) }
        let ricRows = scope.rics.map { _ in model.addRow(lower: 1, upper: .infinity) }
        let ricRowOf = Dictionary(uniqueKeysWithValues: zip(scope.rics, ricRows))
        let capRows = addCapRows(canonical)
        let cellRows = scope.objective == .value ? addCellRows(canonical) : []
        for item in canonical.items.indices where canonical.eligible[item] {
            let (x, f) = addAwardColumns(item, canonical)
            let money = canonical.items[item].requested * scale
            model.add(row: budgetRow, column: f, value: money)
            for (row, group) in zip(floorRows, scope.floors) where canonical.groupShares[item][group] > 0 {
                model.add(row: row, column: f, value: canonical.groupShares[item][group] * money)
            }
            if let row = capRows[canonical.applicantOf[item]] { model.add(row: row, column: f, value: money) }
            for ric in canonical.reaches[item] {
                if let row = ricRowOf[ric] { model.add(row: row, column: x, value: 1) }
            }
            switch scope.objective {
            case .value: addValueColumns(item, fraction: f, cellRows: cellRows, canonical)
            case .groupMoney(let group): model.objective[f] = canonical.groupShares[item][group] * money
            case .none: break
            }
        }
        if scope.objective == .value {
            model.objective = objectiveCoefficients(
                qualities: canonical.items.map(\.quality), needWeights: canonical.cells.map(\.needWeight))
        }
    }

    /// Objective coefficients for the given qualities (per proposal) and need weights (per cell), canonical order.
    func objectiveCoefficients(qualities: [Double], needWeights: [Double]) -> [Double] {
        var coefficients = [Double](repeating: 0, count: model.columnCount)
        for term in objectiveTerms {
            coefficients[term.column] += qualities[term.item] * needWeights[term.cell] * term.hours
        }
        return coefficients
    }

    /// Award fraction per proposal (0 when not funded) read from a solution vector.
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

    /// A MIP start: x and f for each proposal from award fractions (y is left for CBC to complete).
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

    private mutating func addCapRows(_ canonical: CanonicalProblem) -> [Int?] {
        var rows = [Int?](repeating: nil, count: canonical.applicants.count)
        guard let cap = canonical.maxPerApplicant else { return rows }
        var offered = [Double](repeating: 0, count: canonical.applicants.count)
        for item in canonical.items.indices where canonical.eligible[item] {
            offered[canonical.applicantOf[item]] += canonical.items[item].requested
        }
        // Only applicants who ask for more than the cap in total can ever meet it.
        for applicant in offered.indices where offered[applicant] > cap * (1 + Tolerance.relative) {
            rows[applicant] = model.addRow(lower: -.infinity, upper: cap * Self.moneyScale)
        }
        return rows
    }

    private mutating func addCellRows(_ canonical: CanonicalProblem) -> [Int?] {
        var offered = [Double](repeating: 0, count: canonical.cells.count)
        for item in canonical.items.indices where canonical.eligible[item] {
            for delivery in canonical.deliveries[item] { offered[delivery.cell] += delivery.hours }
        }
        return canonical.cells.indices.map { cell in
            offered[cell] > canonical.cells[cell].gap ? model.addRow(lower: -.infinity, upper: canonical.cells[cell].gap) : nil
        }
    }

    private mutating func addAwardColumns(_ item: Int, _ canonical: CanonicalProblem) -> (x: Int, f: Int) {
        let x = model.addColumn(lower: 0, upper: 1, integer: true)
        fundedColumn[item] = x
        fractionColumn[item] = x
        let smallest = canonical.minimumFraction[item]
        guard smallest < 1 else { return (x, x) }
        let f = model.addColumn(lower: 0, upper: 1)
        fractionColumn[item] = f
        let belowFunded = model.addRow(lower: -.infinity, upper: 0)  // f - x <= 0
        model.add(row: belowFunded, column: f, value: 1)
        model.add(row: belowFunded, column: x, value: -1)
        let aboveMinimum = model.addRow(lower: 0, upper: .infinity)  // f - m x >= 0
        model.add(row: aboveMinimum, column: f, value: 1)
        model.add(row: aboveMinimum, column: x, value: -smallest)
        return (x, f)
    }

    private mutating func addValueColumns(_ item: Int, fraction f: Int, cellRows: [Int?], _ canonical: CanonicalProblem) {
        for delivery in canonical.deliveries[item] {
            guard let cellRow = cellRows[delivery.cell] else {
                objectiveTerms.append(ObjectiveTerm(column: f, item: item, cell: delivery.cell, hours: delivery.hours))
                continue
            }
            let gap = canonical.cells[delivery.cell].gap
            let y = model.addColumn(lower: 0, upper: min(delivery.hours, gap))
            objectiveTerms.append(ObjectiveTerm(column: y, item: item, cell: delivery.cell, hours: 1))
            model.add(row: cellRow, column: y, value: 1)
            let link = model.addRow(lower: -.infinity, upper: 0)  // y - h f <= 0
            model.add(row: link, column: y, value: 1)
            model.add(row: link, column: f, value: -delivery.hours)
        }
    }
}
