import AllotFuzz
import Foundation
import Testing

/// Every input kept under Inputs/ (the fuzzers' seeds, and each crash or hang they ever found, named for what it
/// broke) goes through its fuzz target's code again on every test run.
@Suite("Inputs the fuzzers found or were seeded with never crash again", .serialized)
struct FuzzRegressionTests {
    static let inputs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Inputs")

    static func files(_ target: String) throws -> [URL] {
        let folder = inputs.appendingPathComponent(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return names.map { folder.appendingPathComponent($0) }
    }

    @Test("the CSV readers and the survey decoder take every kept input")
    func surveyCSV() throws {
        let files = try Self.files("FuzzSurveyCSV")
        #expect(files.count >= 5)
        for file in files { FuzzTargets.surveyCSV(try Data(contentsOf: file)) }
    }

    @Test("the proposal and round-file decoders take every kept input")
    func roundFiles() throws {
        let files = try Self.files("FuzzRoundFiles")
        #expect(files.count >= 5)
        for file in files { FuzzTargets.roundFiles(try Data(contentsOf: file)) }
    }

    @Test("the daemon answers every kept request body without a server error")
    func requestBodies() async throws {
        let files = try Self.files("FuzzRequestBodies")
        #expect(files.count >= 5)
        for file in files {
            let bytes = try Data(contentsOf: file)
            let answer = try #require(await FuzzRequests.answer(bytes))
            // A kept input names its route on its first line, so it tests that route whatever operations are added.
            let named = String(decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
            #expect(answer.operation == named, "\(file.lastPathComponent) went to \(answer.operation), not \(named)")
            #expect(answer.status < 500, "\(file.lastPathComponent): \(answer.operation) answered \(answer.status)")
            #expect(answer.status > 0, "\(file.lastPathComponent): \(answer.operation) did not answer")
        }
    }
}
