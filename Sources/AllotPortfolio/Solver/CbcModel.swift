import CCbc
import Foundation

/// CBC's solve entry point (CbcMain1) keeps global state and is not thread safe (coin-or/Cbc#332), so every solve in
/// the process goes through this lock; building models needs no lock.
private let cbcSolveLock = NSLock()

/// What CBC reported after one solve.
struct CbcOutcome: Sendable {
    /// Best solution found (one value per column), nil when CBC found none.
    let solution: [Double]?
    let provenOptimal: Bool
    let provenInfeasible: Bool
    let secondsLimitReached: Bool
    let status: Int
    let secondaryStatus: Int
    let objective: Double
    let bestBound: Double
    let nodes: Int
    let iterations: Int
    let seconds: Double
}

/// Owns one `Cbc_Model` (maximisation) and frees it on deinit, whatever path the caller takes.
final class CbcModel {
    private let handle: UnsafeMutableRawPointer
    let columnCount: Int
    let rowCount: Int
    let integerCount: Int
    let nonzeroCount: Int

    /// Loads `model` into a new CBC model.
    init(_ model: LinearModel) {
        handle = Cbc_newModel()
        columnCount = model.columnCount
        rowCount = model.rowCount
        integerCount = model.integerColumns.count
        nonzeroCount = model.entries.count
        let matrix = model.compressedColumns()
        matrix.starts.withUnsafeBufferPointer { starts in
            matrix.rows.withUnsafeBufferPointer { rows in
                matrix.values.withUnsafeBufferPointer { values in
                    model.columnLower.withUnsafeBufferPointer { columnLower in
                        model.columnUpper.withUnsafeBufferPointer { columnUpper in
                            model.objective.withUnsafeBufferPointer { objective in
                                model.rowLower.withUnsafeBufferPointer { rowLower in
                                    model.rowUpper.withUnsafeBufferPointer { rowUpper in
                                        Cbc_loadProblem(
                                            handle, Int32(model.columnCount), Int32(model.rowCount),
                                            starts.baseAddress, rows.baseAddress, values.baseAddress,
                                            columnLower.baseAddress, columnUpper.baseAddress, objective.baseAddress,
                                            rowLower.baseAddress, rowUpper.baseAddress)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        for column in model.integerColumns { Cbc_setInteger(handle, Int32(column)) }
        Cbc_setObjSense(handle, -1)
    }

    deinit { Cbc_deleteModel(handle) }

    /// Parameters set on every solve before the caller's own. The coefficient-diving heuristic is off: on some of these
    /// models it drives Clp into an assertion (`lowerValue <= upperValue` in ClpNonLinearCost.cpp) that aborts the
    /// process; see docs/portfolio.md, "CBC settings".
    static let defaultParameters = ["DivingC": "off"]

    /// Offers CBC a starting solution for some columns (CBC completes and checks it).
    func setStart(columns: [Int32], values: [Double]) {
        guard !columns.isEmpty else { return }
        columns.withUnsafeBufferPointer { columnBuffer in
            values.withUnsafeBufferPointer { valueBuffer in
                Cbc_setMIPStartI(handle, Int32(columns.count), columnBuffer.baseAddress, valueBuffer.baseAddress)
            }
        }
    }

    /// Solves once, silently, stopping at `timeLimit` wall-clock seconds or at the options' relative gap.
    func solve(timeLimit: Double, options: PortfolioSolverOptions) -> CbcOutcome {
        let relativeGap = options.relativeGap
        Cbc_setParameter(handle, "log", "0")
        Cbc_setLogLevel(handle, 0)
        Cbc_setParameter(handle, "timeMode", "elapsed")
        Cbc_setMaximumSeconds(handle, timeLimit)
        Cbc_setAllowableFractionGap(handle, relativeGap)
        if let nodes = options.nodeLimit { Cbc_setMaximumNodes(handle, Int32(clamping: nodes)) }
        Cbc_setParameter(handle, "ratioGap", String(relativeGap))
        for (name, value) in CbcModel.defaultParameters.merging(options.cbcParameters, uniquingKeysWith: { $1 }).sorted(by: { $0.key < $1.key }) {
            Cbc_setParameter(handle, name, value)
        }
        let clock = ContinuousClock()
        let started = clock.now
        cbcSolveLock.lock()
        _ = Cbc_solve(handle)
        cbcSolveLock.unlock()
        let seconds = (clock.now - started).seconds
        return CbcOutcome(
            solution: readSolution(),
            provenOptimal: Cbc_isProvenOptimal(handle) != 0,
            provenInfeasible: Cbc_isProvenInfeasible(handle) != 0,
            secondsLimitReached: Cbc_isSecondsLimitReached(handle) != 0,
            status: Int(Cbc_status(handle)),
            secondaryStatus: Int(Cbc_secondaryStatus(handle)),
            objective: Cbc_getObjValue(handle),
            bestBound: Cbc_getBestPossibleObjValue(handle),
            nodes: Int(Cbc_getNodeCount(handle)),
            iterations: Int(Cbc_getIterationCount(handle)),
            seconds: seconds)
    }

    private func readSolution() -> [Double]? {
        guard columnCount > 0 else { return [] }
        if let best = Cbc_bestSolution(handle) {
            return Array(UnsafeBufferPointer(start: best, count: columnCount))
        }
        // A model without integer columns is a pure LP: CBC keeps its answer as the column solution only.
        guard integerCount == 0, Cbc_isProvenOptimal(handle) != 0, let columns = Cbc_getColSolution(handle) else {
            return nil
        }
        return Array(UnsafeBufferPointer(start: columns, count: columnCount))
    }
}
