@testable import AllotServer
import AllotStore
import Foundation
import Testing

/// The controllers are generic over the store, and the route and page tests run on the in-memory one; this suite is
/// what lets them: the whole API scenario answers the same in memory as on the SQLite file, request for request.
@Suite("The API gives the same answers in memory as on SQLite")
struct ApiInMemoryTests {
    @Test("The scenario from survey to decisions answers the same on both stores")
    func theSameScenarioAnswersTheSame() async throws {
        let sqlite = try TestServer.make()
        let expected = try await AgreementScenario.answers(sqlite.deps, admin: sqlite.admin)
        let memory = try MemoryTestServer.make()
        let actual = try await AgreementScenario.answers(memory.deps, admin: memory.admin)
        #expect(actual.count == expected.count)
        for ((path, want), (_, got)) in zip(expected, actual) {
            #expect(want.hasPrefix("200 "), "\(path) on SQLite: \(want.prefix(300))")
            #expect(got == want, "\(path) differs in memory:\nSQLite: \(want.prefix(700))\nmemory: \(got.prefix(700))")
        }
    }
}
