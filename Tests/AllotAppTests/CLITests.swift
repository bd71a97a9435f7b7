import AllotStore
import Foundation
import Testing

/// Runs the built `allot` executable as a user would, against real files and a real SQLite store.
@Suite(.serialized) struct CLITests {
    static let repository = CLIHarness.repository
    static let sample = CLIHarness.sample

    func allot(_ args: [String]) throws -> CLIHarness.Run { try CLIHarness.allot(args) }
    func scratch() throws -> String { try CLIHarness.scratch() }

    @Test func theSummaryIsByteIdenticalWhateverTheRowOrder() throws {
        // The sample has CRLF line ends, which Swift reads as one Character: split on newlines, not "\n".
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(lines.count == 877)
        var rng = SystemRandomNumberGenerator()
        let shuffled = [lines[0]] + lines.dropFirst().shuffled(using: &rng)
        #expect(shuffled != lines)
        let shuffledPath = try scratch() + "/shuffled.csv"
        try shuffled.joined(separator: "\n").write(toFile: shuffledPath, atomically: true, encoding: .utf8)
        let a = try allot(["survey", "summary", Self.sample, "--json"])
        let b = try allot(["survey", "summary", shuffledPath, "--json"])
        #expect(a.status == 0 && b.status == 0)
        #expect(!a.out.isEmpty && a.out == b.out)
        let na = try allot(["needs", "--surveys", Self.sample, "--json"])
        let nb = try allot(["needs", "--surveys", shuffledPath, "--json"])
        #expect(na.status == 0 && na.out == nb.out)
    }

    @Test func anIngestedSurveySummarisesAsItsFileDoes() throws {
        let data = try scratch()
        let ingest = try allot(["survey", "ingest", Self.sample, "--data-dir", data])
        #expect(ingest.status == 0)
        #expect(ingest.out.contains("876 stored"))
        let again = try allot(["survey", "ingest", Self.sample, "--data-dir", data])
        #expect(again.out.contains("0 stored, 876 already stored"))
        let fromStore = try allot(["survey", "summary", "--survey", "practitioner-2017-18", "--json", "--data-dir", data])
        let fromFile = try allot(["survey", "summary", Self.sample, "--json"])
        #expect(fromStore.status == 0 && fromStore.out == fromFile.out)
    }

    @Test func aBadFileIsRejectedWholeWithItsPlaceNamedAndNothingStored() throws {
        let data = try scratch()
        var lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        try #require(lines.count == 877)
        lines[500] = lines[500].replacingOccurrences(of: ",yes,", with: ",perhaps,")
        let bad = try scratch() + "/bad.csv"
        try lines.joined(separator: "\n").write(toFile: bad, atomically: true, encoding: .utf8)
        let run = try allot(["survey", "ingest", bad, "--data-dir", data])
        #expect(run.status != 0)
        #expect(run.err.contains("bad.csv:501:3 (column 'consent'): 'perhaps' is not valid"))
        let list = try allot(["survey", "list", "--data-dir", data])
        #expect(list.out.contains("no surveys"))
        let skip = try allot(["survey", "ingest", bad, "--skip-invalid", "--data-dir", data])
        #expect(skip.status == 0 && skip.out.contains("875 stored") && skip.out.contains("1 rejected"))
        #expect(FileManager.default.fileExists(atPath: bad + ".rejects.csv"))
    }

    @Test func theDemoRunsEndToEnd() throws {
        let data = try scratch()
        // Standard output and standard error into one pipe, as a terminal or a CI log shows them.
        let run = try CLIHarness.allotCombined(["demo", "--data-dir", data, "--responses", "300", "--samples", "100"])
        #expect(run.status == 0)
        #expect(run.out.contains("Recommended portfolio: £325,000 allocated") && run.out.contains("Robustness: 100 samples"))
        #expect(run.out.contains("Additional support needs") && run.out.contains("floor £32,500 met"))
        // The round's answer comes first; the survey tables only with --tables.
        let answer = try #require(run.out.range(of: "Recommended portfolio:"))
        let ranking = try #require(run.out.range(of: "Ranking (score;"))
        #expect(answer.lowerBound < ranking.lowerBound)
        #expect(!run.out.contains("Survey practitioner-2022-23"))
        #expect(run.out.contains("The survey tables behind the round: allot survey summary"))
        // The same round through the daemon: the scheduled run after the survey closed, signed deliveries, a clean stop.
        #expect(run.out.contains("trigger survey-closed:technician-2022-23, succeeded"))
        #expect(run.out.contains("round.completed") && !run.out.contains("REJECTED"))
        #expect(run.out.range(of: #"round\.completed +msg_[0-9a-f]+ +[0-9]+ bytes +signature verified"#, options: .regularExpression) != nil)
        #expect(run.out.contains("SIGTERM: the daemon stopped cleanly."))
        // The daemon's log lines go to its log file, never between the demo's tables.
        let logLine = #"(?m)^\S+ (trace|debug|info|notice|warning|error|critical) allot\."#
        #expect(run.out.range(of: logLine, options: .regularExpression) == nil)
        let log = try String(contentsOfFile: data + "/demo/daemon.log", encoding: .utf8)
        #expect(log.range(of: logLine, options: .regularExpression) != nil)
        #expect(FileManager.default.fileExists(atPath: data + "/allot.sqlite"))
    }

    @Test("Several surveys in survey summary are printed side by side, one column group per survey with the change")
    func severalSurveysAreSideBySide() throws {
        // A second survey of the same kind: the first 400 rows of the sample, as 2018-19.
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let later = try scratch() + "/practitioner-2018-19.csv"
        try ([lines[0]] + lines[1...400].map { $0.replacingOccurrences(of: ",practitioner-2017-18,", with: ",practitioner-2018-19,") })
            .joined(separator: "\n").write(toFile: later, atomically: true, encoding: .utf8)
        let run = try allot(["survey", "summary", Self.sample, later])
        #expect(run.status == 0, "\(run.err)")
        let out = run.out.split(separator: "\n").map(String.init)
        // One header line naming both surveys, one table per question, the change on the same line as both figures.
        #expect(out.contains { $0.contains("practitioner-2017-18") && $0.contains("practitioner-2018-19") && !$0.contains(":") })
        #expect(out.filter { $0.hasPrefix("Barriers") }.count == 1)
        let responses = try #require(out.first { $0.hasPrefix("Consented responses") })
        #expect(responses.split(separator: " ").suffix(3) == ["876", "400", "-476"], "\(responses)")
        #expect(out.contains { $0.contains("warning: practitioner-2018-19 against practitioner-2017-18") })
        #expect(!out.contains { $0.hasPrefix("Survey practitioner-") })
        // Labels are wrapped whole, never cut: the three "Understanding of the concepts and knowledge..." priorities stay apart.
        #expect(!run.out.contains("…") && out.contains { $0.hasPrefix("that underpin science ") })
    }

    @Test("Ingesting a file again reports its refusals as refusals already recorded, not as responses already stored")
    func reIngestCountsRefusalsApart() throws {
        let data = try scratch()
        let file = try scratch() + "/refusals.csv"
        let lines = try String(contentsOfFile: Self.sample, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        // Two consented rows and one refusal (the third row's consent turned to no).
        try [lines[0], lines[1], lines[2], lines[3].replacingOccurrences(of: ",practitioner-2017-18,yes,", with: ",practitioner-2017-18,no,")]
            .joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let first = try allot(["survey", "ingest", file, "--data-dir", data])
        #expect(first.status == 0, "\(first.err)")
        #expect(first.out.contains("2 stored, 0 already stored, 1 refusals recorded (id only), 0 refusals already recorded, 0 rejected"), "\(first.out)")
        let again = try allot(["survey", "ingest", file, "--data-dir", data])
        #expect(again.out.contains("0 stored, 2 already stored, 0 refusals recorded (id only), 1 refusals already recorded, 0 rejected"), "\(again.out)")
    }

    @Test("survey list shows each survey's state: open with its close time, closed with the time it closed, or open without a schedule")
    func surveyListShowsTheState() throws {
        let data = try scratch()
        #expect(try allot(["survey", "ingest", Self.sample, "--data-dir", data]).status == 0)
        let plain = try allot(["survey", "list", "--data-dir", data])
        #expect(plain.out.contains("practitioner-2017-18") && plain.out.contains("\topen (no close time)"), "\(plain.out)")
        // Schedules as the daemon stores them (POST /v1/surveys, then closing at the close time).
        let schedules = SQLiteSurveyScheduleRepository(try AppDatabase.open(dataDirectory: data))
        let closes = Date(timeIntervalSince1970: 1_900_000_000)
        try schedules.create(SurveySchedule(id: "technician-2024-25", closesAt: closes, createdAt: Date()))
        try schedules.create(SurveySchedule(id: "practitioner-2017-18", closesAt: Date(timeIntervalSince1970: 1_530_000_000), createdAt: Date()))
        _ = try schedules.close("practitioner-2017-18", at: Date(timeIntervalSince1970: 1_530_000_005))
        let list = try allot(["survey", "list", "--data-dir", data]).out.split(separator: "\n").map(String.init)
        let practitioner = try #require(list.first { $0.hasPrefix("practitioner-2017-18") })
        #expect(practitioner.hasSuffix("\tclosed 2018-06-26T08:00:05Z"), "\(practitioner)")
        let technician = try #require(list.first { $0.hasPrefix("technician-2024-25") })
        #expect(technician.hasSuffix("\topen, closes 2030-03-17T17:46:40Z"), "\(technician)")
    }
}

extension CLITests {
    @Test("A PostgreSQL store that cannot be reached is an error naming the setting that named it, never its password")
    func anUnreachableStoreNamesItsSetting() throws {
        let r = try CLIHarness.allot(["token", "list", "--database-url", "postgres://someone:hunter2@127.0.0.1:1/allot"])
        #expect(r.status != 0)
        #expect(r.err.contains("cannot reach the PostgreSQL store that --database-url names"), "\(r.err)")
        #expect(r.err.contains("connection refused at 127.0.0.1:1"), "the reason in plain words: \(r.err)")
        #expect(!r.err.contains("SingleConnectionFailure") && !r.err.contains("errno"), "no driver internals: \(r.err)")
        #expect(!r.err.contains("store closed"), "no line about closing a store that never opened: \(r.err)")
        #expect(!r.err.contains("hunter2"))
    }
}
