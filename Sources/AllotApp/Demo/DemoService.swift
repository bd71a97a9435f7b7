import AllotCore
import AllotIngest
import AllotRounds
import AllotServer
import AllotStore
import AllotWebhooks
import Foundation

/// Why the demo's service phase stopped.
enum DemoServiceError: Error, CustomStringConvertible {
    case daemon(String)
    case timeout(String)
    var description: String {
        switch self {
        case let .daemon(why): "the daemon did not start: \(why)"
        case let .timeout(what): "gave up waiting for \(what)"
        }
    }
}

/// The demo's second half: the daemon on the same store, fed the round through its API, the survey closed, the
/// scheduled run, and the signed deliveries at a local receiver; then a clean stop.
enum DemoService {
    static let round = "demo-2023-r1-service"

    static func run(dataDir: String, location: StoreLocation, folder: String, files: DemoRound.Files, configDirectory: ConfigDirectory, samples: Int) async throws {
        let secret = WebhookSecret.generate()
        let receiver = try await DemoReceiver.start(secret: secret)
        // Absolute: the daemon reads a relative webhooks path against the Config/ folder.
        let webhooks = URL(fileURLWithPath: folder).appendingPathComponent("webhooks.yaml").standardizedFileURL.path
        try """
            # Written by `allot demo`: one endpoint, the demo's local receiver, for every event.
            allow_targets: ["127.0.0.1/32"]
            delivery:
              poll_interval_seconds: 0.2
            endpoints:
              - id: demo-receiver
                url: \(receiver.url)
                secrets: ["\(secret.text)"]
                events: ["*"]

            """.write(toFile: webhooks, atomically: true, encoding: .utf8)
        var config = ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: dataDir, schedulerTickSeconds: 1,
                                  robustnessSamples: samples, webhooksConfig: webhooks)
        if case let .postgres(url) = location { config.databaseURL = url }
        let token = try await StoreOpener.withStore(location) { repositories in
            try APIToken.issue(role: .admin, name: "demo", reviewerID: nil, in: repositories.tokens, actor: "allot demo").token
        }

        let (lines, announce) = AsyncStream<String>.makeStream()
        let daemon = Task {
            defer { announce.finish() }
            try await AllotDaemon.run(config: config, configDirectory: configDirectory) { announce.yield($0) }
        }
        var base = ""
        for await line in lines where line.hasPrefix("listening on ") {
            base = "http://" + line.dropFirst("listening on ".count)
            break
        }
        guard !base.isEmpty else {
            let why = await daemon.result.failureDescription
            await receiver.stop()
            throw DemoServiceError.daemon(why)
        }
        print("The daemon (allot serve) is listening on \(base); webhooks go to \(receiver.url)")
        do {
            try await drive(base: base, token: token, files: files, receiver: receiver)
        } catch {
            daemon.cancel()
            _ = await daemon.result
            await receiver.stop()
            throw error
        }
        // The operator's way to stop it: SIGTERM, which the daemon's service group turns into a graceful shutdown.
        kill(getpid(), SIGTERM)
        let stop = await daemon.result
        await receiver.stop()
        print(stop.failureDescription.isEmpty ? "SIGTERM: the daemon stopped cleanly." : "The daemon stopped: \(stop.failureDescription)")
    }

    /// The panel's and analyst's calls, as `curl` would make them (README, "Running the service").
    private static func drive(base: String, token: String, files: DemoRound.Files, receiver: DemoReceiver) async throws {
        let auth = "Authorization: Bearer \(token)"
        let csv = [auth, "Content-Type: text/csv"], json = [auth, "Content-Type: application/json"]
        func file(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        try HTTPCall.expect("POST", "\(base)/v1/supply/participation", headers: csv, body: try file(files.participation))
        try HTTPCall.expect("POST", "\(base)/v1/supply/activity", headers: csv, body: try file(files.activity))
        try HTTPCall.expect("POST", "\(base)/v1/supply/workforce", headers: csv, body: try file(files.workforce))
        try HTTPCall.expect("POST", "\(base)/v1/rounds", headers: json, body: Data("""
            {"id": "\(round)", "name": "Demo round through the service", "budget": 325000,
             "surveys": ["practitioner-2022-23", "technician-2022-23"], "supply_year": "2022-23", "score_scale": [1, 5],
             "minimum_reviews": 2, "constraints": "defaults"}
            """.utf8))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/proposals", headers: json, body: try file(files.proposals))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/conflicts", headers: csv, body: try file(files.conflicts))
        try HTTPCall.expect("POST", "\(base)/v1/rounds/\(round)/reviews", headers: csv, body: try file(files.reviews))
        print("Uploaded through the API: supply returns, workforce, round \(round) (\(Money.text(325_000))), 60 proposals, reviews, conflicts.")
        try HTTPCall.expect("POST", "\(base)/v1/surveys/technician-2022-23/close", headers: [auth])
        print("Closed survey technician-2022-23; waiting for the scheduler's run and the round.completed delivery...")

        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: .seconds(300))
        while !receiver.deliveries.contains(where: { $0.type == "round.completed" }) {
            guard clock.now < deadline else { throw DemoServiceError.timeout("round.completed at the receiver") }
            try await Task.sleep(for: .milliseconds(100))
        }
        let runs = try HTTPCall.expect("GET", "\(base)/v1/rounds/\(round)/runs", headers: [auth])
        if let list = try JSONSerialization.jsonObject(with: Data(runs.body.utf8)) as? [[String: Any]] {
            for r in list {
                print("  run \(r["id"] as? String ?? "?"): trigger \(r["trigger"] as? String ?? "?"), \(r["status"] as? String ?? "?"), code \(r["code_version"] as? String ?? "?")")
            }
        }
        let results = try HTTPCall.expect("GET", "\(base)/v1/rounds/\(round)/results", headers: [auth])
        print("")
        print(summary(results.body))
        print("")
        print("Webhook deliveries at the local receiver (Standard Webhooks signatures checked with the endpoint's secret):")
        for d in receiver.deliveries {
            print("  \(d.type.padding(toLength: 18, withPad: " ", startingAt: 0)) \(d.id)  \(d.bytes) bytes  signature \(d.verified ? "verified" : "REJECTED")")
        }
    }

    /// The ranking's head, the portfolio and the proposals near the line, from the results JSON.
    static func summary(_ json: String) -> String {
        guard let r = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              let proposals = r["proposals"] as? [[String: Any]] else { return "results: \(json.prefix(200))" }
        var lines = ["Results of \(r["round"] as? String ?? "?") from the service: \(Money.text(r["allocated"] as? Double ?? 0)) allocated of "
                     + "\(Money.text(r["budget"] as? Double ?? 0)), value " + String(format: "%.1f", r["objective"] as? Double ?? 0)]
        lines.append(contentsOf: TextColumns.row([("rank", 4, .right), ("id", 9, .left), ("applicant", 30, .left), ("score", 6, .right),
                                                  ("value", 8, .right), ("P(funded)", 9, .right), ("recommendation", 50, .left)]))
        for p in proposals.prefix(12) {
            let status = p["status"] as? [String: Any]
            let decision = (p["recommended"] as? Bool == true) ? "FUND \(Money.text(p["award"] as? Double ?? 0))"
                : (status?["explanation"] as? String ?? "-")
            lines.append(contentsOf: TextColumns.row([
                (String(p["rank"] as? Int ?? 0), 4, .right), (p["id"] as? String ?? "", 9, .left), (p["applicant"] as? String ?? "", 30, .left),
                (String(format: "%.3f", p["score"] as? Double ?? 0), 6, .right), (String(format: "%.1f", p["value"] as? Double ?? 0), 8, .right),
                (String(format: "%.0f%%", (p["funded_probability"] as? Double ?? 0) * 100), 9, .right), (decision, 50, .left)]))
        }
        let funded = proposals.filter { $0["recommended"] as? Bool == true }.count
        lines.append("... \(proposals.count) ranked; \(funded) funded in the recommended portfolio")
        for c in (r["constraints"] as? [[String: Any]] ?? []) {
            let name = c["name"] as? String ?? ""
            guard name == "budget" || name.hasPrefix("group_floor") else { continue }
            let (label, sense) = RoundRenderer.describe(name)
            lines.append("  \(label): \(sense) \(Money.text(c["required"] as? Double ?? 0)), achieved \(Money.text(c["achieved"] as? Double ?? 0))")
        }
        let near = proposals.filter { $0["near_line"] as? Bool == true }.map { $0["id"] as? String ?? "" }
        lines.append(near.isEmpty ? "No proposal near the funding line." : "Near the funding line: " + near.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}

extension Result where Failure == any Error {
    /// The error in words, or "" on success.
    var failureDescription: String {
        if case let .failure(error) = self { return error is CancellationError ? "" : String(describing: error) }
        return ""
    }
}
