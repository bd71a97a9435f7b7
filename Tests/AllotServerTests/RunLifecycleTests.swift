import AllotIngest
import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Closing a round stops its runs: none starts once it is closed, and one in flight when it closes keeps no result.
@Suite("Run lifecycle") struct RunLifecycleTests {
    @Test("A run in flight when its round is closed is recorded failed at stage closed, and a closed round does not run")
    func closingARoundStopsItsRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-lifecycle-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(dataDirectory: folder + "/data")
        // Enough robustness samples that the run is still going when the round closes.
        let config = ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: folder + "/data", robustnessSamples: 400)
        let deps = ServerDependencies(config: config, database: database, configDirectory: TestServer.configDirectory)
        let (admin, _) = try APIToken.issue(role: .admin, name: "admin", reviewerID: nil, in: SQLiteTokenRepository(database), actor: "allot")
        try await Application(router: buildRouter(deps)).test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, admin)
            try await Scenario.supply(client, admin)
            try await Scenario.roundWithProposals(client, admin)
            let service = deps.runs
            let run = Task { try await service.run(round: Scenario.round, trigger: "manual") }
            let started = await eventually(timeout: .seconds(30), interval: .milliseconds(20)) { (try? service.isRunning(round: Scenario.round)) ?? false }
            try #require(started)
            let closed = try await client.call(.post, "/v1/rounds/\(Scenario.round)/state", token: admin, json: #"{"state": "closed"}"#)
            #expect(closed.status == .ok, "\(closed.text)")
            let record = try await run.value
            #expect(record.status == .failed, "the run finished \(record.status) after its round closed")
            #expect(record.error?.hasPrefix("closed: ") == true, "\(record.error ?? "")")
            #expect(try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: admin).status == .notFound)
            #expect(try await client.call(.get, "/v1/rounds/\(Scenario.round)", token: admin)["state"] as? String == "closed")
            let again = try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: admin)
            #expect(again.status == .conflict)
        }
    }
}
