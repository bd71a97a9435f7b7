/// Where in a round file a value sits: file and line, plus the CSV column or the JSON path.
public struct RoundInputPlace: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based CSV column, nil for JSON.
    public var column: Int?
    /// CSV header of the column.
    public var columnName: String?
    /// JSON path such as `$[3].requested`, nil for CSV.
    public var path: String?

    public init(file: String, line: Int, column: Int? = nil, columnName: String? = nil, path: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.path = path
    }

    /// `file:line:column (column 'x')` for CSV, `file:line ($[3].requested)` for JSON.
    public var description: String {
        var text = "\(file):\(line)"
        if let column { text += ":\(column)" }
        if let columnName { text += " (column '\(columnName)')" }
        if let path { text += " (\(path))" }
        return text
    }
}

/// Why a proposals, reviews or conflicts file (or one of its records) cannot be used; every case names the place.
public enum RoundInputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file cannot be opened or read.
    case unreadable(file: String, reason: String)
    /// Broken CSV or JSON syntax or encoding.
    case syntax(file: String, line: Int, column: Int, message: String)
    /// The file holds nothing.
    case empty(file: String, expected: String)
    /// The file's top level is not what a round file holds (e.g. a JSON number).
    case unexpectedShape(place: RoundInputPlace, expected: String)
    /// Required CSV columns are absent from the header row.
    case missingColumns(file: String, missing: [String], headers: [String])
    /// A required field is absent or blank.
    case missingField(place: RoundInputPlace, field: String, expected: String)
    /// A value that is not allowed.
    case invalidValue(place: RoundInputPlace, value: String, expected: String)
    /// A CSV data row whose number of fields differs from the header row's.
    case fieldCount(place: RoundInputPlace, expected: Int, found: Int)
    /// Something that must be unique appears twice (e.g. a proposal id).
    case duplicate(place: RoundInputPlace, what: String, first: RoundInputPlace)

    public var description: String {
        switch self {
        case let .unreadable(file, reason): return "\(file): cannot read the file: \(reason)"
        case let .syntax(file, line, column, message): return "\(file):\(line):\(column): \(message)"
        case let .empty(file, expected): return "\(file):1:1: the file is empty; expected \(expected)"
        case let .unexpectedShape(place, expected): return "\(place): expected \(expected)"
        case let .missingColumns(file, missing, headers):
            let shown = headers.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
            return "\(file):1:1: missing required column(s) \(missing.joined(separator: ", ")); the header row has \(shown.isEmpty ? "no columns" : shown)"
        case let .missingField(place, field, expected): return "\(place): required field '\(field)' is missing or blank; expected \(expected)"
        case let .invalidValue(place, value, expected): return "\(place): \(Self.quote(value)) is not valid: expected \(expected)"
        case let .duplicate(place, what, first): return "\(place): \(what) appears twice (first at \(first))"
        case let .fieldCount(place, expected, found): return "\(place): \(FieldCount.message(expected: expected, found: found))"
        }
    }

    /// The file, line and column (0 when the error is about a whole JSON record) of the error.
    public var location: (file: String, line: Int, column: Int) {
        switch self {
        case let .unreadable(file, _), let .empty(file, _), let .missingColumns(file, _, _): return (file, 1, 1)
        case let .syntax(file, line, column, _): return (file, line, column)
        case let .unexpectedShape(p, _), let .missingField(p, _, _), let .invalidValue(p, _, _), let .duplicate(p, _, _),
             let .fieldCount(p, _, _):
            return (p.file, p.line, p.column ?? 0)
        }
    }

    private static func quote(_ value: String) -> String {
        let shown = value.count > 80 ? String(value.prefix(80)) + "..." : value
        return shown.isEmpty ? "a blank value" : "'\(shown)'"
    }
}

/// The name the issue gives the proposal file's errors; the same type serves reviews and conflicts.
public typealias ProposalInputError = RoundInputError

/// What a file gave when every error is collected: the valid records and the errors, in file order.
public struct RoundFileReport<Item: Sendable>: Sendable {
    public var items: [Item]
    public var errors: [RoundInputError]

    public init(items: [Item] = [], errors: [RoundInputError] = []) {
        self.items = items
        self.errors = errors
    }
}
