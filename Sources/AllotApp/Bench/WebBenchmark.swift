import AllotServer
import AllotStore
import ArgumentParser
import Foundation

/// `allot bench web`: starts `allot serve` as its own process on generated rounds of 60 and 300 proposals and times the
/// web app's pages from this process (libcurl, one request at a time, signed in with a session cookie): p50 and p95 of
/// the round page and of the proposal pages, and the what-if preview (the real re-score and re-solve) per round size.
struct WebBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web",
        abstract: "Time the round page, the proposal pages and the what-if preview of allot serve for 60- and 300-proposal rounds: p50, p95.")

    @Option(help: "Requests per page kind and round size.") var requests = 200
    @Option(help: "What-if previews per round size.") var previews = 10
    @Option(help: "Round sizes (proposals), comma-separated.") var sizes = "60,300"
    @Option(help: "Working folder (default: a temporary folder, removed afterwards).") var workDir: String?

    func run() throws {
        try failing {
            let (folder, removeAfter) = try BenchServiceRound.prepare(workDir: workDir, name: "web")
            defer { if removeAfter { try? FileManager.default.removeItem(atPath: folder) } }
            let data = folder + "/data"
            let counts = sizes.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            for n in counts {
                try FileManager.default.createDirectory(atPath: folder + "/round-\(n)", withIntermediateDirectories: true)
                _ = try DemoRound.write(to: folder + "/round-\(n)", seed: 2023, proposalCount: n)
            }
            // A session made in the store: signing in is not what is measured, and the cookie is what a browser holds.
            let database = try AppDatabase.open(dataDirectory: data)
            let (token, record) = try APIToken.issue(role: .admin, name: "bench", reviewerID: nil, in: SQLiteTokenRepository(database), actor: "allot")
            let secret = "bench-session-\(UUID().uuidString)"
            try SQLiteSignInRepository(database).createSession(
                WebSession(id: "ses_bench", tokenID: record.id, csrf: "bench", createdAt: Date(), expiresAt: Date().addingTimeInterval(86_400)),
                hash: APIToken.hash(secret))

            setenv("ALLOT_ROBUSTNESS_SAMPLES", "200", 1)
            let server = try ChildProcess.start(["serve", "--data-dir", data, "--listen", "127.0.0.1:0"], output: folder + "/serve.log")
            var stopped = false
            defer { if !stopped { _ = server.stop() } }
            let base = try ServeLog.waitForListening(log: folder + "/serve.log")
            print("server pid \(server.pid) at \(base); \(requests) requests per page, \(previews) previews per round")
            let auth = "Authorization: Bearer \(token)"
            let cookie = "Cookie: allot_session=\(secret)"
            for n in counts {
                let round = "bench-web-\(n)"
                try BenchServiceRound.seed(base: base, auth: auth, round: round, files: folder + "/round-\(n)/", supply: data + "/demo/")
                let results = try HTTPCall.expect("GET", "\(base)/v1/rounds/\(round)/results", headers: [auth])
                let ids = Self.proposalIDs(results.body)
                _ = try Self.time(2) { _ in try HTTPCall.expect("GET", "\(base)/rounds/\(round)", headers: [cookie]) }
                let roundPage = try Self.time(requests) { _ in try HTTPCall.expect("GET", "\(base)/rounds/\(round)", headers: [cookie]) }
                let proposalPage = try Self.time(requests) { i in
                    try HTTPCall.expect("GET", "\(base)/rounds/\(round)/proposals/\(ids[i % ids.count])", headers: [cookie])
                }
                let whatIf = try Self.time(previews) { i in
                    // A different budget each time, so nothing answers from a cache: 50% to 95% of the round's.
                    let budget = Int(325_000 * (0.5 + 0.45 * Double(i) / Double(max(previews - 1, 1))))
                    let page = try HTTPCall.expect("GET", "\(base)/rounds/\(round)/what-if?preview=1&budget=\(budget)&" + Self.weightQuery(results.body),
                                                   headers: [cookie])
                    guard page.body.contains("What changes") else { throw BenchError.http("the what-if page showed no preview") }
                    return page
                }
                print(String(format: "%4d proposals: round page p50 %.1f ms, p95 %.1f ms; proposal page p50 %.1f ms, p95 %.1f ms; "
                             + "what-if preview p50 %.0f ms, p95 %.0f ms, max %.0f ms (target < 1,000 ms at 300)",
                             n, roundPage.quantile(0.5), roundPage.quantile(0.95), proposalPage.quantile(0.5), proposalPage.quantile(0.95),
                             whatIf.quantile(0.5), whatIf.quantile(0.95), whatIf.quantile(1)))
            }
            stopped = true
            let status = server.stop()
            print("server stopped on SIGTERM with status \(status)")
        }
    }

    /// Milliseconds of each of `count` calls, one after another.
    struct Timings {
        let milliseconds: [Double]
        func quantile(_ q: Double) -> Double {
            let sorted = milliseconds.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted[min(sorted.count - 1, Int((q * Double(sorted.count)).rounded(.up)) - (q == 0 ? 0 : 1))]
        }
    }

    static func time(_ count: Int, _ call: (Int) throws -> HTTPCall.Response) throws -> Timings {
        let clock = ContinuousClock()
        var out: [Double] = []
        for i in 0..<count {
            let start = clock.now
            _ = try call(i)
            let d = clock.now - start
            out.append(Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15)
        }
        return Timings(milliseconds: out)
    }

    static func proposalIDs(_ json: String) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let proposals = root["proposals"] as? [[String: Any]] else { return [] }
        return proposals.compactMap { $0["id"] as? String }
    }

    /// The stored run's weights as the what-if form's fields.
    static func weightQuery(_ json: String) -> String {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let weights = root["weights"] as? [String: Double] else { return "" }
        return weights.keys.sorted().map { "weight-\($0)=\(weights[$0] ?? 0)" }.joined(separator: "&")
    }
}

/// Reading `allot serve`'s log for the address it listens on.
enum ServeLog {
    static func waitForListening(log: String) throws -> String {
        for _ in 0..<600 {
            if let text = try? String(contentsOfFile: log, encoding: .utf8),
               let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }) {
                return "http://" + line.dropFirst("listening on ".count)
            }
            usleep(100_000)
        }
        throw BenchError.server("no 'listening on' line within 60 s; see its log")
    }
}
