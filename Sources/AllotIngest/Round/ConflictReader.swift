import AllotCore

/// Reads `conflicts.csv` (`reviewer, applicant`): who must never review, see or be told about whom.
public struct ConflictReader {
    public init() {}

    /// Every conflict of the file at `path`, repeats removed, in file order; throws the first `RoundInputError`.
    public func read(path: String) throws(RoundInputError) -> [Conflict] {
        try read(bytes: RoundFileBytes.read(path: path), name: path)
    }

    /// Every conflict of `bytes` named `name`.
    public func read(bytes: [UInt8], name: String) throws(RoundInputError) -> [Conflict] {
        let fields = ["reviewer", "applicant"]
        let table = try RoundCSVTable(bytes: bytes, file: name, fields: fields, required: fields)
        var out: [Conflict] = []
        var seen: Set<[String]> = []
        for row in table.rows {
            if let error = table.fieldCountError(row) { throw error }
            var cells: [String] = []
            for field in fields {
                guard let text = table.cell(row, field) else {
                    throw .missingField(place: table.place(row, field), field: field,
                                        expected: field == "reviewer" ? "the reviewer's name" : "the applicant's name as in the proposals")
                }
                cells.append(text)
            }
            // Reviewers compared as wordings are, applicants by `ApplicantKey`, as every other applicant match.
            if seen.insert([WordingKey.normalise(cells[0]), ApplicantKey(cells[1]).value]).inserted {
                out.append(Conflict(reviewer: cells[0], applicant: cells[1]))
            }
        }
        return out
    }
}
