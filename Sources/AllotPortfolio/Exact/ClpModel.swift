import CClp

/// One Clp LP (minimisation), kept loaded so that rows and bound changes re-solve warm from the last basis.
///
/// Unlike CBC's solve entry point, a Clp model has no global state: separate models may be used concurrently.
final class ClpModel {
    private let handle: OpaquePointer
    let columnCount: Int
    /// Rows loaded plus rows added.
    private(set) var rowCount: Int
    private(set) var lower: [Double]
    private(set) var upper: [Double]
    /// Simplex iterations over every solve of this model.
    private(set) var iterations = 0
    private var status = Int32(ALLOT_LP_FAILED)

    /// Loads `model` with its objective negated (Allot's models maximise); nil when Clp cannot build it. With
    /// `branchAndBound`, re-solves keep Clp's work areas between bound changes (`CClp`'s branch-and-bound mode).
    init?(_ model: LinearModel, branchAndBound: Bool = false) {
        let matrix = model.compressedColumns()
        let objective = model.objective.map { -$0 }
        guard let handle = allot_lp_new(
            Int32(model.columnCount), Int32(model.rowCount), matrix.starts, matrix.rows, matrix.values,
            model.columnLower, model.columnUpper, objective, model.rowLower, model.rowUpper)
        else { return nil }
        if branchAndBound, allot_lp_use_branch_and_bound_mode(handle) != 0 {
            allot_lp_free(handle)
            return nil
        }
        self.handle = handle
        columnCount = model.columnCount
        rowCount = model.rowCount
        lower = model.columnLower
        upper = model.columnUpper
    }

    deinit { allot_lp_free(handle) }

    /// Solves by the dual simplex from the current basis (cold on the first call); true when proven optimal.
    @discardableResult
    func solve() -> Bool {
        status = allot_lp_resolve(handle)
        iterations += Int(allot_lp_iterations(handle))
        return status == ALLOT_LP_OPTIMAL
    }

    /// Solves from scratch with presolve, Clp choosing the algorithm (much faster than `solve` on a new large model).
    @discardableResult
    func solveFromScratch() -> Bool {
        status = allot_lp_initial_solve(handle)
        iterations += Int(allot_lp_iterations(handle))
        return status == ALLOT_LP_OPTIMAL
    }

    /// Whether the last solve proved the LP infeasible.
    var isInfeasible: Bool { status == ALLOT_LP_INFEASIBLE }

    /// The maximised objective of the last solve.
    var value: Double { -allot_lp_objective(handle) }

    /// The last solution, one value per column.
    var solution: [Double] { read(columnCount, allot_lp_column_solution) }

    /// Reduced costs of the last solve in the minimised (negated) objective: for a column at its lower bound, raising it
    /// by one costs at least this much of the maximised value; at its upper bound, lowering it costs at least minus this.
    var reducedCosts: [Double] { read(columnCount, allot_lp_reduced_costs) }

    /// Row duals of the last solve, in the minimised (negated) objective.
    var rowDuals: [Double] { read(rowCount, allot_lp_row_duals) }

    /// `count` values copied out of Clp (zeros when it has none to give).
    private func read(_ count: Int, _ copy: (OpaquePointer?, UnsafeMutablePointer<Double>?) -> Int32) -> [Double] {
        var values = [Double](repeating: 0, count: count)
        guard count > 0 else { return values }
        let copied = values.withUnsafeMutableBufferPointer { copy(handle, $0.baseAddress) }
        return copied == 0 ? values : [Double](repeating: 0, count: count)
    }

    /// Appends rows `lower <= sum(values * columns) <= upper`.
    func addRows(_ rows: [(lower: Double, upper: Double, columns: [Int], values: [Double])]) {
        guard !rows.isEmpty else { return }
        var starts: [Int32] = [0]
        var columns: [Int32] = []
        var values: [Double] = []
        for row in rows {
            columns.append(contentsOf: row.columns.map { Int32($0) })
            values.append(contentsOf: row.values)
            starts.append(Int32(columns.count))
        }
        rowCount += rows.count
        _ = allot_lp_add_rows(handle, Int32(rows.count), rows.map(\.lower), rows.map(\.upper), starts, columns, values)
    }

    /// Replaces every column's bounds; only the columns that change reach Clp, so that its kept work areas stay valid.
    func setBounds(lower: [Double], upper: [Double]) {
        for column in 0..<columnCount where lower[column] != self.lower[column] || upper[column] != self.upper[column] {
            _ = allot_lp_set_column_bounds(handle, Int32(column), lower[column], upper[column])
        }
        self.lower = lower
        self.upper = upper
    }
}
