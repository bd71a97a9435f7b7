import AllotCore
import Foundation

/// A small round CSV file (proposals, reviews, conflicts) read whole: header columns by field name, then rows.
struct RoundCSVTable {
    let file: String
    let headers: [String]
    /// Field name -> 0-based column.
    let columns: [String: Int]
    /// Non-blank records after the header.
    let rows: [CSVRecord]

    /// Reads `bytes` (named `file`), finds the columns of `fields` (header names compared as `fieldKey` says,
    /// `aliases` mapping other names to fields) and fails when a `required` one is absent.
    init(bytes: [UInt8], file: String, fields: [String], required: [String], aliases: [String: String] = [:]) throws(RoundInputError) {
        let reader = CSVReader(bytes: bytes, name: file)
        var record = CSVRecord()
        var rows: [CSVRecord] = []
        var header: [String]?
        do {
            while try reader.next(into: &record) {
                if let bad = record.invalidUTF8Field() {
                    throw RoundInputError.syntax(file: file, line: record.line, column: bad + 1, message: "text that is not UTF-8; save the file as CSV UTF-8")
                }
                if header == nil { header = (0..<record.count).map { record.string($0) }; continue }
                if (0..<record.count).allSatisfy({ record.isBlank($0) }) { continue }
                rows.append(record)
            }
        } catch let e as CSVError {
            throw .syntax(file: e.file, line: e.line, column: e.column, message: e.message)
        } catch let e as RoundInputError {
            throw e
        } catch {
            throw .unreadable(file: file, reason: "\(error)")
        }
        guard let header else { throw .empty(file: file, expected: "a header row naming the columns (\(fields.joined(separator: ", ")))") }
        var columns: [String: Int] = [:]
        for (i, name) in header.enumerated() {
            let key = Self.fieldKey(name)
            let field = aliases[key] ?? key
            if fields.contains(field), columns[field] == nil { columns[field] = i }
        }
        let missing = required.filter { columns[$0] == nil }
        guard missing.isEmpty else { throw .missingColumns(file: file, missing: missing, headers: header) }
        self.file = file
        self.headers = header
        self.columns = columns
        self.rows = rows
    }

    /// A header or JSON key as a field name: `WordingKey` rules, spaces and hyphens as underscores.
    static func fieldKey(_ name: String) -> String {
        String(WordingKey.normalise(name).map { $0 == " " || $0 == "-" ? "_" : $0 })
    }

    /// The error of a row whose number of fields differs from the header's, placed at the first surplus or missing field.
    func fieldCountError(_ record: CSVRecord) -> RoundInputError? {
        guard record.count != headers.count else { return nil }
        let column = FieldCount.column(expected: headers.count, found: record.count)
        return .fieldCount(place: RoundInputPlace(file: file, line: record.line, column: column), expected: headers.count, found: record.count)
    }

    /// The place of `field` in `record` (the first column when the file has no such column).
    func place(_ record: CSVRecord, _ field: String) -> RoundInputPlace {
        guard let c = columns[field] else { return RoundInputPlace(file: file, line: record.line, column: 1) }
        return RoundInputPlace(file: file, line: record.line, column: c + 1, columnName: headers[c])
    }

    /// The trimmed cell of `field`, nil when blank or the column is absent.
    func cell(_ record: CSVRecord, _ field: String) -> String? {
        guard let c = columns[field], !record.isBlank(c) else { return nil }
        let text = record.string(c).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }
}

/// Reads a whole small file, naming it in the error.
enum RoundFileBytes {
    static func read(path: String) throws(RoundInputError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            throw .unreadable(file: path, reason: exists ? "permission denied or not a file" : "no such file")
        }
        return [UInt8](data)
    }
}
