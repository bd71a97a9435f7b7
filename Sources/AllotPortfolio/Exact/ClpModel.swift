/// One Clp LP (minimisation), kept loaded so that rows and bound changes re-solve warm from the last basis.
///
/// Unlike CBC's solve entry point, a Clp model has no global state: separate models may be used concurrently.
final class ClpModel {
    private let library: ClpLibrary
    private let handle: ClpLibrary.Model
    let columnCount: Int
    /// Rows loaded plus rows added.
    private(set) var rowCount: Int
    private(set) var lower: [Double]
    private(set) var upper: [Double]
    /// Simplex iterations over every solve of this model.
    private(set) var iterations = 0

    /// Loads `model` with its objective negated (Allot's models maximise); nil when Clp cannot allocate one.
    init?(_ model: LinearModel, library: ClpLibrary) {
        guard let handle = library.newModel() else { return nil }
        self.library = library
        self.handle = handle
        columnCount = model.columnCount
        rowCount = model.rowCount
        lower = model.columnLower
        upper = model.columnUpper
        let matrix = model.compressedColumns()
        let objective = model.objective.map { -$0 }
        library.setLogLevel(handle, 0)
        library.loadProblem(
            handle, Int32(model.columnCount), Int32(model.rowCount), matrix.starts, matrix.rows, matrix.values,
            model.columnLower, model.columnUpper, objective, model.rowLower, model.rowUpper)
        library.setOptimizationDirection(handle, 1)
    }

    deinit { library.deleteModel(handle) }

    /// Solves by the dual simplex from the current basis (cold on the first call); true when proven optimal.
    @discardableResult
    func solve() -> Bool {
        _ = library.dual(handle, 0)
        iterations += Int(library.numberIterations(handle))
        if library.status(handle) != 0 {
            // The dual simplex can stop short on numerical trouble; the primal simplex finishes from where it is.
            _ = library.primal(handle, 0)
            iterations += Int(library.numberIterations(handle))
        }
        return library.status(handle) == 0
    }

    /// Solves from scratch with presolve, Clp choosing the algorithm (much faster than `solve` on a new large model).
    @discardableResult
    func solveFromScratch() -> Bool {
        _ = library.initialSolve(handle)
        iterations += Int(library.numberIterations(handle))
        return library.status(handle) == 0
    }

    /// Whether the last solve proved the LP infeasible.
    var isInfeasible: Bool { library.status(handle) == 1 }

    /// The maximised objective of the last solve.
    var value: Double { -library.objectiveValue(handle) }

    /// The last solution, one value per column.
    var solution: [Double] {
        guard let pointer = library.columnSolution(handle) else { return [Double](repeating: 0, count: columnCount) }
        return Array(UnsafeBufferPointer(start: pointer, count: columnCount))
    }

    /// Reduced costs of the last solve in the minimised (negated) objective: for a column at its lower bound, raising it
    /// by one costs at least this much of the maximised value; at its upper bound, lowering it costs at least minus this.
    var reducedCosts: [Double] {
        guard let pointer = library.reducedCosts(handle) else { return [Double](repeating: 0, count: columnCount) }
        return Array(UnsafeBufferPointer(start: pointer, count: columnCount))
    }

    /// Row duals of the last solve, in the minimised (negated) objective.
    var rowDuals: [Double] {
        guard rowCount > 0, let pointer = library.rowDuals(handle) else { return [Double](repeating: 0, count: rowCount) }
        return Array(UnsafeBufferPointer(start: pointer, count: rowCount))
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
        library.addRows(handle, Int32(rows.count), rows.map(\.lower), rows.map(\.upper), starts, columns, values)
    }

    /// Replaces every column's bounds.
    func setBounds(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
        library.chgColumnLower(handle, lower)
        library.chgColumnUpper(handle, upper)
    }
}
