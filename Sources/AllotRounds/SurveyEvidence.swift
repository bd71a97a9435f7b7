import AllotCore
import AllotIngest
import Foundation

/// Tallies for the summary and the need model, from survey files (streamed) or from the store.
public struct SurveyEvidence: Sendable {
    public var tallies: [String: SurveyTally] = [:]
    public var need = NeedTally()
    public var reports: [SurveyFileReport] = []

    public init() {}

    /// Counts one decoded row.
    public mutating func add(_ row: DecodedRow) {
        switch row {
        case let .response(r):
            if tallies[r.survey] == nil { tallies[r.survey] = SurveyTally(survey: r.survey) }
            tallies[r.survey]?.add(r)
            need.add(r)
        case let .refusal(survey, _):
            if tallies[survey] == nil { tallies[survey] = SurveyTally(survey: survey) }
            tallies[survey]?.addRefusal()
        case .blank: break
        }
    }

    /// Adds one survey's counts (exact integer sums: the order of merging never shows).
    public mutating func merge(_ counts: SurveyCounts) {
        if tallies[counts.survey] == nil { tallies[counts.survey] = counts.tally } else { tallies[counts.survey]?.merge(counts.tally) }
        need.merge(counts)
    }

    /// Adds the tallies of `other` (exact integer sums: the order of merging never shows).
    public mutating func merge(_ other: SurveyEvidence) {
        for (survey, tally) in other.tallies {
            if tallies[survey] == nil { tallies[survey] = tally } else { tallies[survey]?.merge(tally) }
        }
        need.merge(other.need)
    }

    /// Streams `files`; a response id seen twice counts once, or fails when its answers differ.
    ///
    /// Each window of a file is decoded in pieces on `options.threads` threads, each piece into its own tallies and
    /// its list of response ids. The pieces are then taken in file order: a piece none of whose ids was seen before
    /// (nor twice within it) adds its tallies as they are; a piece with a repeated id is read again on this thread
    /// against every id seen so far, as a single thread would have read it. So the tallies, the first error and its
    /// message never depend on the number of threads.
    public static func fromFiles(_ files: [String], catalogue: MappingCatalogue, options: SurveyReadOptions) throws -> SurveyEvidence {
        var evidence = SurveyEvidence()
        // (survey, id) -> (content hash, where first seen). Keys are hashed so a million ids stay small.
        var seen: [UInt64: (content: UInt64, file: Int, line: Int)] = [:]
        // Room for about one id per 600 bytes (the reports' wordings make rows of 500-800 bytes): growing the table
        // a row at a time rehashed it twenty times on a million rows, on the one thread that merges.
        let bytes = files.reduce(0) { $0 + (((try? FileManager.default.attributesOfItem(atPath: $1)[.size]) as? NSNumber)?.intValue ?? 0) }
        seen.reserveCapacity(bytes / 600)
        for (f, file) in files.enumerated() {
            let report = try SurveyFileReader.fold(path: file, catalogue: catalogue, options: options) {
                EvidencePiece()
            } add: { piece, row, line in
                piece.add(row, line: line)
            } adopt: { piece in
                for (i, id) in piece.ids.enumerated() {
                    // One lookup per id: this merge runs on one thread while the others wait.
                    if let earlier = seen.updateValue((id.content, f, id.line), forKey: id.key) {
                        // Undo this piece's ids: it is read again against what came before it.
                        seen[id.key] = earlier
                        for own in piece.ids[..<i] { seen[own.key] = nil }
                        return false
                    }
                }
                for counts in piece.counts { evidence.merge(counts) }
                return true
            } body: { row, line in
                guard let id = ResponseIdentity(row) else { return }
                if let previous = seen[id.key] {
                    if previous.content == id.content { return }
                    throw SurveyInputError.conflictingResponse(file: file, line: line, survey: id.survey, responseID: id.responseID,
                                                               previous: "at \(files[previous.file]):\(previous.line)")
                }
                seen[id.key] = (id.content, f, line)
                evidence.add(row)
            }
            evidence.reports.append(report)
        }
        return evidence
    }

    /// Reads the stored responses of `surveys`.
    public static func fromStore(_ repository: some SurveyRepository, surveys: [String]) throws -> SurveyEvidence {
        var evidence = SurveyEvidence()
        for survey in surveys {
            var tally = SurveyTally(survey: survey)
            try repository.forEachResponse(survey: survey) { r in
                tally.add(r)
                evidence.need.add(r)
            }
            tally.excludedNoConsent = try repository.refusalCount(survey: survey)
            evidence.tallies[survey] = tally
        }
        return evidence
    }
}

/// One piece of a file read in parallel: its own counts per survey and the ids of its rows in file order.
private struct EvidencePiece {
    /// One per survey met, in the order met (a piece nearly always holds one survey's rows).
    var counts: [SurveyCounts] = []
    var ids: [(key: UInt64, content: UInt64, line: Int)] = []
    private var last = 0

    /// Counts `row` and notes its id (one look at the row: a response is a few hundred bytes to copy).
    mutating func add(_ row: DecodedRow, line: Int) {
        switch row {
        case let .response(r):
            let hashes = r.identityAndContentHash(ProcessHash.self)
            ids.append((hashes.identity, hashes.content, line))
            counts[slot(r.survey)].add(r)
        case let .refusal(survey, id):
            ids.append((ResponseIdentity.key(survey: survey, responseID: id), 0, line))
            counts[slot(survey)].addRefusal()
        case .blank: break
        }
    }

    private mutating func slot(_ survey: String) -> Int {
        if last < counts.count, counts[last].survey == survey { return last }
        last = counts.firstIndex { $0.survey == survey } ?? counts.count
        if last == counts.count { counts.append(SurveyCounts(survey: survey)) }
        return last
    }
}

/// What identifies a row, (survey, id) hashed, and the hash of its answers (0 for a refusal): `ProcessHash`, since the
/// hashes live only as long as the read.
private struct ResponseIdentity {
    let survey: String
    let responseID: String
    let key: UInt64
    let content: UInt64

    init?(_ row: DecodedRow) {
        switch row {
        case let .response(r):
            survey = r.survey; responseID = r.responseID
            (key, content) = r.identityAndContentHash(ProcessHash.self)
        case let .refusal(s, id):
            survey = s; responseID = id; content = 0
            key = Self.key(survey: s, responseID: id)
        case .blank:
            return nil
        }
    }

    /// The key of a (survey, id) pair: a response's `identityAndContentHash(ProcessHash.self).identity`.
    static func key(survey: String, responseID: String) -> UInt64 {
        SurveyResponse.identityHash(ProcessHash.self, survey: survey, responseID: responseID).value
    }
}
