/// The records of a proposals file in any of its forms: a JSON array, JSON Lines, or CSV.
enum ProposalFile {
    static let fields = ["id", "applicant", "title", "requested", "minimum", "sectors", "areas", "online",
                         "hours_per_participant", "priorities", "themes", "barriers_addressed", "accredited"]
    static let required = ["id", "applicant", "requested", "sectors", "areas", "hours_per_participant"]
    static let aliases = ["barriers": "barriers_addressed", "proposal_id": "id"]

    /// The form, by extension (`.csv`; `.json`, `.jsonl`, `.ndjson`) or else by the first character.
    static func isJSON(bytes: [UInt8], file: String) -> Bool {
        let base = file.split(separator: "/").last ?? ""
        let ext = base.contains(".") ? base.split(separator: ".").last.map { $0.lowercased() } ?? "" : ""
        if ext == "csv" { return false }
        if ["json", "jsonl", "ndjson"].contains(ext) { return true }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let first = body.first { ![0x20, 0x09, 0x0D, 0x0A].contains($0) }
        return first == UInt8(ascii: "[") || first == UInt8(ascii: "{")
    }

    /// Every record, in file order; file-level problems (syntax, shape, missing columns) throw.
    static func records(bytes: [UInt8], file: String) throws(RoundInputError) -> [RawRecord] {
        let records = isJSON(bytes: bytes, file: file) ? try jsonRecords(bytes: bytes, file: file) : try csvRecords(bytes: bytes, file: file)
        guard !records.isEmpty else { throw .empty(file: file, expected: "at least one proposal") }
        return records
    }

    private static func csvRecords(bytes: [UInt8], file: String) throws(RoundInputError) -> [RawRecord] {
        let table = try RoundCSVTable(bytes: bytes, file: file, fields: fields, required: required, aliases: aliases)
        return table.rows.map { row in
            var values: [String: RawField] = [:]
            for field in table.columns.keys {
                values[field] = RawField(value: .string(table.cell(row, field) ?? ""), place: table.place(row, field))
            }
            return RawRecord(place: RoundInputPlace(file: file, line: row.line), fields: values, unreadable: table.fieldCountError(row))
        }
    }

    private static func jsonRecords(bytes: [UInt8], file: String) throws(RoundInputError) -> [RawRecord] {
        var stream = JSONStream(bytes: bytes)
        let values: [JSONNode]
        do throws(JSONSyntaxError) { values = try stream.values() } catch { throw .syntax(file: file, line: error.line, column: error.column, message: error.message) }
        // One array is a JSON document; otherwise each top-level value is a record (JSON Lines).
        var nodes = values
        if values.count == 1, case let .array(items) = values[0].value { nodes = items }
        var records: [RawRecord] = []
        for (i, node) in nodes.enumerated() {
            let place = RoundInputPlace(file: file, line: node.line, path: "$[\(i)]")
            guard case let .object(members) = node.value else {
                throw .unexpectedShape(place: place, expected: "a proposal object ({\"id\": ..., \"requested\": ...}); a file holds a list of them or one per line")
            }
            var fields: [String: RawField] = [:]
            for m in members {
                let key = RoundCSVTable.fieldKey(m.key)
                let name = aliases[key] ?? key
                let field = RawField(value: m.node.value, place: place.child(".\(m.key)", line: m.node.line))
                if let first = fields[name] {
                    throw .duplicate(place: field.place, what: "field '\(name)'", first: first.place)
                }
                fields[name] = field
            }
            records.append(RawRecord(place: place, fields: fields))
        }
        return records
    }
}
