import ArgumentParser
import CCurl
import Foundation

/// `allot bench api`: starts `allot serve` as its own process on a generated round, then loads the results endpoint
/// from this process at a fixed rate and reports requests/s and latency quantiles.
struct ApiBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Start allot serve on a generated round and load GET /v1/rounds/{round}/results from a second process: requests/s, p50/p99/max latency.")

    @Option(help: "Requests per second of the measured phase.") var rate = 1_000.0
    @Option(help: "Length of the measured phase in seconds.") var seconds = 10.0
    @Option(help: "Keep-alive connections (one thread each).") var connections = 16
    @Option(help: "Robustness samples of the run that produces the results.") var samples = 200
    @Option(help: "Working folder (default: a temporary folder, removed afterwards).") var workDir: String?

    func run() throws {
        try failing {
            guard curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK else { throw BenchError.http("curl_global_init failed") }
            let folder = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-api-\(getpid())")
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: folder) } }
            let data = folder + "/data"
            let demo = try ChildProcess.run(["demo", "--data-dir", data, "--samples", "0", "--no-service"], stdout: folder + "/demo.out")
            guard demo.status == 0 else { throw BenchError.phaseFailed("demo", demo.status) }
            let tokenRun = try ChildProcess.run(["token", "create", "--role", "admin", "--name", "bench", "--data-dir", data], stdout: folder + "/token.txt")
            guard tokenRun.status == 0 else { throw BenchError.phaseFailed("token create", tokenRun.status) }
            let token = try String(contentsOfFile: folder + "/token.txt", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

            setenv("ALLOT_ROBUSTNESS_SAMPLES", String(samples), 1)
            let server = try ChildProcess.start(["serve", "--data-dir", data, "--listen", "127.0.0.1:0"], output: folder + "/serve.log")
            var stopped = false
            defer { if !stopped { _ = server.stop() } }
            let base = try ServeLog.waitForListening(log: folder + "/serve.log")
            print("server pid \(server.pid) at \(base)")

            let auth = "Authorization: Bearer \(token)"
            let round = try seed(base: base, auth: auth, files: data + "/demo/")
            let results = try HTTPCall.expect("GET", "\(base)/v1/rounds/\(round)/results", headers: [auth])
            print("results document: \(results.body.utf8.count) bytes")

            let url = "\(base)/v1/rounds/\(round)/results"
            _ = ApiLoadGenerator(url: url, headers: [auth], rate: rate, seconds: 2, connections: connections).run()
            let report = ApiLoadGenerator(url: url, headers: [auth], rate: rate, seconds: seconds, connections: connections).run()
            print(String(format: "GET results at %.0f/s for %.0f s over %d connections: %d requests, %d failed, %.0f requests/s",
                         rate, seconds, connections, report.sent, report.failed, report.requestsPerSecond))
            print(String(format: "  latency from the scheduled send time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 10 ms at 1,000/s)",
                         report.quantile(0.5), report.quantile(0.9), report.quantile(0.99), report.quantile(1)))
            if report.failed > 0 { print("  statuses: \(report.statusCounts.sorted { $0.key < $1.key })") }
            stopped = true
            let status = server.stop()
            print("server stopped on SIGTERM with status \(status)")
        }
    }

    /// Uploads the demo's supply, round, proposals, reviews and conflicts, and runs the round once.
    private func seed(base: String, auth: String, files: String) throws -> String {
        let csv = [auth, "Content-Type: text/csv"]
        let json = [auth, "Content-Type: application/json"]
        func file(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: files + name)) }
        try HTTPCall.expect("POST", "\(base)/v1/supply/participation", headers: csv, body: try file("provider-participation.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/supply/activity", headers: csv, body: try file("provider-activity.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/supply/workforce", headers: csv, body: try file("workforce.csv"))
        let round = "bench-round"
        let settings = """
            {"id": "\(round)", "name": "Benchmark round", "budget": 325000, "surveys": ["practitioner-2022-23", "technician-2022-23"],
             "supply_year": "2022-23", "score_scale": [1, 5], "minimum_reviews": 2, "constraints": "defaults"}
            """
        try HTTPCall.expect("POST", "\(base)/v1/rounds", headers: json, body: Data(settings.utf8))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/proposals", headers: json, body: try file("proposals.json"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/conflicts", headers: csv, body: try file("conflicts.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/reviews", headers: csv, body: try file("reviews.csv"))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/runs", headers: json, body: Data("{}".utf8))
        return round
    }
}
