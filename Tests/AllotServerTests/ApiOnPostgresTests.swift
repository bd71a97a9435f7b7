@testable import AllotServer
@testable import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// The whole API scenario through the in-process router, once on SQLite and once on PostgreSQL: each store's answers
/// to the same requests agree, once the values that differ by nature (ids made at random, times) are masked.
@Suite("The API gives the same answers on SQLite and on PostgreSQL", .serialized, .enabled(if: ServerPostgres.isConfigured, ServerPostgres.unset))
struct ApiOnPostgresTests {
    @Test("The scenario from survey to decisions answers the same on both stores")
    func theSameScenarioAnswersTheSame() async throws {
        let sqlite = try TestServer.make()
        let expected = try await AgreementScenario.answers(sqlite.deps, admin: sqlite.admin)
        try await ServerPostgres.withDatabase { text in
            try await ServerPostgres.withStore(try PostgresURL(parsing: text)) { store in
                let repositories = PostgresRepositories(store)
                let deps = ServerDependencies(config: sqlite.deps.config, store: repositories, configDirectory: TestServer.configDirectory)
                let (admin, _) = try APIToken.issue(role: .admin, name: "test admin", reviewerID: nil, in: repositories.tokens, actor: "allot")
                let actual = try await AgreementScenario.answers(deps, admin: admin)
                #expect(actual.count == expected.count)
                for ((path, want), (_, got)) in zip(expected, actual) {
                    #expect(want.hasPrefix("200 "), "\(path) on SQLite: \(want.prefix(300))")
                    #expect(got == want, "\(path) differs on PostgreSQL:\nSQLite:     \(want.prefix(700))\nPostgreSQL: \(got.prefix(700))")
                }
            }
        }
    }
}
