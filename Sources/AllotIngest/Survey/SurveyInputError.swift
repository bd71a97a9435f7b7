/// Why a survey file (or one of its rows) cannot be used; every case names the file and place.
public enum SurveyInputError: Error, CustomStringConvertible, Equatable {
    /// Broken CSV syntax or encoding.
    case syntax(CSVError)
    /// The file has no header row.
    case empty(file: String)
    /// Required columns are absent.
    case missingColumns(file: String, missing: [String], mapping: String, headers: [String])
    /// No mapping in Config/mappings recognises the headers, or several do equally well.
    case unrecognisedHeaders(file: String, reason: String)
    /// A cell whose value is not allowed.
    case invalidValue(file: String, line: Int, column: Int, columnName: String, value: String, expected: String)
    /// A data row whose number of fields differs from the header row's.
    case fieldCount(file: String, line: Int, expected: Int, found: Int)
    /// The same response id arrives with different answers.
    case conflictingResponse(file: String, line: Int, survey: String, responseID: String, previous: String)

    public var description: String {
        switch self {
        case let .syntax(e): return e.description
        case let .empty(file): return "\(file):1:1: the file is empty; expected a header row naming the columns"
        case let .missingColumns(file, missing, mapping, headers):
            let shown = headers.prefix(20).map { "'\($0)'" }.joined(separator: ", ")
            return "\(file):1:1: missing required column(s) \(missing.joined(separator: ", ")) (mapping '\(mapping)'); the header row has \(shown)\(headers.count > 20 ? ", ..." : "")"
        case let .unrecognisedHeaders(file, reason): return "\(file):1:1: \(reason)"
        case let .invalidValue(file, line, column, name, value, expected):
            return "\(file):\(line):\(column) (column '\(name)'): \(Self.quote(value)) is not valid: expected \(expected)"
        case let .fieldCount(file, line, expected, found):
            return "\(file):\(line):\(FieldCount.column(expected: expected, found: found)): \(FieldCount.message(expected: expected, found: found))"
        case let .conflictingResponse(file, line, survey, id, previous):
            return "\(file):\(line):1 (column 'response_id'): response '\(id)' of survey '\(survey)' appears again with different answers (first seen \(previous)); a response id must identify one response"
        }
    }

    /// The place of the error, for reject files.
    public var location: (line: Int, column: Int, columnName: String, value: String, reason: String) {
        switch self {
        case let .syntax(e): return (e.line, e.column, "", "", e.message)
        case let .invalidValue(_, line, column, name, value, expected): return (line, column, name, value, "expected \(expected)")
        case let .fieldCount(_, line, expected, found):
            return (line, FieldCount.column(expected: expected, found: found), "", "", FieldCount.message(expected: expected, found: found))
        case let .conflictingResponse(_, line, _, id, _): return (line, 1, "response_id", id, "same response id with different answers")
        default: return (1, 1, "", "", description)
        }
    }

    private static func quote(_ value: String) -> String {
        let shown = value.count > 80 ? String(value.prefix(80)) + "..." : value
        return shown.isEmpty ? "a blank cell" : "'\(shown)'"
    }
}
