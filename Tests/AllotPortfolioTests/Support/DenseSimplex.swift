/// A small exact-enough LP solver for test oracles: maximise c.x subject to rows, x >= 0.
///
/// Two-phase tableau simplex with Bland's rule (no cycling). Meant for a few dozen variables; it shares no code with
/// CBC or the library, so the brute-force oracle stays independent of what it checks.
struct DenseSimplex {
    enum Sense { case atMost, atLeast, equal }

    struct Row {
        var coefficients: [Int: Double]
        var sense: Sense
        var rhs: Double
    }

    let variableCount: Int
    var objective: [Double]
    var rows: [Row] = []

    init(variableCount: Int) {
        self.variableCount = variableCount
        objective = Array(repeating: 0, count: variableCount)
    }

    mutating func add(_ coefficients: [Int: Double], _ sense: Sense, _ rhs: Double) {
        rows.append(Row(coefficients: coefficients, sense: sense, rhs: rhs))
    }

    /// The optimal objective, or nil when the rows admit no x >= 0. (Every use here is bounded.)
    func maximum() -> Double? {
        let epsilon = 1e-9
        // Columns: structural | slack or surplus per row | artificial per row (only used where needed) | rhs.
        let m = rows.count
        let n = variableCount
        let width = n + 2 * m + 1
        var tableau = [[Double]](repeating: [Double](repeating: 0, count: width), count: m)
        var basis = [Int](repeating: 0, count: m)
        var artificial: Set<Int> = []
        for (r, row) in rows.enumerated() {
            let flip = row.rhs < 0 ? -1.0 : 1.0
            var sense = row.sense
            if flip < 0 { sense = sense == .atMost ? .atLeast : (sense == .atLeast ? .atMost : .equal) }
            for (column, value) in row.coefficients { tableau[r][column] += flip * value }
            tableau[r][width - 1] = flip * row.rhs
            switch sense {
            case .atMost:
                tableau[r][n + r] = 1
                basis[r] = n + r
            case .atLeast:
                tableau[r][n + r] = -1
                tableau[r][n + m + r] = 1
                basis[r] = n + m + r
                artificial.insert(n + m + r)
            case .equal:
                tableau[r][n + m + r] = 1
                basis[r] = n + m + r
                artificial.insert(n + m + r)
            }
        }
        // Phase 1: maximise -sum(artificials).
        var phaseOne = [Double](repeating: 0, count: width - 1)
        for column in artificial { phaseOne[column] = -1 }
        let allowed = Set(0..<(n + 2 * m))
        let phaseOneValue = optimise(&tableau, &basis, costs: phaseOne, allowed: allowed, epsilon: epsilon)
        if phaseOneValue < -1e-7 { return nil }
        // Phase 2: artificials may not enter again; any still basic sit at zero and are pivoted out where possible, so
        // they cannot grow again (a row with no other nonzero is redundant and harmless).
        let structural = allowed.subtracting(artificial)
        for r in basis.indices where artificial.contains(basis[r]) {
            if let column = structural.sorted().first(where: { abs(tableau[r][$0]) > epsilon }) {
                pivot(&tableau, &basis, row: r, column: column)
            }
        }
        var costs = [Double](repeating: 0, count: width - 1)
        for column in 0..<n { costs[column] = objective[column] }
        return optimise(&tableau, &basis, costs: costs, allowed: structural, epsilon: epsilon)
    }

    private func optimise(_ tableau: inout [[Double]], _ basis: inout [Int], costs: [Double], allowed: Set<Int>, epsilon: Double) -> Double {
        let width = tableau.first?.count ?? 1
        while true {
            // Reduced cost of column j: c_j - sum_r c_basis[r] * a_rj; enter the lowest index with a positive one (Bland).
            var entering: Int?
            for column in allowed.sorted() where !basis.contains(column) {
                var reduced = costs[column]
                for r in tableau.indices { reduced -= costs[basis[r]] * tableau[r][column] }
                if reduced > epsilon {
                    entering = column
                    break
                }
            }
            guard let enter = entering else { break }
            var leaving: Int?
            var bestRatio = Double.infinity
            for r in tableau.indices where tableau[r][enter] > epsilon {
                let ratio = tableau[r][width - 1] / tableau[r][enter]
                if ratio < bestRatio - epsilon || (abs(ratio - bestRatio) <= epsilon && basis[r] < basis[leaving ?? r]) {
                    bestRatio = ratio
                    leaving = r
                }
            }
            guard let leave = leaving else { return .infinity }
            pivot(&tableau, &basis, row: leave, column: enter)
        }
        return tableau.indices.reduce(0) { $0 + costs[basis[$1]] * tableau[$1][width - 1] }
    }

    private func pivot(_ tableau: inout [[Double]], _ basis: inout [Int], row: Int, column enter: Int) {
        let width = tableau[row].count
        let pivot = tableau[row][enter]
        for column in 0..<width { tableau[row][column] /= pivot }
        for r in tableau.indices where r != row && tableau[r][enter] != 0 {
            let factor = tableau[r][enter]
            for column in 0..<width { tableau[r][column] -= factor * tableau[row][column] }
        }
        basis[row] = enter
    }
}
