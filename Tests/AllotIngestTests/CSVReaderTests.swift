import AllotIngest
import Testing

@Suite struct CSVReaderTests {
    private func records(_ text: String, chunkSize: Int = 1 << 20) throws -> [[String]] {
        let path = try Fixtures.file(text, name: "t.csv")
        let reader = try CSVReader(path: path, chunkSize: chunkSize)
        var record = CSVRecord()
        var out: [[String]] = []
        while try reader.next(into: &record) { out.append((0..<record.count).map { record.string($0) }) }
        return out
    }

    @Test func quotedFieldsKeepCommasNewlinesAndDoubledQuotes() throws {
        let rows = try records("a,\"b, c\",\"say \"\"hi\"\"\"\r\n1,\"two\nlines\",3\r\n")
        #expect(rows == [["a", "b, c", "say \"hi\""], ["1", "two\nlines", "3"]])
    }

    @Test func recordsSurviveChunkBoundariesAnywhere() throws {
        let text = "id,name\r\n1,\"Na h-Eileanan Siar\"\r\n2,\"a \"\"quoted\"\" word\"\n3,last"
        let whole = try records(text)
        for size in 1...7 { #expect(try records(text, chunkSize: size) == whole) }
        #expect(whole.count == 4)
        #expect(whole.last == ["3", "last"])
    }

    @Test func emptyBytesInMemoryEndAtOnceAndSoDoOtherSmallUploads() throws {
        // An empty upload body used to loop for ever (found by schemathesis against `allot serve`).
        for (text, expected) in [("", 0), ("\n", 1), ("a", 1), ("a,b\n1,2", 2)] {
            let reader = CSVReader(bytes: Array(text.utf8), name: "upload.csv")
            var record = CSVRecord()
            var count = 0
            while try reader.next(into: &record) {
                count += 1
                if count > 10 { break }
            }
            #expect(count == expected, "\(text.debugDescription)")
        }
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let path = try Fixtures.file(bytes: [0xEF, 0xBB, 0xBF] + Array("response_id\nx\n".utf8))
        let reader = try CSVReader(path: path)
        var record = CSVRecord()
        _ = try reader.next(into: &record)
        #expect(record.string(0) == "response_id")
    }

    @Test func anUnclosedQuoteNamesTheLineWhereTheFieldStarts() throws {
        #expect(throws: CSVError.self) { try records("a,b\n1,\"open\n2,3\n") }
        do { _ = try records("a,b\n1,\"open\n2,3\n") } catch let e as CSVError {
            #expect(e.line == 2)
            #expect(e.column == 2)
        }
    }

    @Test func aQuoteInsideAnUnquotedFieldIsAnError() throws {
        do {
            _ = try records("a,b\n1,say \"hi\"\n")
            Issue.record("expected an error")
        } catch let e as CSVError {
            #expect(e.line == 2 && e.column == 2)
            #expect(e.message.contains("quote"))
        }
    }

    @Test func utf16FilesAreRejectedWithAnExplanation() throws {
        let path = try Fixtures.file(bytes: [0xFF, 0xFE, 0x61, 0x00])
        let reader = try CSVReader(path: path)
        var record = CSVRecord()
        #expect(throws: CSVError.self) { _ = try reader.next(into: &record) }
    }
}
