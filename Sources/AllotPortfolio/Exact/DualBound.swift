/// An upper bound on a maximising LP computed from row duals by weak duality.
///
/// Any dual vector gives a valid bound (duals of the wrong sign for a row are set to zero), so the bound holds whatever
/// the LP solver's tolerances did to its own objective value: a nearly optimal dual vector gives a bound within rounding
/// of the LP optimum, a poor one only a looser bound. This is what the solver states as its bound (Neumaier and
/// Shcherbina's safe bound, without interval arithmetic: a relative margin covers the rounding of the sums).
enum DualBound {
    /// The bound for `model` (maximised) from `duals`, given in the minimised (negated) objective as Clp reports them;
    /// +infinity when a column with an infinite bound would make it unbounded.
    static func upperBound(_ model: LinearModel, duals: [Double]) -> Double {
        guard duals.count == model.rowCount else { return .infinity }
        // Minimising c x with c = -objective: for feasible x, y A x >= sum of y_r times the row bound that y_r's sign
        // selects, so c x >= sum (c - y A)_j x_j + that sum >= sum of min over [l_j, u_j] of (c - y A)_j x_j + that sum.
        let y = duals.indices.map { row -> Double in
            let dual = duals[row]
            if dual > 0 { return model.rowLower[row].isFinite ? dual : 0 }
            if dual < 0 { return model.rowUpper[row].isFinite ? dual : 0 }
            return 0
        }
        var reduced = model.objective.map { -$0 }
        for entry in model.entries { reduced[entry.column] -= entry.value * y[entry.row] }
        var lower = 0.0
        var magnitude = 0.0
        for row in y.indices where y[row] != 0 {
            let term = y[row] * (y[row] > 0 ? model.rowLower[row] : model.rowUpper[row])
            lower += term
            magnitude += abs(term)
        }
        for column in reduced.indices where reduced[column] != 0 {
            let bound = reduced[column] > 0 ? model.columnLower[column] : model.columnUpper[column]
            guard bound.isFinite else { return .infinity }
            let term = reduced[column] * bound
            lower += term
            magnitude += abs(term)
        }
        return -lower + 1e-12 * magnitude + 1e-9 * max(1, abs(lower))
    }
}
