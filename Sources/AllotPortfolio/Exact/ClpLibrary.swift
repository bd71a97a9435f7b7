#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clp's C interface, resolved at run time from the Clp library that CBC already loads into the process.
///
/// The `CCbc` module exposes only CBC's C header; Clp's functions are looked up by name (C calling convention, so the
/// call is as safe as a declared one). When any is missing the exact re-solver is unavailable and the analysis falls
/// back to full CBC re-solves.
struct ClpLibrary: @unchecked Sendable {
    typealias Model = UnsafeMutableRawPointer
    let newModel: @convention(c) () -> Model?
    let deleteModel: @convention(c) (Model) -> Void
    let loadProblem: @convention(c) (
        Model, Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
        UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
        UnsafePointer<Double>?
    ) -> Void
    let addRows: @convention(c) (
        Model, Int32, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
        UnsafePointer<Double>?
    ) -> Void
    let chgColumnLower: @convention(c) (Model, UnsafePointer<Double>?) -> Void
    let chgColumnUpper: @convention(c) (Model, UnsafePointer<Double>?) -> Void
    let setLogLevel: @convention(c) (Model, Int32) -> Void
    let setOptimizationDirection: @convention(c) (Model, Double) -> Void
    let dual: @convention(c) (Model, Int32) -> Int32
    let primal: @convention(c) (Model, Int32) -> Int32
    let initialSolve: @convention(c) (Model) -> Int32
    let status: @convention(c) (Model) -> Int32
    let objectiveValue: @convention(c) (Model) -> Double
    let columnSolution: @convention(c) (Model) -> UnsafeMutablePointer<Double>?
    let reducedCosts: @convention(c) (Model) -> UnsafeMutablePointer<Double>?
    let rowDuals: @convention(c) (Model) -> UnsafeMutablePointer<Double>?
    let numberIterations: @convention(c) (Model) -> Int32
    let setMaximumIterations: @convention(c) (Model, Int32) -> Void

    /// The library, or nil when Clp's C interface cannot be found in the process.
    static let shared: ClpLibrary? = ClpLibrary()

    private init?() {
        #if canImport(Glibc)
        let process = dlopen(nil, RTLD_NOW)
        #else
        let process = UnsafeMutableRawPointer(bitPattern: -2)  // RTLD_DEFAULT
        #endif
        func symbol<T>(_ name: String, as type: T.Type) -> T? {
            guard let address = dlsym(process, name) else { return nil }
            return unsafeBitCast(address, to: type)
        }
        guard
            let newModel = symbol("Clp_newModel", as: (@convention(c) () -> Model?).self),
            let deleteModel = symbol("Clp_deleteModel", as: (@convention(c) (Model) -> Void).self),
            let loadProblem = symbol("Clp_loadProblem", as: (@convention(c) (
                Model, Int32, Int32, UnsafePointer<Int32>?, UnsafePointer<Int32>?, UnsafePointer<Double>?,
                UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Double>?,
                UnsafePointer<Double>?
            ) -> Void).self),
            let addRows = symbol("Clp_addRows", as: (@convention(c) (
                Model, Int32, UnsafePointer<Double>?, UnsafePointer<Double>?, UnsafePointer<Int32>?, UnsafePointer<Int32>?,
                UnsafePointer<Double>?
            ) -> Void).self),
            let chgColumnLower = symbol("Clp_chgColumnLower", as: (@convention(c) (Model, UnsafePointer<Double>?) -> Void).self),
            let chgColumnUpper = symbol("Clp_chgColumnUpper", as: (@convention(c) (Model, UnsafePointer<Double>?) -> Void).self),
            let setLogLevel = symbol("Clp_setLogLevel", as: (@convention(c) (Model, Int32) -> Void).self),
            let setOptimizationDirection = symbol("Clp_setOptimizationDirection", as: (@convention(c) (Model, Double) -> Void).self),
            let dual = symbol("Clp_dual", as: (@convention(c) (Model, Int32) -> Int32).self),
            let primal = symbol("Clp_primal", as: (@convention(c) (Model, Int32) -> Int32).self),
            let initialSolve = symbol("Clp_initialSolve", as: (@convention(c) (Model) -> Int32).self),
            let status = symbol("Clp_status", as: (@convention(c) (Model) -> Int32).self),
            let objectiveValue = symbol("Clp_objectiveValue", as: (@convention(c) (Model) -> Double).self),
            let columnSolution = symbol("Clp_primalColumnSolution", as: (@convention(c) (Model) -> UnsafeMutablePointer<Double>?).self),
            let reducedCosts = symbol("Clp_dualColumnSolution", as: (@convention(c) (Model) -> UnsafeMutablePointer<Double>?).self),
            let rowDuals = symbol("Clp_dualRowSolution", as: (@convention(c) (Model) -> UnsafeMutablePointer<Double>?).self),
            let numberIterations = symbol("Clp_numberIterations", as: (@convention(c) (Model) -> Int32).self),
            let setMaximumIterations = symbol("Clp_setMaximumIterations", as: (@convention(c) (Model, Int32) -> Void).self)
        else { return nil }
        self.newModel = newModel
        self.deleteModel = deleteModel
        self.loadProblem = loadProblem
        self.addRows = addRows
        self.chgColumnLower = chgColumnLower
        self.chgColumnUpper = chgColumnUpper
        self.setLogLevel = setLogLevel
        self.setOptimizationDirection = setOptimizationDirection
        self.dual = dual
        self.primal = primal
        self.initialSolve = initialSolve
        self.status = status
        self.objectiveValue = objectiveValue
        self.columnSolution = columnSolution
        self.reducedCosts = reducedCosts
        self.rowDuals = rowDuals
        self.numberIterations = numberIterations
        self.setMaximumIterations = setMaximumIterations
    }
}
