import AllotCore

/// Reads a round's proposals file: a JSON array, JSON Lines or CSV (`shared/spec/supply-and-proposals.md`).
///
/// Sectors, priorities and barriers may be codes or wordings, matched through `mapping` as survey answers
/// are; areas are council names, GSS codes or variants, `ric:CODE` or `national`.
public struct ProposalReader {
    private let decoder: ProposalDecoder

    public init(mapping: SurveyMapping) {
        decoder = ProposalDecoder(mapping: mapping)
    }

    /// Every proposal of the file at `path`, in file order; throws the first `RoundInputError`.
    public func read(path: String) throws(RoundInputError) -> [Proposal] {
        try read(bytes: RoundFileBytes.read(path: path), name: path)
    }

    /// Every proposal of `bytes` (named `name`, whose extension picks the format when it has one).
    public func read(bytes: [UInt8], name: String) throws(RoundInputError) -> [Proposal] {
        let report = try decode(bytes: bytes, name: name, stopAtFirst: true)
        if let first = report.errors.first { throw first }
        return report.items
    }

    /// The valid proposals and every error, for listing them all; a file-level error is the only one then.
    public func readCollectingErrors(path: String) -> RoundFileReport<Proposal> {
        do throws(RoundInputError) {
            return try decode(bytes: RoundFileBytes.read(path: path), name: path, stopAtFirst: false)
        } catch {
            return RoundFileReport(errors: [error])
        }
    }

    /// The valid proposals and every error of `bytes`.
    public func readCollectingErrors(bytes: [UInt8], name: String) -> RoundFileReport<Proposal> {
        do throws(RoundInputError) {
            return try decode(bytes: bytes, name: name, stopAtFirst: false)
        } catch {
            return RoundFileReport(errors: [error])
        }
    }

    private func decode(bytes: [UInt8], name: String, stopAtFirst: Bool) throws(RoundInputError) -> RoundFileReport<Proposal> {
        var report = RoundFileReport<Proposal>()
        var seen: [String: RoundInputPlace] = [:]
        for record in try ProposalFile.records(bytes: bytes, file: name) {
            let before = report.errors.count
            if let error = record.unreadable {
                report.errors.append(error)
                if stopAtFirst { break }
                continue
            }
            // Ids are compared as reviews will refer to them: case and spacing ignored.
            if let field = record["id"], let id = field.text, !id.isEmpty {
                let key = WordingKey.normalise(id)
                if let first = seen[key] {
                    report.errors.append(.duplicate(place: field.place, what: "proposal id '\(id)'", first: first))
                } else {
                    seen[key] = field.place
                }
            }
            let proposal = decoder.decode(record, errors: &report.errors)
            if let proposal, report.errors.count == before {
                report.items.append(proposal)
            } else if stopAtFirst {
                break
            }
        }
        return report
    }
}
