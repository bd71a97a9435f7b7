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
            for (name, arguments) in [("survey summary --json", ["survey", "summary", "--json", file]),
                                      ("needs --json", ["needs", "--surveys", file, "--json"])] {
                let c = try ChildProcess.run(arguments + configArgs)
                guard c.status == 0 else { throw BenchError.phaseFailed(name, c.status) }
                print(String(format: "(c) %@: %.2f s, peak memory %.0f MB", name, c.seconds, c.peakRSSMegabytes))
            }
            try Self.compareWithDuckDB(file: file, ours: a.seconds, configDirectory: try config.directory().path)
        }
    }

    /// DuckDB's time for the same tallies (docs/bench/duckdb_survey.py), when Python has the `duckdb` package.
    static func compareWithDuckDB(file: String, ours: Double, configDirectory: String) throws {
        let script = ((configDirectory as NSString).deletingLastPathComponent as NSString).appendingPathComponent("docs/bench/duckdb_survey.py")
        guard FileManager.default.fileExists(atPath: script) else {
            print("(d) DuckDB: not measured (\(script) not found)")
            return
        }
        let check = try ChildProcess.runProgram(["python3", "-c", "import duckdb"])
        guard check.status == 0 else {
            print("(d) DuckDB: not measured (no duckdb Python package: pip install duckdb)")
            return
        }
        let output = NSTemporaryDirectory() + "allot-duckdb-\(getpid()).txt"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let d = try ChildProcess.runProgram(["python3", script, file], stdout: output)
        guard d.status == 0 else { throw BenchError.phaseFailed("DuckDB", d.status) }
        let words = (try String(contentsOfFile: output, encoding: .utf8)).split(separator: " ")
        guard words.count >= 2, words[0] == "duckdb", let queries = Double(words[1]) else {
            throw BenchError.phaseFailed("DuckDB (unreadable output)", d.status)
        }
        print(String(format: "(d) DuckDB, the same tallies from the same file: %.2f s in its queries, %.2f s as a process, peak memory %.0f MB; "
                     + "(a) takes %.2f times DuckDB's query time", queries, d.seconds, d.peakRSSMegabytes, ours / queries))
    }

    /// Writes `rows` generated practitioner responses (canonical columns, the reports' wordings) to `file`.
    static func generate(rows: Int, seed: UInt64, to file: String) throws {
        let start = DispatchTime.now()
        var generator = SyntheticSurvey(seed: seed)
        let writer = try CSVWriter(path: file)
        try writer.write(SyntheticSurvey.header)
        for i in 0..<rows { try writer.write(generator.row(survey: "practitioner-2022-23", index: i).fields) }
        try writer.close()
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
            let evidence = try SurveyEvidence.fromFiles([file], catalogue: try config.catalogue(),
                                                        options: SurveyReadOptions(threads: threads.resolved))
            let summaries = evidence.tallies.values.map(SurveySummary.init)
            let report = NeedModel.build(evidence.need, config: try config.needConfig())
            print("summaries \(summaries.count), need rows \(report.rows.count)")
        }
    }
}
