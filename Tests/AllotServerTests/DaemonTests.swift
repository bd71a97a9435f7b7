import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// `AllotDaemon` in-process on port 0: the way to start the whole daemon (server, dispatcher, scheduler) in a test.
@Suite struct DaemonTests {
    /// Starts the daemon, waits for its `listening on` line, and returns the port with the task running it.
    static func start(dataDirectory: String) async throws -> (port: Int, task: Task<Void, any Error>) {
        try await start(config: ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: dataDirectory, robustnessSamples: 0))
    }

    /// Starts the daemon with `config` (port 0 for a free port).
    static func start(config: ServerConfig) async throws -> (port: Int, task: Task<Void, any Error>) {
        let (lines, continuation) = AsyncStream.makeStream(of: String.self)
        let task = Task {
            try await AllotDaemon.run(config: config, configDirectory: TestServer.configDirectory) { continuation.yield($0) }
        }
        for await line in lines {
            if line.hasPrefix("listening on 127.0.0.1:"), let port = Int(line.dropFirst("listening on 127.0.0.1:".count)) {
                return (port, task)
            }
        }
        throw ScenarioError.failed("the daemon never said where it listens")
    }

    static func get(_ port: Int, _ path: String, token: String? = nil) async throws -> TestClient.Response {
        let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(90)))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await client.execute(.init(path, method: .get, authority: "127.0.0.1:\(port)", headers: headers))
    }

    @Test func theDaemonServesOnPortZeroStopsWhenCancelledAndKeepsItsStateAcrossARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-daemon-test-\(UUID().uuidString)").path
        let token = try APIToken.issue(role: .admin, name: "daemon test", reviewerID: nil,
                                       in: SQLiteTokenRepository(try AppDatabase.open(dataDirectory: folder)), actor: "allot").token
        try SQLiteSurveyScheduleRepository(try AppDatabase.open(dataDirectory: folder))
            .create(SurveySchedule(id: "practitioner-2030-31", createdAt: Date()))

        let first = try await Self.start(dataDirectory: folder)
        #expect(first.port > 0)
        #expect(try await Self.get(first.port, "/health").status == .ok)
        #expect(try await Self.get(first.port, "/v1/surveys").status == .unauthorized)
        first.task.cancel()
        _ = await first.task.result

        let second = try await Self.start(dataDirectory: folder)
        let surveys = try await Self.get(second.port, "/v1/surveys", token: token)
        #expect(surveys.status == .ok)
        #expect(surveys.body.map { String(buffer: $0) }?.contains("practitioner-2030-31") == true)
        second.task.cancel()
        _ = await second.task.result
    }
}
