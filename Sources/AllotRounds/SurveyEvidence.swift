import AllotCore
import AllotIngest

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

    /// Streams `files`; a response id seen twice counts once, or fails when its answers differ.
    public static func fromFiles(_ files: [String], catalogue: MappingCatalogue, options: SurveyReadOptions) throws -> SurveyEvidence {
        var evidence = SurveyEvidence()
        // (survey, id) -> (content hash, where first seen). Keys are hashed so a million ids stay small.
        var seen: [UInt64: (content: UInt64, file: Int, line: Int)] = [:]
        for (f, file) in files.enumerated() {
            let report = try SurveyFileReader.read(path: file, catalogue: catalogue, options: options) { row, line in
                let key: UInt64, content: UInt64
                switch row {
                case let .response(r):
                    var h = StableHash(); h.combine(r.survey); h.combine(r.responseID)
                    key = h.value; content = r.contentHash
                case let .refusal(survey, id):
                    var h = StableHash(); h.combine(survey); h.combine(id)
                    key = h.value; content = 0
                case .blank: return
                }
                if let previous = seen[key] {
                    if previous.content == content { return }
                    let (survey, id): (String, String) = switch row {
                    case let .response(r): (r.survey, r.responseID)
                    case let .refusal(s, i): (s, i)
                    case .blank: ("", "")
                    }
                    throw SurveyInputError.conflictingResponse(file: file, line: line, survey: survey, responseID: id,
                                                               previous: "at \(files[previous.file]):\(previous.line)")
                }
                seen[key] = (content, f, line)
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
