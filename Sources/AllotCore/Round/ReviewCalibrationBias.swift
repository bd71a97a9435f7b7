/// The additive reviewer-bias model s_rp = q_p + b_r, fitted by least squares with sum over r of b_r = 0.
enum ReviewerBiasModel {
    /// Reviewer offsets b_r, or nil when the normal equations are singular (a disconnected review graph).
    ///
    /// Eliminating q_p (q_p = mean over the proposal's reviewers of s_rp - b_r) leaves, per reviewer r,
    /// n_r b_r - sum over p of r of (1/m_p) sum over reviewers r' of p of b_r' = sum over p of r of (s_rp - mean_p),
    /// a singular Laplacian-like system A b = c whose null space is the constant vector. Adding the all-ones
    /// matrix (A + J) b = c makes it regular and forces sum b = 0 (the rows of A and c each sum to zero), so
    /// one small dense solve gives the exact least-squares answer with no iteration.
    static func offsets(_ table: PanelTable, proposals: Int) -> [Double]? {
        let n = table.reviewers.count
        guard n > 0 else { return [] }
        let byProposal = groupedByProposal(table, proposals: proposals)
        var a = [[Double]](repeating: [Double](repeating: 1, count: n), count: n)   // starts as J
        var c = [Double](repeating: 0, count: n)
        for group in byProposal where !group.isEmpty {
            let m = Double(group.count)
            let mean = group.reduce(0) { $0 + $1.score } / m
            for o in group {
                a[o.reviewer][o.reviewer] += 1
                c[o.reviewer] += o.score - mean
                for other in group { a[o.reviewer][other.reviewer] -= 1 / m }
            }
        }
        return DenseSolve.solve(a, c)
    }

    /// Proposal quality q_p = mean over its reviewers of s_rp - b_r, i.e. each review with its offset removed.
    static func adjusted(_ o: PanelObservation, offsets: [Double]) -> Double { o.score - offsets[o.reviewer] }

    /// Observations per proposal index.
    static func groupedByProposal(_ table: PanelTable, proposals: Int) -> [[PanelObservation]] {
        var groups = [[PanelObservation]](repeating: [], count: proposals)
        for o in table.observations { groups[o.proposal].append(o) }
        return groups
    }
}

/// Gaussian elimination with partial pivoting for the small systems of the calibration.
enum DenseSolve {
    /// The solution of a x = b, or nil when a is (numerically) singular.
    static func solve(_ matrix: [[Double]], _ rhs: [Double]) -> [Double]? {
        var a = matrix, b = rhs
        let n = b.count
        let scale = max(a.lazy.flatMap { $0 }.map(abs).max() ?? 1, 1)
        for col in 0..<n {
            var pivot = col
            for row in (col + 1)..<max(n, col + 1) where abs(a[row][col]) > abs(a[pivot][col]) { pivot = row }
            guard abs(a[pivot][col]) > 1e-10 * scale else { return nil }
            if pivot != col { a.swapAt(pivot, col); b.swapAt(pivot, col) }
            for row in (col + 1)..<max(n, col + 1) {
                let f = a[row][col] / a[col][col]
                guard f != 0 else { continue }
                for k in col..<n { a[row][k] -= f * a[col][k] }
                b[row] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            var s = b[row]
            for k in (row + 1)..<max(n, row + 1) { s -= a[row][k] * x[k] }
            x[row] = s / a[row][row]
        }
        return x
    }
}

/// Whether the reviewer-proposal graph of a panel is in one piece (union-find over both kinds of node).
enum ReviewGraph {
    /// True when every reviewer and reviewed proposal can reach every other through shared reviews.
    static func isConnected(_ table: PanelTable, proposals: Int) -> Bool {
        let reviewers = table.reviewers.count
        var parent = Array(0..<(proposals + reviewers))
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for o in table.observations {
            let a = root(o.proposal), b = root(proposals + o.reviewer)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var nodes = Set(table.observations.map(\.proposal))
        for r in 0..<reviewers { nodes.insert(proposals + r) }
        return Set(nodes.map(root)).count <= 1
    }
}
