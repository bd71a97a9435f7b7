/// A mixed-integer linear model as plain arrays, ready for CBC's `Cbc_loadProblem` (maximisation).
struct LinearModel: Sendable {
    private(set) var columnLower: [Double] = []
    private(set) var columnUpper: [Double] = []
    var objective: [Double] = []
    private(set) var integerColumns: [Int] = []
    private(set) var rowLower: [Double] = []
    private(set) var rowUpper: [Double] = []
    /// Coefficients as (row, column, value) triplets, in the order they were added.
    private(set) var entries: [(row: Int, column: Int, value: Double)] = []

    var columnCount: Int { columnLower.count }
    var rowCount: Int { rowLower.count }

    /// Adds a column and returns its index.
    mutating func addColumn(lower: Double, upper: Double, objective coefficient: Double = 0, integer: Bool = false) -> Int {
        columnLower.append(lower)
        columnUpper.append(upper)
        objective.append(coefficient)
        if integer { integerColumns.append(columnLower.count - 1) }
        return columnLower.count - 1
    }

    /// Adds an empty row `lower <= row <= upper` and returns its index; fill it with `add(row:column:value:)`.
    mutating func addRow(lower: Double, upper: Double) -> Int {
        rowLower.append(lower)
        rowUpper.append(upper)
        return rowLower.count - 1
    }

    /// Adds one coefficient.
    mutating func add(row: Int, column: Int, value: Double) {
        entries.append((row, column, value))
    }

    /// The matrix in compressed sparse column form, as `Cbc_loadProblem` takes it.
    func compressedColumns() -> (starts: [Int32], rows: [Int32], values: [Double]) {
        var starts = [Int32](repeating: 0, count: columnCount + 1)
        for entry in entries { starts[entry.column + 1] += 1 }
        for column in 0..<columnCount { starts[column + 1] += starts[column] }
        var next = starts
        var rows = [Int32](repeating: 0, count: entries.count)
        var values = [Double](repeating: 0, count: entries.count)
        for entry in entries {
            let slot = Int(next[entry.column])
            rows[slot] = Int32(entry.row)
            values[slot] = entry.value
            next[entry.column] += 1
        }
        return (starts, rows, values)
    }
}
