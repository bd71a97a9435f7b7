import AllotWebhooks
import Foundation
import Testing

/// Black-box: SIGTERM to the built `allot serve` while a run is in progress and while webhooks are being delivered
/// loses nothing: no run is left "running", every event in the outbox reaches the receiver after a restart.
@Suite(.serialized) struct ServeShutdownTests {
    /// A round with its survey (open, responses uploaded), supply and proposals.
    static func seed(_ api: APIClient) async throws {
        try await ServeEndToEndTests.seedRound(api)
        try await api.expect(201, "POST", "/v1/surveys", json: #"{"id": "\#(ServeEndToEndTests.survey)", "title": "Practitioners"}"#)
        try await api.expect(201, "POST", "/v1/surveys/\(ServeEndToEndTests.survey)/responses", csv: try ServeEndToEndTests.responses())
    }

    @Test(.timeLimit(.minutes(2)))
    func sigtermDuringARunLeavesItFinishedOrFailedNeverRunning() async throws {
        let clock = ContinuousClock.now
        let round = ServeEndToEndTests.round
        let receiver = try await HookReceiver.start()
        let secret = WebhookSecret.generate()
        // Enough robustness samples that the run lasts long enough to be seen running on a loaded machine (400 took
        // 4 s in a debug build, which a loaded CI run's polls could miss entirely).
        let folder = try ServeFolder.make("shutdown-run", endpoint: receiver.url, secret: secret, samples: 1_500)
        var server = try await ServeProcess.start(folder)
        defer { server.kill() }
        try await Self.seed(server.api)

        // Run from a background task; SIGTERM once the run is recorded as running.
        let api = server.api
        let request = Task { try await api.call("POST", "/v1/rounds/\(round)/runs", json: "{}") }
        var running: [String: Any]?
        let seen = try await eventually(timeout: .seconds(45), interval: .milliseconds(25)) {
            running = try await api.expect(200, "GET", "/v1/rounds/\(round)/runs").array.first { $0["status"] as? String == "running" }
            return running != nil
        }
        try #require(seen, "the run was never seen running; log: \(server.log.suffix(2000))")
        let runID = try #require(running?["id"] as? String)
        let stop = try await server.terminate(timeout: .seconds(45))
        #expect(stop.status == 0, "exit status \(stop.status); log: \(server.log.suffix(2000))")
        let answer = await request.result
        let answered: String = switch answer {
        case let .success(r): "\(r.status) \(r.object["status"] as? String ?? r.text.prefix(200).description)"
        case let .failure(e): "no answer (\(e))"
        }

        // Restarted (with few samples, so the next run is quick): the run is finished, never stuck.
        try folder.writeConfig(samples: 10)
        server = try await ServeProcess.start(folder)
        let again = server.api
        let runs = try await again.expect(200, "GET", "/v1/rounds/\(round)/runs").array
        #expect(!runs.contains { $0["status"] as? String == "running" }, "a run is stuck running after the restart: \(runs)")
        let first = try #require(runs.first { $0["id"] as? String == runID }, "run \(runID) missing after the restart: \(runs)")
        let status = first["status"] as? String
        switch status {
        case "succeeded":
            // Completed before the daemon stopped: the result is there, and its round.completed is not lost.
            let results = try await again.expect(200, "GET", "/v1/rounds/\(round)/results")
            #expect(results.headers["etag"] == "\"\(runID)\"")
            #expect(await eventually(timeout: .seconds(20)) {
                receiver.requests.contains { $0.type == "round.completed" && $0.data["round_id"] as? String == round }
            }, "the completed run's round.completed never arrived")
        case "failed":
            #expect((first["error"] as? String ?? "").contains("the daemon stopped during the run"), "\(first)")
        default:
            Issue.record("run \(runID) is '\(status ?? "nil")' after the restart")
        }

        // A new run succeeds and becomes the result.
        let next = try await again.expect(201, "POST", "/v1/rounds/\(round)/runs", json: "{}").object
        #expect(next["status"] as? String == "succeeded", "\(next)")
        let nextID = try #require(next["id"] as? String)
        let results = try await again.expect(200, "GET", "/v1/rounds/\(round)/results")
        #expect(results.headers["etag"] == "\"\(nextID)\"")
        for request in receiver.requests { #expect(request.verifies(with: secret)) }
        #expect(try await server.terminate(timeout: .seconds(15)).status == 0)
        await receiver.stop()
        folder.remove()
        print("ServeShutdownTests (run): SIGTERM while run \(runID) was running; the stop took \(stop.took); the run request got \(answered);"
              + " after the restart the run was \(status ?? "nil"); \(ContinuousClock.now - clock) in all")
    }

    /// The other branch of "never stuck running": a daemon killed outright (no graceful stop) leaves the run's row
    /// "running"; the next start records it as failed with the reason, and the round runs again.
    @Test(.timeLimit(.minutes(2)))
    func aRunCutShortByAKillIsRecordedAsFailedAtTheNextStart() async throws {
        let round = ServeEndToEndTests.round
        let receiver = try await HookReceiver.start()
        let folder = try ServeFolder.make("kill-run", endpoint: receiver.url, secret: WebhookSecret.generate(), samples: 1_500)
        var server = try await ServeProcess.start(folder)
        defer { server.kill() }
        try await Self.seed(server.api)
        let api = server.api
        let request = Task { try await api.call("POST", "/v1/rounds/\(round)/runs", json: "{}") }
        var running: [String: Any]?
        try #require(try await eventually(timeout: .seconds(20), interval: .milliseconds(25)) {
            running = try await api.expect(200, "GET", "/v1/rounds/\(round)/runs").array.first { $0["status"] as? String == "running" }
            return running != nil
        })
        let runID = try #require(running?["id"] as? String)
        server.kill()
        _ = await request.result

        try folder.writeConfig(samples: 10)
        server = try await ServeProcess.start(folder)
        let again = server.api
        let runs = try await again.expect(200, "GET", "/v1/rounds/\(round)/runs").array
        let first = try #require(runs.first { $0["id"] as? String == runID })
        #expect(first["status"] as? String == "failed", "\(first)")
        #expect(first["error"] as? String == "the daemon stopped during the run")
        #expect(first["finished_at"] is String)
        #expect(try await again.call("GET", "/v1/rounds/\(round)/results").status == 404)
        let next = try await again.expect(201, "POST", "/v1/rounds/\(round)/runs", json: "{}").object
        #expect(next["status"] as? String == "succeeded", "\(next)")
        #expect(try await server.terminate(timeout: .seconds(15)).status == 0)
        await receiver.stop()
        folder.remove()
    }

    @Test(.timeLimit(.minutes(2)))
    func sigtermDuringDeliveriesLosesNoEvent() async throws {
        let clock = ContinuousClock.now
        // A slow receiver: each request is held 400 ms, 4 at a time, so deliveries are in flight when SIGTERM lands.
        let receiver = try await HookReceiver.start(delay: .milliseconds(400))
        let secret = WebhookSecret.generate()
        let folder = try ServeFolder.make("shutdown-deliveries", endpoint: receiver.url, secret: secret, samples: 0, concurrency: 4)
        var server = try await ServeProcess.start(folder)
        defer { server.kill() }
        let api = server.api

        // Many events: each survey created and closed through the API posts survey.closed.
        let count = 30
        for i in 0..<count {
            let id = String(format: "shutdown-%02d-2030-31", i)
            try await api.expect(201, "POST", "/v1/surveys", json: #"{"id": "\#(id)"}"#)
            try await api.expect(200, "POST", "/v1/surveys/\(id)/close")
        }
        let enqueued = try await api.expect(200, "GET", "/v1/webhooks/deliveries?limit=1000").array
        let events = Set(enqueued.compactMap { $0["event_id"] as? String })
        #expect(events.count == count, "outbox holds \(events.count) events, expected \(count)")

        // SIGTERM mid-delivery: some delivered, some in flight at the receiver, the rest still queued.
        try #require(await eventually(timeout: .seconds(30), interval: .milliseconds(10)) { receiver.requests.count >= 6 },
                     "deliveries never started; log: \(server.log.suffix(2000))")
        let inFlight = receiver.requests.count - receiver.answered
        let stop = try await server.terminate(timeout: .seconds(30))
        #expect(stop.status == 0, "exit status \(stop.status); log: \(server.log.suffix(2000))")
        let beforeRestart = Set(receiver.requests.map(\.id))
        #expect(inFlight > 0, "no delivery was in flight at SIGTERM")
        #expect(beforeRestart.count < count, "everything was delivered before the stop; the test proved nothing")

        // Restarted: every event is delivered, at least once, and the log says so.
        server = try await ServeProcess.start(folder)
        let again = server.api
        var log: [[String: Any]] = []
        let done = try await eventually(timeout: .seconds(40), interval: .milliseconds(250)) {
            log = try await again.expect(200, "GET", "/v1/webhooks/deliveries?limit=1000").array
            return log.count == count && log.allSatisfy { $0["state"] as? String == "delivered" }
                && Set(receiver.requests.map(\.id)).isSuperset(of: events)
        }
        let received = Set(receiver.requests.map(\.id))
        let states = Dictionary(grouping: log, by: { $0["state"] as? String ?? "?" }).mapValues(\.count)
        #expect(done, "after the restart: \(received.intersection(events).count) of \(count) events received; log states \(states)")
        #expect(received == events, "missing: \(events.subtracting(received)); unexpected: \(received.subtracting(events))")
        #expect(Set(log.compactMap { $0["event_id"] as? String }) == events)
        for request in receiver.requests { #expect(request.verifies(with: secret), "\(request.id): signature does not verify") }
        #expect(receiver.requests.allSatisfy { $0.type == "survey.closed" })
        #expect(try await server.terminate(timeout: .seconds(15)).status == 0)
        let duplicates = receiver.requests.count - received.count
        await receiver.stop()
        folder.remove()
        print("ServeShutdownTests (deliveries): \(count) events, \(beforeRestart.count) received before the SIGTERM (\(inFlight) in flight),"
              + " stop took \(stop.took), \(duplicates) redelivered; \(ContinuousClock.now - clock) in all")
    }
}
