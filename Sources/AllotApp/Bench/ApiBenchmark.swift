import ArgumentParser
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
    @Option(name: .long, help: ArgumentHelp("Run on this PostgreSQL database (empty) instead of a SQLite store in the working folder.",
                                            valueName: "url"))
    var databaseURL: String?
    @Option(help: "Instances of allot serve on the one store; the load is shared among them (several need --database-url).")
    var instances = 1

    func validate() throws {
        guard (1...8).contains(instances) else { throw ValidationError("--instances must be 1 to 8") }
        if instances > 1 && databaseURL == nil {
            throw ValidationError("--instances above 1 needs --database-url: instances share a PostgreSQL store, not a SQLite file")
        }
        guard connections >= instances else { throw ValidationError("--connections must be at least --instances") }
    }

    func run() throws {
        try failing {
            let (folder, removeAfter) = try BenchServiceRound.prepare(workDir: workDir, name: "api", databaseURL: databaseURL)
            defer { if removeAfter { try? FileManager.default.removeItem(atPath: folder) } }
            let data = folder + "/data"
            let store = databaseURL.map { ["--database-url", $0] } ?? []
            let tokenRun = try ChildProcess.run(["token", "create", "--role", "admin", "--name", "bench", "--data-dir", data] + store,
                                                stdout: folder + "/token.txt")
            guard tokenRun.status == 0 else { throw BenchError.phaseFailed("token create", tokenRun.status) }
            let token = try String(contentsOfFile: folder + "/token.txt", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)

            setenv("ALLOT_ROBUSTNESS_SAMPLES", String(samples), 1)
            var servers: [ChildProcess.Running] = []
            var stopped = false
            defer { if !stopped { for server in servers { _ = server.stop() } } }
            var bases: [String] = []
            for instance in 1...instances {
                // Each instance its own data directory (and so its own instance name); the store is shared.
                let log = folder + "/serve-\(instance).log"
                servers.append(try ChildProcess.start(["serve", "--data-dir", instance == 1 ? data : data + "-\(instance)",
                                                       "--listen", "127.0.0.1:0"] + store, output: log))
                bases.append(try ServeLog.waitForListening(log: log))
                print("server pid \(servers[instance - 1].pid) at \(bases[instance - 1])")
            }
            let base = bases[0]

            let auth = "Authorization: Bearer \(token)"
            let round = "bench-round"
            try BenchServiceRound.seed(base: base, auth: auth, round: round, files: data + "/demo/", supply: data + "/demo/")
            let results = try HTTPCall.expect("GET", "\(base)/v1/rounds/\(round)/results", headers: [auth])
            print("results document: \(results.body.utf8.count) bytes")

            let urls = bases.map { "\($0)/v1/rounds/\(round)/results" }
            _ = ApiLoadGenerator.shared(urls: urls, headers: [auth], rate: rate, seconds: 2, connections: connections)
            let report = ApiLoadGenerator.shared(urls: urls, headers: [auth], rate: rate, seconds: seconds, connections: connections)
            print("store: " + (databaseURL == nil ? "SQLite" : "PostgreSQL") + ", \(instances) instance(s)")
            print(String(format: "GET results at %.0f/s for %.0f s over %d connections: %d requests, %d failed, %.0f requests/s",
                         rate, seconds, connections, report.sent, report.failed, report.requestsPerSecond))
            print(String(format: "  latency from the scheduled send time: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms (target p99 < 10 ms at 1,000/s)",
                         report.quantile(0.5), report.quantile(0.9), report.quantile(0.99), report.quantile(1)))
            if report.failed > 0 { print("  statuses: \(report.statusCounts.sorted { $0.key < $1.key })") }
            stopped = true
            for server in servers {
                let status = server.stop()
                print("server \(server.pid) stopped on SIGTERM with status \(status)")
            }
        }
    }
}
