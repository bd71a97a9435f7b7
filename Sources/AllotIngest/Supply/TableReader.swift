import AllotCore
import Foundation

/// Reads a CSV file whose columns are named in its header (supply returns, workforce): finds the
/// columns, and turns cells into typed values with errors naming file, line, column and value.
struct TableReader {
    let file: String
    private let reader: CSVReader
    private(set) var record = CSVRecord()
    private var columns: [String: Int] = [:]
    let headers: [String]

    init(path: String, required: [String]) throws {
        let reader: CSVReader
        do { reader = try CSVReader(path: path) } catch let e as CSVError { throw SurveyInputError.syntax(e) }
        try self.init(reader: reader, file: path, required: required)
    }

    /// The same table from bytes already read (`name` is what errors call the file).
    init(bytes: [UInt8], name: String, required: [String]) throws {
        try self.init(reader: CSVReader(bytes: bytes, name: name), file: name, required: required)
    }

    private init(reader: CSVReader, file path: String, required: [String]) throws {
        file = path
        self.reader = reader
        var header = CSVRecord()
        do {
            guard try reader.next(into: &header), !(header.count == 1 && header.isBlank(0)) else { throw SurveyInputError.empty(file: path) }
        } catch let e as CSVError { throw SurveyInputError.syntax(e) }
        headers = (0..<header.count).map { header.string($0) }
        for (i, h) in headers.enumerated() { columns[WordingKey.normalise(h)] = i }
        let missing = required.filter { columns[$0] == nil }
        if !missing.isEmpty {
            throw SurveyInputError.missingColumns(file: path, missing: missing, mapping: "supply", headers: headers)
        }
    }

    /// Advances to the next non-blank row; false at the end.
    mutating func next() throws -> Bool {
        while true {
            do { guard try reader.next(into: &record) else { return false } } catch let e as CSVError { throw SurveyInputError.syntax(e) }
            if record.count == 1 && record.isBlank(0) { continue }
            if record.count != headers.count {
                throw SurveyInputError.fieldCount(file: file, line: record.line, expected: headers.count, found: record.count)
            }
            if let bad = record.invalidUTF8Field() { throw invalid(bad, "UTF-8 text (save the file as CSV UTF-8)") }
            return true
        }
    }

    var line: Int { record.line }
    var place: String { "\(file):\(record.line)" }

    func has(_ name: String) -> Bool { columns[name] != nil }

    func invalid(_ column: Int, _ expected: String) -> SurveyInputError {
        .invalidValue(file: file, line: record.line, column: column + 1, columnName: column < headers.count ? headers[column] : "",
                      value: column < record.count ? record.string(column) : "", expected: expected)
    }

    func invalid(_ name: String, _ expected: String) -> SurveyInputError { invalid(columns[name] ?? 0, expected) }

    func text(_ name: String) -> String {
        guard let i = columns[name], i < record.count else { return "" }
        return record.string(i).trimmingCharacters(in: .whitespaces)
    }

    func required(_ name: String, _ expected: String) throws -> String {
        let t = text(name)
        if t.isEmpty { throw invalid(name, expected + " (required)") }
        return t
    }

    func wholeNumber(_ name: String, required: Bool = true) throws -> Int? {
        let t = text(name)
        if t.isEmpty { if required { throw invalid(name, "a whole number of 0 or more (required)") } else { return nil } }
        // Bounded so that sums over many rows can never overflow.
        guard let v = Int(t), v >= 0, v <= InputLimits.maxSupplyCount else { throw invalid(name, "a whole number from 0 to \(InputLimits.maxSupplyCount)") }
        return v
    }

    func decimal(_ name: String, required: Bool = false) throws -> Double? {
        let t = text(name)
        if t.isEmpty { if required { throw invalid(name, "a number of 0 or more (required)") } else { return nil } }
        guard let v = Double(t), v >= 0, v.isFinite, v <= InputLimits.maxSupplyHours else {
            throw invalid(name, "a number from 0 to \(Int(InputLimits.maxSupplyHours))")
        }
        return v
    }

    func yesNo(_ name: String) throws -> Bool {
        switch WordingKey.normalise(text(name)) {
        case "yes", "y", "true", "1": return true
        case "no", "n", "false", "0", "": return false
        default: throw invalid(name, "yes or no")
        }
    }
}
