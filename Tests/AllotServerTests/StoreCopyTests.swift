@testable import AllotServer
@testable import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

/// `allot store copy`: the embedded store moved into PostgreSQL, checked through the API the users see.
@Suite("Copying the embedded store into PostgreSQL", .serialized, .enabled(if: ServerPostgres.isConfigured, ServerPostgres.unset))
struct StoreCopyTests {
    static let quiet: Logger = {
        var logger = Logger(label: "allot.test.copy")
        logger.logLevel = .warning
        return logger
    }()

    @Test("A scored round's store, copied, answers the API with the same bytes on PostgreSQL; a second copy is refused")
    func aCopiedStoreAnswersTheSame() async throws {
        let sqlite = try TestServer.make()
        try await sqlite.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, sqlite.admin)
            let decided = try await client.call(.post, "/v1/rounds/\(Scenario.round)/decisions", token: sqlite.admin,
                                                json: #"[{"proposal": "nope", "decision": "decline"}]"#)
            #expect(decided.status != .internalServerError)
        }
        try await ServerPostgres.withDatabase { text in
            let url = try PostgresURL(parsing: text)
            let reports = try await StoreCopy.copy(from: sqlite.deps.database, to: url, logger: Self.quiet)
            let rows = Dictionary(uniqueKeysWithValues: reports.map { ($0.table, $0.rows) })
            #expect((rows["survey_response"] ?? 0) > 300, "reports: \(reports)")
            #expect(rows["round_run"] == 1)
            #expect((rows["round_proposal"] ?? 0) == 18)
            #expect((rows["api_token"] ?? 0) == 1)
            #expect((rows["activity"] ?? 0) > 0)

            try await ServerPostgres.withStore(url) { store in
            let copy = ServerDependencies(config: sqlite.deps.config, store: PostgresRepositories(store), configDirectory: TestServer.configDirectory)
            let copied = Application(router: buildRouter(copy))
            for path in ["/v1/rounds/\(Scenario.round)/results", "/v1/rounds/\(Scenario.round)/results.csv", "/v1/rounds/\(Scenario.round)/runs",
                         "/v1/rounds/\(Scenario.round)", "/v1/rounds/\(Scenario.round)/proposals", "/v1/surveys", "/v1/surveys/\(Scenario.survey)",
                         "/v1/tokens", "/v1/activity"] {
                let before = try await sqlite.application.test(.router) { try await $0.call(.get, path, token: sqlite.admin) }
                let after = try await copied.test(.router) { try await $0.call(.get, path, token: sqlite.admin) }
                #expect(before.status == .ok, "\(path) on SQLite: \(before.status)")
                #expect(after.status == before.status, "\(path): \(after.status) on PostgreSQL, \(before.status) on SQLite: \(after.text.prefix(300))")
                // Each read on SQLite notes the admin token's use (at most once a minute), after the copy was made:
                // on a slow run, that one time may have moved on; every other byte must agree.
                let unnoted = { (text: String) in
                    text.replacingOccurrences(of: #""last_used_at":"[^"]*""#, with: #""last_used_at":"<noted>""#, options: .regularExpression)
                }
                #expect(unnoted(after.text) == unnoted(before.text), "\(path) differs after the copy")
            }
            }

            await #expect {
                _ = try await StoreCopy.copy(from: sqlite.deps.database, to: url, logger: Self.quiet)
            } throws: { error in
                if case .targetNotEmpty = error as? StoreCopyError { true } else { false }
            }
        }
    }

    @Test("A value that does not fit its PostgreSQL column stops the copy, naming table, row and column, and keeps nothing")
    func aValueThatDoesNotFitKeepsNothing() async throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-copy-\(UUID().uuidString)")
        let database = try AppDatabase.open(dataDirectory: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let record = TokenRecord(id: "tok_odd", name: "odd", role: .analyst, reviewerID: nil, createdAt: Date(timeIntervalSince1970: 1_800_000_000))
        try SQLiteTokenRepository(database).create(record, hash: "hash-odd", activity: [])
        try await database.writer.write { db in try db.execute(sql: "UPDATE api_token SET created_at = 'yesterday'") }
        try await ServerPostgres.withDatabase { text in
            let url = try PostgresURL(parsing: text)
            await #expect(throws: StoreCopyError.badValue(table: "api_token", column: "created_at", row: "id=\"tok_odd\"",
                                                                reason: "'yesterday' is not an ISO 8601 time")) {
                _ = try await StoreCopy.copy(from: database, to: url, logger: Self.quiet)
            }
            let (tokens, surveys) = try await ServerPostgres.withStore(url) { store in
                (try PostgresRepositories(store).tokens.all(), try PostgresRepositories(store).surveys.surveys())
            }
            #expect(tokens.isEmpty && surveys.isEmpty, "the failed copy kept \(tokens.count) token(s), \(surveys.count) survey(s)")
        }
    }
}
