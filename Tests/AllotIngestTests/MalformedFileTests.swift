import AllotCore
import AllotIngest
import Testing

@Suite struct MalformedFileTests {
    private func error(_ text: String) throws -> SurveyInputError? {
        try error(bytes: Array(text.utf8))
    }

    private func error(bytes: [UInt8]) throws -> SurveyInputError? {
        let path = try Fixtures.file(bytes: bytes)
        do {
            _ = try SurveyFileReader.read(path: path, catalogue: try Fixtures.catalogue(), options: SurveyReadOptions()) { _, _ in }
            return nil
        } catch let e as SurveyInputError { return e }
    }

    private let good = "R1,practitioner-2022-23,yes,Primary,,Fife,,3,,,,,,,,"

    @Test func anUnknownWordingNamesLineColumnValueAndWhatWasExpected() throws {
        let e = try error(Fixtures.header + "\n" + good + "\nR2,practitioner-2022-23,yes,Primary,,Fife,,3,,,,,,Too much paperwork,,\n")
        guard case let .invalidValue(_, line, column, name, value, expected)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(line == 3 && column == 14 && name == "barriers" && value == "Too much paperwork")
        #expect(expected.contains("staff-cover"))
    }

    @Test func negativeOrNonNumericHoursAreRejected() throws {
        for bad in ["-3", "three", "1,5"] {
            let cell = bad.contains(",") ? "\"\(bad)\"" : bad
            let e = try error(Fixtures.header + "\nR1,practitioner-2022-23,yes,Primary,,Fife,,\(cell),,,,,,,,\n")
            guard case let .invalidValue(_, 2, 8, "pl_hours", value, _)? = e else { Issue.record("\(bad): got \(String(describing: e))"); continue }
            #expect(value == bad)
        }
    }

    @Test func aMissingRequiredColumnIsNamed() throws {
        let e = try error("response_id,survey,sector\nR1,practitioner-2022-23,Primary\n")
        guard case let .unrecognisedHeaders(_, reason)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(reason.contains("consent"))
    }

    @Test func theSameIdTwiceIsNotAnErrorOfTheReaderButBadQuotingIs() throws {
        let e = try error(Fixtures.header + "\n" + good + "\nR2,\"practitioner-2022-23,yes,Primary\n")
        guard case let .syntax(csv)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(csv.line == 3)
    }

    @Test func aFileInAnotherEncodingIsRejectedAtTheFirstBadCell() throws {
        // "Comhairle" in Latin-1 with an é: not UTF-8.
        var bytes = Array((Fixtures.header + "\n" + good + "\nR2,practitioner-2022-23,yes,Primary,,").utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9]
        bytes += Array(",,3,,,,,,,,\n".utf8)
        let e = try error(bytes: bytes)
        guard case let .invalidValue(_, 3, 6, _, _, expected)? = e else { Issue.record("got \(String(describing: e))"); return }
        #expect(expected.contains("UTF-8"))
    }

    @Test func anEmptyFileIsRejected() throws {
        guard case .empty? = try error("") else { Issue.record("expected .empty"); return }
        guard case .empty? = try error("\n") else { Issue.record("expected .empty"); return }
    }

    @Test func skipInvalidKeepsGoodRowsAndWritesTheRejects() throws {
        let path = try Fixtures.file(Fixtures.header + "\n" + good + "\nR2,practitioner-2022-23,yes,Primary,,Fife,,-1,,,,,,,,\nR3,practitioner-2022-23,yes,Nursery,,,,,,,,,,,,\n")
        var kept = 0
        let report = try SurveyFileReader.read(path: path, catalogue: try Fixtures.catalogue(),
                                               options: SurveyReadOptions(skipInvalid: true)) { _, _ in kept += 1 }
        #expect(kept == 1 && report.rejected == 2 && report.responses == 1)
        let rejects = try #require(report.rejectFile)
        let reader = try CSVReader(path: rejects)
        var record = CSVRecord()
        var lines: [String] = []
        while try reader.next(into: &record) { lines.append(record.string(0)) }
        #expect(lines == ["line", "3", "4"])
    }
}
