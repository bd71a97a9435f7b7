import AllotCore

/// Reads `reviews.csv` (`proposal, reviewer, criterion, score, comment`): scores on the round's scale,
/// proposals known to the round, one score per reviewer, proposal and criterion.
public struct ReviewReader {
    public let scale: ClosedRange<Double>
    /// Comparison key of each known proposal id -> the id as the proposals file spells it.
    private let proposals: [String: String]

    /// `proposalIDs` are the round's proposals (ids compared as `WordingKey` does).
    public init(scale: ClosedRange<Double> = 1...5, proposalIDs: [String]) {
        self.scale = scale
        var ids: [String: String] = [:]
        for id in proposalIDs where ids[WordingKey.normalise(id)] == nil { ids[WordingKey.normalise(id)] = id }
        proposals = ids
    }

    /// Every review of the file at `path`, in file order; throws the first `RoundInputError`.
    public func read(path: String) throws(RoundInputError) -> [Review] {
        let report = try decode(bytes: RoundFileBytes.read(path: path), name: path, stopAtFirst: true)
        if let first = report.errors.first { throw first }
        return report.items
    }

    /// The reviews of `bytes` named `name`; throws the first error.
    public func read(bytes: [UInt8], name: String) throws(RoundInputError) -> [Review] {
        let report = try decode(bytes: bytes, name: name, stopAtFirst: true)
        if let first = report.errors.first { throw first }
        return report.items
    }

    /// The valid reviews and every error.
    public func readCollectingErrors(path: String) -> RoundFileReport<Review> {
        do throws(RoundInputError) { return try decode(bytes: RoundFileBytes.read(path: path), name: path, stopAtFirst: false) } catch {
            return RoundFileReport(errors: [error])
        }
    }

    private var scaleText: String { "\(ProposalDecoder.number(scale.lowerBound)) to \(ProposalDecoder.number(scale.upperBound))" }

    private func decode(bytes: [UInt8], name: String, stopAtFirst: Bool) throws(RoundInputError) -> RoundFileReport<Review> {
        let required = ["proposal", "reviewer", "criterion", "score"]
        let table = try RoundCSVTable(bytes: bytes, file: name, fields: required + ["comment"], required: required,
                                      aliases: ["proposal_id": "proposal"])
        var report = RoundFileReport<Review>()
        var seen: [[String]: RoundInputPlace] = [:]
        for row in table.rows {
            let before = report.errors.count
            if let error = table.fieldCountError(row) {
                report.errors.append(error)
                if stopAtFirst { break }
                continue
            }
            var cells: [String: String] = [:]
            for field in required {
                if let text = table.cell(row, field) { cells[field] = text } else {
                    report.errors.append(.missingField(place: table.place(row, field), field: field, expected: expected(field)))
                }
            }
            for field in ["reviewer", "criterion"] {
                if let text = cells[field], text.count > InputLimits.maxNameLength {
                    report.errors.append(.invalidValue(place: table.place(row, field), value: ProposalDecoder.shortened(text),
                                                       expected: "at most \(InputLimits.maxNameLength) characters"))
                    cells[field] = nil
                }
            }
            if let comment = table.cell(row, "comment"), comment.count > InputLimits.maxCommentLength {
                report.errors.append(.invalidValue(place: table.place(row, "comment"), value: ProposalDecoder.shortened(comment),
                                                   expected: "a comment of at most \(InputLimits.maxCommentLength) characters"))
            }
            var id: String?
            if let text = cells["proposal"] {
                id = proposals[WordingKey.normalise(text)]
                if id == nil { report.errors.append(.invalidValue(place: table.place(row, "proposal"), value: text, expected: expected("proposal"))) }
            }
            var score: Double?
            if let text = cells["score"] {
                if let n = Double(text), n.isFinite, scale.contains(n) { score = n } else {
                    report.errors.append(.invalidValue(place: table.place(row, "score"), value: text, expected: expected("score")))
                }
            }
            if let id, let reviewer = cells["reviewer"], let criterion = cells["criterion"], let score, report.errors.count == before {
                let key = [WordingKey.normalise(id), WordingKey.normalise(reviewer), WordingKey.normalise(criterion)]
                if let first = seen[key] {
                    report.errors.append(.duplicate(place: table.place(row, "score"),
                                                    what: "a score by '\(reviewer)' of '\(id)' on '\(criterion)'", first: first))
                } else {
                    seen[key] = table.place(row, "score")
                    report.items.append(Review(proposal: id, reviewer: reviewer, criterion: criterion, score: score, comment: table.cell(row, "comment")))
                }
            }
            if stopAtFirst, report.errors.count > before { break }
        }
        return report
    }

    private func expected(_ field: String) -> String {
        switch field {
        case "proposal": "the id of one of the round's \(proposals.count) proposals"
        case "reviewer": "the reviewer's name"
        case "criterion": "the criterion scored, e.g. deliverability"
        default: "a score from \(scaleText) (the round's score_scale)"
        }
    }
}
