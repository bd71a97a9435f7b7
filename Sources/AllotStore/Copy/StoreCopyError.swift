/// Why `allot store copy` refused or stopped. Nothing is kept in the target when any of these is thrown: the copy is
/// one PostgreSQL transaction.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The target database already holds rows: a copy goes into an empty store only.
    case targetNotEmpty(table: String, rows: Int64)
    /// A table of the SQLite store that holds rows has no PostgreSQL counterpart (it would be lost).
    case tableNotInTarget(table: String, rows: Int64)
    /// A column of the SQLite store that holds values has no PostgreSQL counterpart (they would be lost).
    case columnNotInTarget(table: String, column: String)
    /// A PostgreSQL column the copy must fill has no SQLite counterpart, no default and no NULL.
    case columnNotInSource(table: String, column: String)
    /// A PostgreSQL column of a type the copy does not convert.
    case unsupportedType(table: String, column: String, type: String)
    /// A stored value that does not fit its PostgreSQL column (`row` names the row by its key).
    case badValue(table: String, column: String, row: String, reason: String)
    /// What PostgreSQL holds after the copy differs from the SQLite store (counted or checksummed per table).
    case verificationFailed(table: String, reason: String)

    public var description: String {
        switch self {
        case let .targetNotEmpty(table, rows):
            "the target database is not empty: table \(table) holds \(rows) row(s); copy into a new, empty database"
        case let .tableNotInTarget(table, rows):
            "table \(table) (\(rows) row(s)) has no PostgreSQL counterpart; upgrade allot, whose schema would have it"
        case let .columnNotInTarget(table, column):
            "column \(table).\(column) holds values but has no PostgreSQL counterpart; upgrade allot, whose schema would have it"
        case let .columnNotInSource(table, column):
            "PostgreSQL column \(table).\(column) needs a value and the SQLite store has no such column"
        case let .unsupportedType(table, column, type):
            "PostgreSQL column \(table).\(column) is of type \(type), which the copy does not convert"
        case let .badValue(table, column, row, reason):
            "table \(table), row \(row), column \(column): \(reason)"
        case let .verificationFailed(table, reason):
            "table \(table) differs after the copy (\(reason)); nothing was kept"
        }
    }
}
