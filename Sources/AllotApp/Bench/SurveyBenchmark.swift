import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import ArgumentParser
import Foundation

/// `allot bench survey --rows N`: (a) summary + need model streamed from a file, (b) ingest into the store.
struct SurveyBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey",
        abstract: "Generate N responses, then time (a) summary + need model streamed from the file and (b) survey ingest into a new store.")

    @Option(help: "Responses to generate.") var rows = 1_000_000
    @Option(help: "Seed of the generator.") var seed: UInt64 = 7
    @Option(help: "Working folder (default: a temporary folder, removed afterwards).") var workDir: String?
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            let folder = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-\(getpid())")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: folder) } }
            let file = (folder as NSString).appendingPathComponent("bench-survey.csv")
            try Self.generate(rows: rows, seed: seed, to: file)
            var configArgs: [String] = []
            if let dir = config.configDir { configArgs = ["--config-dir", dir] } else { configArgs = ["--config-dir", try config.directory().path] }

            let a = try ChildProcess.run(["bench", "survey-stream", file] + configArgs)
            guard a.status == 0 else { throw BenchError.phaseFailed("summary + need model", a.status) }
            print(String(format: "(a) summary + need model streamed from the file: %.2f s, peak memory %.0f MB (%.0f responses/s)",
                         a.seconds, a.peakRSSMegabytes, Double(rows) / a.seconds))
            let single = try ChildProcess.run(["bench", "survey-stream", file, "--threads", "1"] + configArgs)
            guard single.status == 0 else { throw BenchError.phaseFailed("summary + need model, one thread", single.status) }
            print(String(format: "    the same on one thread: %.2f s, peak memory %.0f MB", single.seconds, single.peakRSSMegabytes))
            let dataDir = (folder as NSString).appendingPathComponent("store")
            let b = try ChildProcess.run(["survey", "ingest", file, "--data-dir", dataDir] + configArgs)
            guard b.status == 0 else { throw BenchError.phaseFailed("survey ingest", b.status) }
            print(String(format: "(b) survey ingest into a new SQLite store: %.2f s, peak memory %.0f MB (%.0f responses/s)",
                         b.seconds, b.peakRSSMegabytes, Double(rows) / b.seconds))
            // Whole commands as a person runs them (process start, configuration, output included).
            var commands: [String: ChildProcess.Result] = [:]
            for (name, arguments) in [("survey summary --json", ["survey", "summary", "--json", file]),
                                      ("needs --json", ["needs", "--surveys", file, "--json"])] {
                let c = try ChildProcess.run(arguments + configArgs)
                guard c.status == 0 else { throw BenchError.phaseFailed(name, c.status) }
                print(String(format: "(c) %@: %.2f s, peak memory %.0f MB", name, c.seconds, c.peakRSSMegabytes))
                commands[name] = c
            }
            guard let duckdb = try Self.duckDB(file: file, configDirectory: try config.directory().path),
                  let summary = commands["survey summary --json"], let needs = commands["needs --json"] else { return }
            print(String(format: "(d) DuckDB, the same tallies from the same file: %.2f s in its queries, %.2f s as a process, peak memory %.0f MB",
                         duckdb.queries, duckdb.process.seconds, duckdb.process.peakRSSMegabytes))
            // The targets, each a ratio of two times measured in this run.
            print(String(format: "    survey summary --json takes %.2f of DuckDB's time as a process (target at most 0.5, aim 0.25); "
                         + "%.2f of its query time", summary.seconds / duckdb.process.seconds, summary.seconds / duckdb.queries))
            print(String(format: "    needs --json takes %.2f times the summary's time (target at most 1.5)", needs.seconds / summary.seconds))
            print(String(format: "    survey ingest takes %.2f times DuckDB's time as a process (target at most 2); %.2f times its query time",
                         b.seconds / duckdb.process.seconds, b.seconds / duckdb.queries))
        }
    }

    /// DuckDB's time for the same tallies (docs/bench/duckdb_survey.py), when Python has the `duckdb` package: the time
    /// of its load and queries, and the whole process.
    static func duckDB(file: String, configDirectory: String) throws -> (queries: Double, process: ChildProcess.Result)? {
        let script = ((configDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("docs/bench/duckdb_survey.py")
        guard FileManager.default.fileExists(atPath: script) else {
            print("(d) DuckDB: not measured (\(script) not found)")
            return nil
        }
        let check = try ChildProcess.runProgram(["python3", "-c", "import duckdb"])
        guard check.status == 0 else {
            print("(d) DuckDB: not measured (no duckdb Python package: pip install duckdb, or make bench)")
            return nil
        }
        let output = NSTemporaryDirectory() + "allot-duckdb-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let d = try ChildProcess.runProgram(["python3", script, file], stdout: output)
        guard d.status == 0 else { throw BenchError.phaseFailed("DuckDB", d.status) }
        let words = (try String(contentsOfFile: output, encoding: .utf8)).split(separator: " ")
        guard words.count >= 2, words[0] == "duckdb", let queries = Double(words[1]) else {
            throw BenchError.phaseFailed("DuckDB (unreadable output)", d.status)
        }
        return (queries, d)
    }

    /// Writes `rows` generated practitioner responses (canonical columns, the reports' wordings) to `file`.
    static func generate(rows: Int, seed: UInt64, to file: String) throws {
        let start = DispatchTime.now()
        var generator = SyntheticSurvey(seed: seed)
        let writer = try CSVWriter(path: file)
        try writer.write(SyntheticSurvey.header)
        for i in 0..<rows { try writer.write(generator.row(survey: "practitioner-2022-23", index: i).fields) }
        try writer.close()
        // The file's pages go to disk now, not while the phases after are timed.
        sync()
        let size = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.doubleValue ?? 0
        print(String(format: "generated %d responses, %.0f MB, in %.1f s", rows, size / 1e6, seconds(since: start)))
    }
}

/// Seconds since `start`.
func seconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// Phase (a) of the survey benchmark, run as its own process: stream one file into the summary and the need model.
struct SurveyStreamPhase: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "survey-stream", abstract: "Benchmark phase: summary + need model from one file.", shouldDisplay: false)

    @Argument var file: String
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            let catalogue = try config.catalogue(), needConfig = try config.needConfig()
            let start = DispatchTime.now()
            let evidence = try SurveyEvidence.fromFiles([file], catalogue: catalogue, options: SurveyReadOptions(threads: threads.resolved))
            let read = DispatchTime.now()
            let summaries = evidence.tallies.values.map(SurveySummary.init)
            let report = NeedModel.build(evidence.need, config: needConfig)
            let end = DispatchTime.now()
            func seconds(_ a: DispatchTime, _ b: DispatchTime) -> Double { Double(b.uptimeNanoseconds - a.uptimeNanoseconds) / 1e9 }
            print(String(format: "summaries %d, need rows %d; reading %.3f s, summaries and need model %.3f s",
                         summaries.count, report.rows.count, seconds(start, read), seconds(read, end)))
        }
    }
}
