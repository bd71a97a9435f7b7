import AllotWebhooks
import Foundation
import Testing

/// Black-box: the built `allot serve` as a child process on port 0, driven only through its HTTP API, delivering signed
/// webhooks to a loopback receiver in this process; then stopped with SIGTERM and started again on the same data.
@Suite(.serialized) struct ServeEndToEndTests {
    static let survey = "practitioner-2022-23"
    static let round = "e2e-round"

    /// Supply files, then a round drawing on `survey` with its proposals (the survey does not exist yet: the round
    /// names it, and the scheduler re-runs the round when it closes).
    static func seedRound(_ api: APIClient, round: String = round, budget: Int = 150_000) async throws {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        for (kind, path) in [("participation", files.participation), ("activity", files.activity), ("workforce", files.workforce)] {
            try await api.expect(201, "POST", "/v1/supply/\(kind)", csv: try DemoFiles.bytes(path))
        }
        try await api.expect(201, "POST", "/v1/rounds", json: """
            {"id": "\(round)", "name": "End-to-end round", "budget": \(budget), "surveys": ["\(survey)"], "supply_year": "2022-23"}
            """)
        try await api.expect(201, "POST", "/v1/rounds/\(round)/proposals",
                             json: String(decoding: try DemoFiles.bytes(files.proposals), as: UTF8.self))
    }

    /// The demo's responses CSV of `survey`.
    static func responses() throws -> Data {
        guard let files = DemoFiles.files, let path = files.surveys.first(where: { $0.hasSuffix("\(survey).csv") }) else {
            throw ScenarioError.noDemoFiles
        }
        return try DemoFiles.bytes(path)
    }

    @Test(.timeLimit(.minutes(2)))
    func aSurveyClosingOnScheduleRerunsItsRoundPostsSignedWebhooksAndSurvivesARestart() async throws {
        let clock = ContinuousClock.now
        let receiver = try await HookReceiver.start()
        let secret = WebhookSecret.generate()
        let folder = try ServeFolder.make("e2e", endpoint: receiver.url, secret: secret, samples: 20)
        var server = try await ServeProcess.start(folder)
        defer { server.kill() }
        let api = server.api

        // Set-up through the API only: supply, round and proposals, then a survey closing two seconds from now with
        // its responses.
        try await Self.seedRound(api)
        let closesAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 2).rounded(.up))
        try await api.expect(201, "POST", "/v1/surveys",
                             json: #"{"id": "\#(Self.survey)", "title": "Practitioners 2022/23", "closes_at": "\#(iso8601(closesAt))"}"#)
        let upload = try await api.expect(201, "POST", "/v1/surveys/\(Self.survey)/responses", csv: try Self.responses())
        #expect((upload.object["inserted"] as? Int ?? 0) > 0)
        try #require(Date() < closesAt, "set-up took past the survey's close time; the test cannot prove a scheduled close")
        #expect((try await api.expect(200, "GET", "/v1/surveys/\(Self.survey)")).object["state"] as? String == "open")

        // The scheduler closes the survey, re-runs the round, and the dispatcher posts both events, signed.
        func completed() -> [HookRequest] {
            receiver.requests.filter { $0.type == "round.completed" && $0.data["round_id"] as? String == Self.round }
        }
        let arrived = await eventually(timeout: .seconds(60)) { !completed().isEmpty }
        try #require(arrived, "no round.completed within 60 s; daemon log: \(server.log.suffix(3000))")
        let event = try #require(completed().first)
        #expect(event.verifies(with: secret), "round.completed signature does not verify")
        #expect(!event.verifies(with: WebhookSecret.generate()))
        #expect(event.id.hasPrefix("msg_"))
        let awards = event.data["awards"] as? [[String: Any]] ?? []
        #expect(!awards.isEmpty, "round.completed carries no awards: \(String(decoding: event.body, as: UTF8.self).prefix(600))")
        #expect(awards.allSatisfy { ($0["amount"] as? Int ?? 0) > 0 && $0["applicant_id"] is String })
        #expect((event.data["applicants_ranked"] as? Int ?? 0) > 0)
        #expect(await eventually(timeout: .seconds(10)) {
            receiver.requests.contains { $0.type == "survey.closed" && $0.data["survey_id"] as? String == Self.survey }
        }, "no survey.closed for \(Self.survey)")
        for request in receiver.requests {
            #expect(request.verifies(with: secret), "\(request.type) \(request.id): signature does not verify")
        }

        // The run is in the history, triggered by the close, and the results are served.
        let runs = try await api.expect(200, "GET", "/v1/rounds/\(Self.round)/runs").array
        try #require(runs.count == 1, "runs: \(runs)")
        #expect(runs[0]["trigger"] as? String == "survey-closed:\(Self.survey)")
        #expect(runs[0]["status"] as? String == "succeeded")
        let runID = try #require(runs[0]["id"] as? String)
        let results = try await api.expect(200, "GET", "/v1/rounds/\(Self.round)/results")
        #expect(results.headers["etag"] == "\"\(runID)\"")
        let csv = try await api.expect(200, "GET", "/v1/rounds/\(Self.round)/results.csv")
        let survey = try await api.expect(200, "GET", "/v1/surveys/\(Self.survey)").object
        #expect(survey["state"] as? String == "closed")
        let closedAt = try #require(survey["closed_at"] as? String)
        let round = try await api.expect(200, "GET", "/v1/rounds/\(Self.round)").object
        #expect(round["state"] as? String == "scored")

        // SIGTERM: a clean, prompt exit.
        let stop = try await server.terminate(timeout: .seconds(15))
        #expect(stop.status == 0, "exit status \(stop.status); log: \(server.log.suffix(2000))")
        #expect(stop.took < .seconds(10))

        // Started again on the same data: the same bytes, the same history, the survey still closed.
        server = try await ServeProcess.start(folder)
        let again = server.api
        let resultsAfter = try await again.expect(200, "GET", "/v1/rounds/\(Self.round)/results")
        #expect(resultsAfter.body == results.body, "results differ after the restart")
        #expect(resultsAfter.headers["etag"] == "\"\(runID)\"")
        #expect(try await again.expect(200, "GET", "/v1/rounds/\(Self.round)/results.csv").body == csv.body)
        let surveyAfter = try await again.expect(200, "GET", "/v1/surveys/\(Self.survey)").object
        #expect(surveyAfter["state"] as? String == "closed")
        #expect(surveyAfter["closed_at"] as? String == closedAt)
        #expect((surveyAfter["responses"] as? Int ?? 0) == (survey["responses"] as? Int ?? -1))
        #expect(try await again.expect(200, "GET", "/v1/rounds/\(Self.round)").object["state"] as? String == "scored")

        // Several scheduler ticks (1 s each) pass after the restart: no second run for the same close.
        let ticksEnd = ContinuousClock.now + .seconds(3)
        var runsAfter: [[String: Any]] = []
        while ContinuousClock.now < ticksEnd {
            runsAfter = try await again.expect(200, "GET", "/v1/rounds/\(Self.round)/runs").array
            if runsAfter.count != 1 { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(runsAfter.count == 1, "runs after the restart: \(runsAfter)")
        #expect(runsAfter.first?["id"] as? String == runID)
        #expect(runsAfter.first?["status"] as? String == "succeeded")
        #expect(runsAfter.first?["trigger"] as? String == "survey-closed:\(Self.survey)")
        #expect(Set(completed().map(\.id)).count == 1, "round.completed posted more than once for one close")

        // The delivery log survived too: both events delivered to the receiver.
        let deliveries = try await again.expect(200, "GET", "/v1/webhooks/deliveries?limit=1000").array
        let delivered = Set(deliveries.filter { $0["state"] as? String == "delivered" }.compactMap { $0["event_id"] as? String })
        #expect(delivered.contains(event.id))
        #expect(delivered.isSuperset(of: Set(receiver.requests.map(\.id))))

        let last = try await server.terminate(timeout: .seconds(15))
        #expect(last.status == 0)
        await receiver.stop()
        folder.remove()
        print("ServeEndToEndTests: \(ContinuousClock.now - clock) in all, stop took \(stop.took)")
    }
}
