import AllotCore
import AllotIngest
import AllotRounds
import Foundation
import Testing

/// Reading a survey file on several threads, in windows cut into pieces, must give what one thread reading the file
/// from start to end gives: the same tallies (and so the same summary bytes), the same first error at the same
/// file:line:column, the same conflicting-duplicate message and the same reject file. The expected results come from
/// `SequentialOracle`, which reads the file with the plain streaming `CSVReader` one record after another.
@Suite("Survey evidence read in parallel pieces")
struct ParallelSurveyEvidenceTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func catalogue() throws -> MappingCatalogue {
        try MappingCatalogue.load(from: ConfigDirectory(path: repository.appendingPathComponent("Config").path))
    }

    /// Thread counts and window sizes: tiny windows put split points inside quoted fields, inside CRLF pairs and
    /// inside multi-line records; the default window reads the whole fixture at once.
    static let settings: [(threads: Int, window: Int)] = [
        (1, 32 << 20), (2, 32 << 20), (4, 32 << 20), (1, 97), (2, 97), (4, 97), (2, 700), (4, 1500), (3, 4096),
    ]

    @Test("tallies and summary bytes are the single reader's for 1, 2 and 4 threads and any window")
    func sameTallies() throws {
        let path = try SurveyFixture.write(rows: 1500)
        let catalogue = try Self.catalogue()
        let expected = try SequentialOracle.read(path, catalogue: catalogue).get()
        #expect(expected.responses > 1000)
        for setting in Self.settings {
            let evidence = try SurveyEvidence.fromFiles([path], catalogue: catalogue,
                                                        options: SurveyReadOptions(threads: setting.threads, windowBytes: setting.window))
            #expect(evidence.tallies == expected.evidence.tallies, "threads \(setting.threads), window \(setting.window)")
            #expect(evidence.need == expected.evidence.need, "threads \(setting.threads), window \(setting.window)")
            #expect(try Self.summaryBytes(evidence) == Self.summaryBytes(expected.evidence))
            #expect(evidence.reports.first?.responses == expected.responses)
            #expect(evidence.reports.first?.refusals == expected.refusals)
        }
    }

    @Test("a malformed row late in the file is the error reported, at the same file:line:column")
    func lateError() throws {
        let catalogue = try Self.catalogue()
        for bad in [SurveyFixture.Flaw.badConsent, .strayQuote, .unclosedQuote, .tooManyFields] {
            let path = try SurveyFixture.write(rows: 800, flaws: [(700, bad), (750, .badConsent)])
            guard case let .failure(expected) = SequentialOracle.read(path, catalogue: catalogue) else {
                Issue.record("the oracle read \(bad) without an error"); continue
            }
            for setting in Self.settings {
                #expect(throws: expected) {
                    _ = try SurveyEvidence.fromFiles([path], catalogue: catalogue,
                                                     options: SurveyReadOptions(threads: setting.threads, windowBytes: setting.window))
                }
            }
        }
    }

    @Test("a conflicting duplicate whose pair straddles pieces gives the same message naming both places")
    func conflictingDuplicate() throws {
        let catalogue = try Self.catalogue()
        // Row 700 repeats row 20's id with other answers; row 600 repeats row 30 exactly (counted once).
        let path = try SurveyFixture.write(rows: 800, flaws: [(700, .conflictWith(20)), (600, .copyOf(30))])
        guard case let .failure(expected) = SequentialOracle.read(path, catalogue: catalogue) else {
            Issue.record("the oracle found no conflict"); return
        }
        #expect("\(expected)".contains("appears again with different answers"))
        for setting in Self.settings {
            #expect(throws: expected) {
                _ = try SurveyEvidence.fromFiles([path], catalogue: catalogue,
                                                 options: SurveyReadOptions(threads: setting.threads, windowBytes: setting.window))
            }
        }
        // An exact duplicate alone counts once, whichever pieces hold the pair.
        let exact = try SurveyFixture.write(rows: 800, flaws: [(600, .copyOf(3)), (700, .copyOf(699))])
        let once = try SequentialOracle.read(exact, catalogue: catalogue).get()
        for setting in Self.settings {
            let evidence = try SurveyEvidence.fromFiles([exact], catalogue: catalogue,
                                                        options: SurveyReadOptions(threads: setting.threads, windowBytes: setting.window))
            #expect(evidence.tallies == once.evidence.tallies && evidence.need == once.evidence.need)
        }
    }

    @Test("across files: a second file repeating the first counts once, and a conflict names the first file's line")
    func acrossFiles() throws {
        let catalogue = try Self.catalogue()
        // The generator is seeded, so a second file of the same size repeats every response of the first exactly.
        let first = try SurveyFixture.write(rows: 400)
        let again = try SurveyFixture.write(rows: 400)
        let conflicting = try SurveyFixture.write(rows: 400, flaws: [(350, .conflictWith(10))])
        let alone = try SequentialOracle.read(first, catalogue: catalogue).get()
        let lines = SequentialOracle.lines(first, catalogue: catalogue)
        let expected = SurveyInputError.conflictingResponse(file: conflicting, line: lines[350], survey: "practitioner-2022-23",
                                                            responseID: "practitioner-2022-23-10", previous: "at \(first):\(lines[10])")
        for setting in Self.settings {
            let options = SurveyReadOptions(threads: setting.threads, windowBytes: setting.window)
            let both = try SurveyEvidence.fromFiles([first, again], catalogue: catalogue, options: options)
            #expect(both.tallies == alone.evidence.tallies && both.need == alone.evidence.need, "threads \(setting.threads), window \(setting.window)")
            #expect(throws: expected) { _ = try SurveyEvidence.fromFiles([first, conflicting], catalogue: catalogue, options: options) }
        }
    }

    @Test("with --skip-invalid the reject file lists rejects in file order, the same bytes for any thread count")
    func rejectsInOrder() throws {
        let catalogue = try Self.catalogue()
        let flaws: [(Int, SurveyFixture.Flaw)] = [(50, .badConsent), (51, .conflictWith(10)), (400, .badConsent), (401, .tooManyFields),
                                                  (777, .conflictWith(700)), (1190, .badConsent)]
        let path = try SurveyFixture.write(rows: 1200, flaws: flaws)
        let expected = try SequentialOracle.read(path, catalogue: catalogue, skipInvalid: true).get()
        var first: [UInt8]?
        for setting in Self.settings {
            let rejects = path + ".\(setting.threads)-\(setting.window).rejects.csv"
            let evidence = try SurveyEvidence.fromFiles([path], catalogue: catalogue, options: SurveyReadOptions(
                skipInvalid: true, rejectFile: rejects, threads: setting.threads, windowBytes: setting.window))
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: rejects)))
            let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().compactMap { Int($0.prefix { $0 != "," }) }
            #expect(lines == expected.rejectLines, "threads \(setting.threads), window \(setting.window)")
            #expect(evidence.tallies == expected.evidence.tallies && evidence.need == expected.evidence.need)
            #expect(evidence.reports.first?.rejected == expected.rejectLines.count)
            if let first { #expect(bytes == first) } else { first = bytes }
        }
    }

    @Test("rows reach the ingest body in file order with their lines, for any thread count")
    func orderedRows() throws {
        let catalogue = try Self.catalogue()
        let path = try SurveyFixture.write(rows: 600)
        var expected: [Int] = []
        _ = try SurveyFileReader.read(path: path, catalogue: catalogue, options: SurveyReadOptions()) { _, line in expected.append(line) }
        #expect(expected == SequentialOracle.lines(path, catalogue: catalogue))
        for setting in Self.settings {
            var lines: [Int] = []
            let report = try SurveyFileReader.read(path: path, catalogue: catalogue,
                                                   options: SurveyReadOptions(computeDigest: true, threads: setting.threads,
                                                                              windowBytes: setting.window)) { _, line in lines.append(line) }
            #expect(lines == expected)
            #expect(report.sha256 == SequentialOracle.sha256(path))
        }
    }

    static func summaryBytes(_ evidence: SurveyEvidence) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(evidence.tallies.values.sorted { $0.survey < $1.survey }.map(SurveySummary.init))
    }
}
