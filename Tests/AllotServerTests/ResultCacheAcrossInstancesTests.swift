@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Each instance keeps its own result cache; a run made on one instance is what every instance serves once the cache
/// has checked the store again.
@Suite("Result caches across instances") struct ResultCacheAcrossInstancesTests {
    @Test("A newer run made on another instance replaces this instance's cached result within the revalidation time")
    func anotherInstancesNewRunIsServed() async throws {
        let first = try TestServer.make()
        // A second instance on the same store: its own dependencies, so its own result cache.
        var config = first.deps.config
        config.instanceName = "second"
        let second = ServerDependencies(config: config, database: first.deps.database, configDirectory: TestServer.configDirectory)
        let secondApp = Application(router: buildRouter(second))
        let path = "/v1/rounds/\(Scenario.round)/results"
        let firstRun = try await first.application.test(.router) { client in
            try #require(try await Scenario.scoredRound(client, first.admin)["id"] as? String)
        }
        let served = try await secondApp.test(.router) { try await $0.call(.get, path, token: first.admin) }
        #expect(served.headers[.eTag] == "\"\(firstRun)\"", "the second instance reads the first run from the store")

        let secondRun = try await first.application.test(.router) { client in
            let run = try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: first.admin)
            return try #require((run.json as? [String: Any])?["id"] as? String)
        }
        #expect(secondRun != firstRun)
        try await Task.sleep(for: second.results.revalidateAfter + .milliseconds(100))
        let fresh = try await secondApp.test(.router) { try await $0.call(.get, path, token: first.admin) }
        #expect(fresh.headers[.eTag] == "\"\(secondRun)\"", "after it, the other instance's newer run")
        #expect(fresh.body == (try await first.application.test(.router) { try await $0.call(.get, path, token: first.admin) }).body)
    }
}
