@testable import AllotServer
@testable import AllotStore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `/ready` for a load balancer: 200 while the instance reaches its PostgreSQL store, 503 within seconds once the
/// server is gone (the pool alone would keep a request waiting about a minute). A cluster of the test's own, stopped
/// under a live app.
@Suite("Readiness follows the PostgreSQL server", .serialized, .enabled(if: ServerPostgres.isConfigured, ServerPostgres.unset))
struct ReadinessOnPostgresTests {
    static let script = TestServer.repository.appendingPathComponent("Tests/support/pg-cluster").path

    /// Runs `pg-cluster COMMAND` with its state in `state`; returns what it printed. Spawned and reaped with
    /// posix_spawn and waitpid rather than Foundation's Process, whose wait never ends when a grandchild (here the
    /// PostgreSQL server pg_ctl leaves running) inherits the descriptor it watches.
    static func cluster(_ command: String, state: String) throws -> String {
        let output = state + ".\(command).out"
        let environment = ProcessInfo.processInfo.environment.merging(["PG_CLUSTER_STATE_DIR": state]) { _, new in new }
            .map { "\($0.key)=\($0.value)" }
        let arguments: [String] = ["/bin/bash", script, command]
        let argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var pid: pid_t = 0
        guard posix_spawn(&pid, "/bin/bash", &actions, nil, argv, envp) == 0 else { throw ScenarioError.failed("cannot run pg-cluster") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: output)
        guard status == 0 else { throw ScenarioError.failed("pg-cluster \(command): status \(status): \(text)") }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("Ready answers 200 while PostgreSQL answers, and 503 within 5 seconds once it is stopped; health stays 200")
    func readinessFollowsTheServer() async throws {
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("allot-ready-\(UUID().uuidString)").path
        _ = try Self.cluster("start", state: state)
        // Stopping is idempotent: nothing to do once the test has stopped it.
        defer { _ = try? Self.cluster("stop", state: state) }
        let url = try Self.cluster("url", state: state)
        let server = try TestServer.make()
        try await ServerPostgres.withStore(try PostgresURL(parsing: url)) { store in
        let deps = ServerDependencies(config: server.deps.config, store: PostgresRepositories(store), configDirectory: TestServer.configDirectory)
        try await Application(router: buildRouter(deps)).test(.router) { client in
            #expect(try await client.call(.get, "/ready", token: nil).status == .ok)
            _ = try Self.cluster("stop", state: state)
            let start = ContinuousClock.now
            let answer = try await client.call(.get, "/ready", token: nil)
            let took = ContinuousClock.now - start
            #expect(answer.status == .serviceUnavailable, "\(answer.status) \(answer.text)")
            #expect(took < .seconds(5), "/ready took \(took) to answer")
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
        }
    }
}
