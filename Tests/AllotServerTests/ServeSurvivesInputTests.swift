import AllotWebhooks
import Foundation
import Testing

/// Black-box, on the built `allot serve`: values nothing downstream can take are refused at every route that takes
/// them while the daemon keeps answering; and a run whose process dies is retried once, then given up, so the daemon
/// restarted after it comes up and stays up.
@Suite("Serve survives its input", .serialized) struct ServeSurvivesInputTests {
    static let huge = "1152921504606846976"   // 2^60

    @Test("Out-of-range amounts and counts posted to every route are 422 and the daemon still answers", .timeLimit(.minutes(3)))
    func outOfRangeValuesLeaveTheDaemonUp() async throws {
        let receiver = try await HookReceiver.start()
        let folder = try ServeFolder.make("limits", endpoint: receiver.url, secret: WebhookSecret.generate(), samples: 0)
        let server = try await ServeProcess.start(folder)
        defer { server.kill() }
        let api = server.api
        try await ServeEndToEndTests.seedRound(api, round: "limits")
        try await api.expect(201, "POST", "/v1/surveys", json: #"{"id": "\#(ServeEndToEndTests.survey)"}"#)
        try await api.expect(201, "POST", "/v1/surveys/\(ServeEndToEndTests.survey)/responses", csv: try ServeEndToEndTests.responses())
        for id in ["rev-a", "rev-b"] { try await api.expect(201, "POST", "/v1/reviewers", json: #"{"id": "\#(id)", "name": "\#(id)"}"#) }

        func refused(_ method: String, _ path: String, _ json: String, at field: String) async throws {
            let r = try await api.call(method, path, json: json)
            #expect(r.status == 422, "\(method) \(path) \(json.prefix(120)): \(r.status) \(r.text.prefix(300))")
            #expect(r.object["path"] as? String == field, "\(method) \(path): \(r.text.prefix(300))")
            #expect(server.isRunning, "the daemon stopped after \(method) \(path) \(json.prefix(120)); log: \(server.log.suffix(2000))")
            #expect(try await api.call("GET", "/health").status == 200)
        }
        try await refused("POST", "/v1/rounds", #"{"id": "r-budget", "budget": 1e20, "surveys": ["s"]}"#, at: "$.budget")
        try await refused("POST", "/v1/rounds", #"{"id": "r-k", "reviews_per_proposal": \#(Self.huge)}"#, at: "$.reviews_per_proposal")
        try await refused("POST", "/v1/rounds", #"{"id": "r-min", "minimum_reviews": -1}"#, at: "$.minimum_reviews")
        try await refused("POST", "/v1/rounds", #"{"id": "r-cap", "constraints": {"max_per_applicant": 1e20}}"#, at: "$.constraints.max_per_applicant")
        try await refused("POST", "/v1/rounds", #"{"id": "r-floor", "constraints": {"group_floors": {"asn": 1e20}}}"#, at: "$.constraints.group_floors.asn")
        try await refused("POST", "/v1/rounds", #"{"id": ".."}"#, at: "$.id")
        try await refused("POST", "/v1/rounds/limits/assignments", #"{"reviews_per_proposal": \#(Self.huge)}"#, at: "$.reviews_per_proposal")
        try await refused("POST", "/v1/rounds/limits/proposals", """
            [{"id": "P-HUGE", "applicant": "A", "requested": 1e20, "sectors": "primary:10", "areas": "national", "hours_per_participant": 6}]
            """, at: "$[0].requested")
        try await refused("POST", "/v1/rounds/limits/proposals", """
            [{"id": "P-MIN", "applicant": "A", "requested": 100, "minimum": 1e20, "sectors": "primary:10", "areas": "national", "hours_per_participant": 6}]
            """, at: "$[0].minimum")

        // The round still runs, and its decisions refuse an amount out of range and a proposal decided twice.
        let run = try await api.expect(201, "POST", "/v1/rounds/limits/runs").object
        #expect(run["status"] as? String == "succeeded", "\(run)")
        let proposal = try #require(try await api.expect(200, "GET", "/v1/rounds/limits/proposals").array.first?["id"] as? String)
        try await refused("POST", "/v1/rounds/limits/decisions", #"[{"proposal": "\#(proposal)", "decision": "fund", "amount": 1e20, "reason": "r"}]"#,
                          at: "$[0].amount")
        try await refused("POST", "/v1/rounds/limits/decisions", """
            [{"proposal": "\(proposal)", "decision": "fund", "amount": 1, "reason": "r"}, {"proposal": "\(proposal)", "decision": "decline", "reason": "r"}]
            """, at: "$[1].proposal")
        #expect(try await api.expect(200, "GET", "/v1/rounds/limits/decisions").array.isEmpty)
        try await api.expect(201, "POST", "/v1/rounds/limits/assignments", json: #"{"reviews_per_proposal": 2}"#)
        #expect(server.isRunning)
        // The daemon first: the assignments just queued review.assigned deliveries, and a receiver stopped while
        // they connect trips NIO's debug check on an unfinished writer in this process.
        server.kill()
        await receiver.stop()
        folder.remove()
    }

    /// Polls the round's runs until `condition` holds; returns the last list.
    static func runs(_ api: APIClient, _ round: String, within timeout: Duration,
                     until condition: @escaping ([[String: Any]]) -> Bool) async throws -> [[String: Any]] {
        var last: [[String: Any]] = []
        _ = await eventually(timeout: timeout, interval: .milliseconds(100)) {
            last = (try? await api.call("GET", "/v1/rounds/\(round)/runs").array) ?? []
            return condition(last)
        }
        return last
    }

    @Test("A run killed twice with its daemon is retried once, then recorded failed 'interrupted twice' and not owed again",
          .timeLimit(.minutes(4)))
    func aRestartAfterAKilledRunComesUpAndStaysUp() async throws {
        let receiver = try await HookReceiver.start()
        // So many robustness samples that the run is still going when the daemon is killed.
        let folder = try ServeFolder.make("killed-run", endpoint: receiver.url, secret: WebhookSecret.generate(), samples: 200_000)
        var server = try await ServeProcess.start(folder)
        defer { server.kill() }
        let round = "killed"
        try await ServeEndToEndTests.seedRound(server.api, round: round)
        let closesAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.up))
        try await server.api.expect(201, "POST", "/v1/surveys",
                                    json: #"{"id": "\#(ServeEndToEndTests.survey)", "closes_at": "\#(iso8601(closesAt))"}"#)
        try await server.api.expect(201, "POST", "/v1/surveys/\(ServeEndToEndTests.survey)/responses", csv: try ServeEndToEndTests.responses())

        // The survey closes, the scheduler starts the round's run: kill the daemon in the middle of it.
        var runs = try await Self.runs(server.api, round, within: .seconds(60)) { $0.contains { $0["status"] as? String == "running" } }
        try #require(runs.count == 1 && runs[0]["status"] as? String == "running", "no run started: \(runs); log: \(server.log.suffix(2000))")
        #expect(runs[0]["attempt"] as? Int == 1)
        server.kill()

        // Restarted: the cut-short run is failed and owed once more; the retry (attempt 2) starts. Kill that too.
        server = try await ServeProcess.start(folder)
        runs = try await Self.runs(server.api, round, within: .seconds(60)) { $0.contains { $0["status"] as? String == "running" } }
        try #require(runs.count == 2, "no retry: \(runs); log: \(server.log.suffix(2000))")
        let retry = try #require(runs.first { $0["status"] as? String == "running" })
        #expect(retry["attempt"] as? Int == 2)
        #expect(retry["trigger"] as? String == "survey-closed:\(ServeEndToEndTests.survey)")
        let first = try #require(runs.first { $0["attempt"] as? Int == 1 })
        #expect(first["status"] as? String == "failed")
        #expect(first["error"] as? String == "the daemon stopped during the run")
        server.kill()

        // Restarted again: the retry is recorded "interrupted twice" and nothing is owed, so it stays up.
        server = try await ServeProcess.start(folder)
        let settled = ContinuousClock.now + .seconds(5)   // five scheduler ticks
        while ContinuousClock.now < settled {
            #expect(server.isRunning, "the daemon stopped: \(server.log.suffix(2000))")
            runs = try await server.api.expect(200, "GET", "/v1/rounds/\(round)/runs").array
            if runs.count != 2 || runs.contains(where: { $0["status"] as? String == "running" }) { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(runs.count == 2, "a third run was started: \(runs)")
        #expect(runs.allSatisfy { $0["status"] as? String == "failed" }, "\(runs)")
        let second = try #require(runs.first { $0["attempt"] as? Int == 2 })
        #expect((second["error"] as? String ?? "").hasPrefix("interrupted twice"), "\(second)")
        #expect(try await server.api.call("GET", "/health").status == 200)
        #expect(server.isRunning)
        _ = try await server.terminate(timeout: .seconds(30))
        await receiver.stop()
        folder.remove()
    }
}

/// Black-box: a webhook URL's password never leaves the daemon, neither in the endpoint list, nor in a failed
/// delivery's `last_error`, nor in its log.
@Suite("Webhook passwords stay secret", .serialized) struct WebhookPasswordTests {
    @Test("A failing endpoint whose URL holds a password: *** in GET endpoints, last_error and the log", .timeLimit(.minutes(2)))
    func aPasswordNeverLeavesTheDaemon() async throws {
        // Nothing listens on port 1: every attempt fails with an error quoting the URL.
        let folder = try ServeFolder.make("password", endpoint: "http://bob:hunter2-secret@127.0.0.1:1/hook", secret: WebhookSecret.generate(),
                                          samples: 0)
        let server = try await ServeProcess.start(folder)
        defer { server.kill() }
        let api = server.api
        try await api.expect(201, "POST", "/v1/surveys", json: #"{"id": "pw-survey"}"#)
        try await api.expect(200, "POST", "/v1/surveys/pw-survey/close")
        var deliveries: [[String: Any]] = []
        let failed = await eventually(timeout: .seconds(30)) {
            deliveries = (try? await api.call("GET", "/v1/webhooks/deliveries?limit=100").array) ?? []
            return deliveries.contains { ($0["last_error"] as? String)?.isEmpty == false }
        }
        try #require(failed, "no failed attempt recorded: \(deliveries); log: \(server.log.suffix(2000))")
        let errors = deliveries.compactMap { $0["last_error"] as? String }
        #expect(errors.allSatisfy { !$0.contains("hunter2") }, "\(errors)")
        #expect(errors.contains { $0.contains("bob:***@127.0.0.1") }, "\(errors)")
        let endpoints = try await api.expect(200, "GET", "/v1/webhooks/endpoints")
        #expect(!endpoints.text.contains("hunter2"), "\(endpoints.text)")
        #expect(endpoints.text.contains("bob:***@"), "\(endpoints.text)")
        #expect(!server.log.contains("hunter2"), "the log holds the password: \(server.log.suffix(2000))")
        _ = try await server.terminate(timeout: .seconds(30))
        #expect(!server.log.contains("hunter2"))
        folder.remove()
    }
}
