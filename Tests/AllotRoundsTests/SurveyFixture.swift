import AllotCore
import AllotIngest
import AllotRounds
import Foundation

/// A generated survey file with the awkward parts of real exports: fields holding line feeds and CRLF pairs, doubled
/// quotes, CRLF and LF line ends mixed, a blank line, two surveys; and flaws placed at chosen rows.
enum SurveyFixture {
    enum Flaw {
        case badConsent
        /// A quote inside an unquoted field.
        case strayQuote
        /// A field opened with a quote that is never closed.
        case unclosedQuote
        case tooManyFields
        /// Row N's id with other answers.
        case conflictWith(Int)
        /// Row N again, exactly.
        case copyOf(Int)
    }

    /// Writes `rows` data rows (0-based row i is on or after file line i + 2) to a new temporary file.
    static func write(rows: Int, flaws: [(Int, Flaw)] = []) throws -> String {
        var generator = SyntheticSurvey(seed: 11)
        var table: [[String]] = (0..<rows).map { i in
            var fields = generator.row(survey: i % 4 == 0 ? "practitioner-2017-18" : "practitioner-2022-23", index: i).fields
            switch i % 5 {
            case 1: fields[6] = "Flat 2\n12 High Street"            // not a postcode: kept, over two lines
            case 3: fields[6] = "The \"Old\" School,\r\nMill Lane"  // quotes, a comma and a CRLF inside the field
            default: break
            }
            return fields
        }
        var raw: [Int: String] = [:]
        for (row, flaw) in flaws {
            switch flaw {
            case .badConsent: table[row][2] = "perhaps"
            case .tooManyFields: table[row].append("extra")
            case .conflictWith(let other):
                table[row] = table[other]
                table[row][2] = "yes"
                table[row][7] = "4321"
            case .copyOf(let other): table[row] = table[other]
            case .strayQuote: raw[row] = "ab\"c"
            case .unclosedQuote: raw[row] = "\"never closed"
            }
        }
        var bytes: [UInt8] = Array(SyntheticSurvey.header.joined(separator: ",").utf8) + [0x0D, 0x0A]
        for (i, fields) in table.enumerated() {
            for (c, field) in fields.enumerated() {
                if c > 0 { bytes.append(UInt8(ascii: ",")) }
                if c == 6, let text = raw[i] { bytes.append(contentsOf: text.utf8) } else { CSVWriter.append(field, to: &bytes) }
            }
            bytes.append(contentsOf: i % 3 == 0 ? [0x0D, 0x0A] : [0x0A])
            if i == rows / 2 { bytes.append(0x0A) }                  // a blank line
        }
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = (folder as NSString).appendingPathComponent("survey.csv")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The reference: the plain streaming `CSVReader` and the decoder, one record after another, with the duplicate rule
/// written out again (first occurrence wins; the same id with other answers is an error naming both places).
enum SequentialOracle {
    struct Outcome {
        var evidence = SurveyEvidence()
        var responses = 0
        var refusals = 0
        var rejectLines: [Int] = []
        var lines: [Int] = []
    }

    static func read(_ path: String, catalogue: MappingCatalogue, skipInvalid: Bool = false) -> Result<Outcome, SurveyInputError> {
        do {
            return .success(try readOrThrow(path, catalogue: catalogue, skipInvalid: skipInvalid))
        } catch let e as SurveyInputError {
            return .failure(e)
        } catch let e as CSVError {
            return .failure(.syntax(e))
        } catch {
            return .failure(.empty(file: "unexpected \(error)"))
        }
    }

    static func lines(_ path: String, catalogue: MappingCatalogue) -> [Int] {
        (try? readOrThrow(path, catalogue: catalogue, skipInvalid: false).lines) ?? []
    }

    static func sha256(_ path: String) -> String? {
        guard let reader = try? CSVReader(path: path, chunkSize: 4096, computeDigest: true) else { return nil }
        var record = CSVRecord()
        while (try? reader.next(into: &record)) == true {}
        return reader.digestHex()
    }

    private static func readOrThrow(_ path: String, catalogue: MappingCatalogue, skipInvalid: Bool) throws -> Outcome {
        let reader = try CSVReader(path: path, chunkSize: 4096)
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        var decoder = try SurveyDecoder(mapping: try catalogue.mapping(named: "canonical"), header: record, fileName: path)
        var seen: [String: (content: UInt64, line: Int)] = [:]
        var outcome = Outcome()
        while true {
            do {
                guard try reader.next(into: &record) else { break }
            } catch let e as CSVError { throw SurveyInputError.syntax(e) }
            do {
                let row = try decoder.decode(record)
                let survey: String, id: String, content: UInt64
                switch row {
                case let .response(r): (survey, id, content) = (r.survey, r.responseID, r.contentHash)
                case let .refusal(s, i): (survey, id, content) = (s, i, 0)
                case .blank: continue
                }
                let key = survey + "\u{0}" + id
                if let previous = seen[key] {
                    if previous.content != content {
                        throw SurveyInputError.conflictingResponse(file: path, line: record.line, survey: survey, responseID: id,
                                                                   previous: "at \(path):\(previous.line)")
                    }
                } else {
                    seen[key] = (content, record.line)
                    outcome.evidence.add(row)
                }
                outcome.lines.append(record.line)
                if case .refusal = row { outcome.refusals += 1 } else { outcome.responses += 1 }
            } catch let e as SurveyInputError where skipInvalid {
                outcome.rejectLines.append(e.location.line)
            }
        }
        return outcome
    }
}
