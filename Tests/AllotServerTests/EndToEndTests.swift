import AllotServer
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// The whole daemon: a survey closes on schedule, its round runs, and a signed `round.completed` reaches a loopback
/// receiver; after a restart the results are still there.
@Suite struct EndToEndTests {
    final class Received: Sendable {
        struct Delivery: Sendable {
            let id: String
            let timestamp: String
            let signature: String
            let body: Data
        }
        let deliveries = Mutex<[Delivery]>([])
    }

    static func send(_ port: Int, _ method: HTTPRequest.Method, _ path: String, token: String, json: String? = nil, csv: Data? = nil)
        async throws -> TestClient.Response {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90)))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        var headers = HTTPFields()
        headers[.authorization] = "Bearer \(token)"
        var body: ByteBuffer?
        if let json { headers[.contentType] = "application/json"; body = ByteBuffer(string: json) }
        if let csv { headers[.contentType] = "text/csv"; body = ByteBuffer(bytes: csv) }
        return try await client.execute(.init(path, method: method, authority: "127.0.0.1:\(port)", headers: headers, body: body))
    }

    @Test func aSurveyClosingOnScheduleRunsItsRoundAndASignedRoundCompletedArrives() async throws {
        let files = try #require(DemoFiles.files)
        let received = Received()
        let router = Router()
        router.post("hook") { request, _ -> HTTPResponse.Status in
            let body = try await request.body.collect(upTo: 10_000_000)
            func header(_ name: String) -> String { request.headers.first { $0.name.canonicalName == name }?.value ?? "" }
            let delivery = Received.Delivery(id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                                             signature: header("webhook-signature"), body: Data(body.readableBytesView))
            received.deliveries.withLock { $0.append(delivery) }
            return .noContent
        }
        try await Application(router: router).test(.live) { receiver async throws in
            let receiverPort = try #require(receiver.port)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-e2e-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let secret = WebhookSecret.generate()
            let webhooks = folder + "/webhooks.yaml"
            try """
                allow_targets: ["127.0.0.1/32"]
                delivery:
                  poll_interval_seconds: 0.1
                endpoints:
                  - id: panel
                    url: http://127.0.0.1:\(receiverPort)/hook
                    secrets: ["\(secret.text)"]
                    events: [round.completed]
                """.write(toFile: webhooks, atomically: true, encoding: .utf8)
            let data = folder + "/data"
            let token = try APIToken.issue(role: .admin, name: "e2e", reviewerID: nil, in: SQLiteTokenRepository(try AppDatabase.open(dataDirectory: data)), actor: "allot").token
            let config = ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: data, schedulerTickSeconds: 0.1, robustnessSamples: 0,
                                      webhooksConfig: webhooks)

            let first = try await DaemonTests.start(config: config)
            let port = first.port
            for (kind, path) in [("participation", files.participation), ("activity", files.activity), ("workforce", files.workforce)] {
                #expect(try await Self.send(port, .post, "/v1/supply/\(kind)", token: token, csv: try DemoFiles.bytes(path)).status == .created)
            }
            #expect(try await Self.send(port, .post, "/v1/rounds", token: token, json: """
                {"id": "e2e", "budget": 150000, "surveys": ["\(Scenario.survey)"], "supply_year": "2022-23"}
                """).status == .created)
            #expect(try await Self.send(port, .post, "/v1/rounds/e2e/proposals", token: token,
                                        json: String(decoding: try DemoFiles.bytes(files.proposals), as: UTF8.self)).status == .created)
            let closesAt = ISO8601DateFormatter().string(from: Date().addingTimeInterval(10))
            #expect(try await Self.send(port, .post, "/v1/surveys", token: token,
                                        json: #"{"id": "\#(Scenario.survey)", "closes_at": "\#(closesAt)"}"#).status == .created)
            let path = try #require(files.surveys.first { $0.hasSuffix("\(Scenario.survey).csv") })
            #expect(try await Self.send(port, .post, "/v1/surveys/\(Scenario.survey)/responses", token: token, csv: try DemoFiles.bytes(path)).status == .created)

            var delivery: Received.Delivery?
            for _ in 0..<1200 where delivery == nil {
                try await Task.sleep(for: .milliseconds(100))
                delivery = received.deliveries.withLock { $0.first }
            }
            let arrived = try #require(delivery)
            try WebhookVerifier.verify(id: arrived.id, timestamp: arrived.timestamp, body: arrived.body, signatureHeader: arrived.signature,
                                       secret: secret, now: Date())
            let envelope = try #require(try JSONSerialization.jsonObject(with: arrived.body) as? [String: Any])
            #expect(envelope["type"] as? String == "round.completed")
            #expect((envelope["data"] as? [String: Any])?["round_id"] as? String == "e2e")
            let runsBody = try #require(try await Self.send(port, .get, "/v1/rounds/e2e/runs", token: token).body)
            let runs = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: runsBody).utf8)) as? [[String: Any]])
            #expect(runs.first?["trigger"] as? String == "survey-closed:\(Scenario.survey)")
            first.task.cancel()
            _ = await first.task.result

            let second = try await DaemonTests.start(config: config)
            let results = try await Self.send(second.port, .get, "/v1/rounds/e2e/results", token: token)
            #expect(results.status == .ok)
            let survey = try await Self.send(second.port, .get, "/v1/surveys/\(Scenario.survey)", token: token)
            #expect(survey.body.map { String(buffer: $0) }?.contains(#""state":"closed""#) == true)
            second.task.cancel()
            _ = await second.task.result
        }
    }
}
