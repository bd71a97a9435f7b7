import AllotStore
import AllotWebhooks
import Foundation
import Testing

/// Black-box, on PostgreSQL: three `allot serve` processes on one database, as a public body runs them behind a load
/// balancer, each driven only through its HTTP API.
@Suite("Several instances on one PostgreSQL database", .serialized, .enabled(if: ServerPostgres.isConfigured, ServerPostgres.unset))
struct ServeSeveralInstancesTests {
    static let survey = ServeEndToEndTests.survey
    static let round = "pg-round"

    @Test("Three instances share tokens and revocations, run a round once at a time, and run a closing survey's round once",
          .timeLimit(.minutes(4)))
    func threeInstancesShareOneDatabase() async throws {
        try await ServerPostgres.withDatabase { url in
            let receiver = try await HookReceiver.start()
            let secret = WebhookSecret.generate()
            var folders: [ServeFolder] = []
            defer { folders.forEach { $0.remove() } }
            for i in 1...3 {
                // Enough robustness samples that a run lasts while the other instances are asked for one.
                folders.append(try ServeFolder.make("pg-\(i)", endpoint: receiver.url, secret: secret, samples: 300, databaseURL: url))
            }
            var servers: [ServeProcess] = []
            defer { servers.forEach { $0.kill() } }
            for folder in folders { servers.append(try await ServeProcess.start(folder)) }
            let (first, second, third) = (servers[0].api, servers[1].api, servers[2].api)

            // Nothing went to the data directories: the store is the database.
            for folder in folders {
                #expect(!FileManager.default.fileExists(atPath: folder.data + "/allot.sqlite"), "\(folder.data) has a SQLite store")
            }
            // A token made on the command line for one folder works on every instance.
            for server in servers {
                try await APIClient(base: server.api.base, token: folders[0].token).expect(200, "GET", "/v1/rounds")
            }
            for server in servers { try await server.api.expect(200, "GET", "/ready") }

            // Set-up spread over the instances: supply and the round on the first, the survey on the second, closing
            // in a few seconds.
            try await ServeEndToEndTests.seedRound(first, round: Self.round)
            let closesAt = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + 4).rounded(.up))
            try await second.expect(201, "POST", "/v1/surveys",
                                    json: #"{"id": "\#(Self.survey)", "title": "Practitioners 2022/23", "closes_at": "\#(iso8601(closesAt))"}"#)
            try await second.expect(201, "POST", "/v1/surveys/\(Self.survey)/responses", csv: try ServeEndToEndTests.responses())
            try #require(Date() < closesAt, "set-up took past the survey's close time; the test cannot prove a scheduled close")

            // Three schedulers see the close; the round runs once.
            func completed() -> [HookRequest] {
                receiver.requests.filter { $0.type == "round.completed" && $0.data["round_id"] as? String == Self.round }
            }
            let arrived = await eventually(timeout: .seconds(90)) { !completed().isEmpty }
            try #require(arrived, "no round.completed within 90 s; logs: \(servers.map { $0.log.suffix(1500) })")
            try await Task.sleep(for: .seconds(4)) // several ticks of every scheduler
            let runs = try await third.expect(200, "GET", "/v1/rounds/\(Self.round)/runs").array
            #expect(runs.count == 1, "runs after one close on three instances: \(runs)")
            #expect(runs.first?["trigger"] as? String == "survey-closed:\(Self.survey)")
            #expect(Set(completed().map(\.id)).count == 1, "round.completed raised more than once for one close")
            let closedEvents = receiver.requests.filter { $0.type == "survey.closed" }
            #expect(Set(closedEvents.map(\.id)).count == 1, "survey.closed raised \(Set(closedEvents.map(\.id)).count) times")
            for request in receiver.requests { #expect(request.verifies(with: secret), "\(request.type) \(request.id) does not verify") }

            // The same run asked of all three at once: one runs it, the others answer 409.
            async let a = first.call("POST", "/v1/rounds/\(Self.round)/runs")
            async let b = second.call("POST", "/v1/rounds/\(Self.round)/runs")
            async let c = third.call("POST", "/v1/rounds/\(Self.round)/runs")
            let answers = try await [a, b, c]
            #expect(answers.map(\.status).sorted() == [201, 409, 409], "answers: \(answers.map { "\($0.status) \($0.text.prefix(200))" })")
            let after = try await first.expect(200, "GET", "/v1/rounds/\(Self.round)/runs").array
            #expect(after.count == 2, "runs: \(after.map { $0["id"] ?? "" })")

            // A token revoked on one instance stops working on the others within the token cache's 5 seconds.
            let doomed = APIClient(base: servers[2].api.base, token: folders[2].token)
            try await doomed.expect(200, "GET", "/v1/rounds") // now in the third instance's cache
            let tokens = try await first.expect(200, "GET", "/v1/tokens").array
            let id = try #require(tokens.first { $0["name"] as? String == "pg-3" }?["id"] as? String, "tokens: \(tokens)")
            try await first.expect(204, "DELETE", "/v1/tokens/\(id)")
            let refused = await eventually(timeout: .seconds(8)) { (try? await doomed.call("GET", "/v1/rounds").status) == 401 }
            #expect(refused, "a token revoked on the first instance still works on the third after 8 s")
            try await APIClient(base: servers[1].api.base, token: folders[1].token).expect(200, "GET", "/v1/rounds")

            for server in servers {
                let stop = try await server.terminate(timeout: .seconds(20))
                #expect(stop.status == 0, "exit status \(stop.status); log: \(server.log.suffix(2000))")
            }
            await receiver.stop()
        }
    }

    @Test("Deliveries survive an instance killed at random moments: every message arrives at least once, duplicates are counted",
          .timeLimit(.minutes(6)))
    func deliveriesSurviveAnInstanceKilledAtRandomMoments() async throws {
        try await ServerPostgres.withDatabase { url in
            // A receiver that holds each request a little, so deliveries are in flight when an instance dies.
            let receiver = try await HookReceiver.start(delay: .milliseconds(20))
            let secret = WebhookSecret.generate()
            let lease = 4.0
            var folders: [ServeFolder] = []
            defer { folders.forEach { $0.remove() } }
            for i in 1...3 {
                folders.append(try ServeFolder.make("kill-\(i)", endpoint: receiver.url + "?endpoint=e2e-receiver", secret: secret, samples: 0,
                                                    databaseURL: url, leaseSeconds: lease))
            }
            var started: [ServeProcess] = []
            for folder in folders { started.append(try await ServeProcess.start(folder)) }
            let servers = started
            // The third instance as it is now (restarted after each kill).
            let third = LockedState<ServeProcess>(servers[2])
            defer {
                servers.forEach { $0.kill() }
                third.withLock { $0.kill() }
            }
            let api = servers[0].api
            try await ServeEndToEndTests.seedRound(api, round: Self.round)
            try await api.expect(201, "POST", "/v1/surveys", json: #"{"id": "\#(Self.survey)", "title": "Practitioners 2022/23"}"#)
            try await api.expect(201, "POST", "/v1/surveys/\(Self.survey)/responses", csv: try ServeEndToEndTests.responses())
            // Forty endpoints at the receiver, each named in its URL: every event becomes 41 messages.
            let endpoints = (1...40).map { "fan-\($0)" } + ["e2e-receiver"]
            for id in endpoints.dropLast() {
                try await api.expect(201, "POST", "/v1/webhooks/endpoints",
                                     json: #"{"id": "\#(id)", "url": "\#(receiver.url)?endpoint=\#(id)", "secret": "\#(secret.text)"}"#)
            }

            // The third instance is killed (SIGKILL) at random moments while events are raised and delivered, started
            // again after a random pause, and left dead after the last kill.
            let restartFolder = folders[2]
            let killer = Task { () -> [String] in
                var log: [String] = []
                for kill in 1...5 {
                    try await Task.sleep(for: .milliseconds(Int.random(in: 500...2_000)))
                    third.withLock { $0.kill() }
                    log.append("kill \(kill) at \(Date().timeIntervalSince1970)")
                    guard kill < 5 else { break }
                    try await Task.sleep(for: .milliseconds(Int.random(in: 200...1_000)))
                    let again = try await ServeProcess.start(restartFolder)
                    third.withLock { $0 = again }
                }
                return log
            }
            var runs = 0
            while runs < 55 {
                let answer = try await api.call("POST", "/v1/rounds/\(Self.round)/runs")
                #expect(answer.status == 201, "run \(runs + 1): \(answer.status) \(answer.text.prefix(300))")
                runs += 1
            }
            let kills = try await killer.value
            let lastKill = ContinuousClock.now

            // Every message delivered, by the two instances left, once the dead one's claims lapse.
            let drained = await eventually(timeout: .seconds(120), interval: .milliseconds(500)) {
                let pending = (try? await api.call("GET", "/v1/webhooks/deliveries?state=pending&limit=1000").array.count) ?? 1
                return pending == 0
            }
            let took = ContinuousClock.now - lastKill
            try #require(drained, "messages still pending 120 s after the last kill; kills: \(kills)")
            var messages = 0
            var duplicates = 0
            let requests = receiver.requests
            for endpoint in endpoints {
                let log = try await api.expect(200, "GET", "/v1/webhooks/deliveries?endpoint=\(endpoint)&limit=1000").array
                #expect(log.allSatisfy { $0["state"] as? String == "delivered" }, "\(endpoint): \(log.filter { $0["state"] as? String != "delivered" }.prefix(3))")
                let stored = Set(log.compactMap { $0["event_id"] as? String })
                let arrived = requests.filter { $0.endpoint == endpoint }
                let received = Set(arrived.map(\.id))
                #expect(stored.isSubset(of: received), "\(endpoint): \(stored.subtracting(received).count) message(s) never arrived")
                messages += stored.count
                duplicates += arrived.count - received.count
            }
            #expect(messages >= 2_000, "only \(messages) messages: the test must deliver at least 2,000")
            for request in requests.prefix(50) { #expect(request.verifies(with: secret)) }
            print("ServeSeveralInstancesTests: \(messages) messages to \(endpoints.count) endpoints from \(runs) runs; "
                + "\(duplicates) duplicate deliveries; \(kills.count) kills; drained \(took) after the last (lease \(lease) s)")
            for server in servers.prefix(2) {
                let stop = try await server.terminate(timeout: .seconds(20))
                #expect(stop.status == 0, "exit status \(stop.status); log: \(server.log.suffix(2000))")
            }
            await receiver.stop()
        }
    }
}
