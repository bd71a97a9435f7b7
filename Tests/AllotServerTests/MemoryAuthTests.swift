@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The auth middleware is generic over its token store: here it runs on the in-memory one, with no database at all.
@Suite("Authentication works on the in-memory token store")
struct MemoryAuthTests {
    @Test("A token in the memory store signs its requests in, notes its use, and any other answers 401")
    func bearerTokensOnMemory() async throws {
        let tokens = MemoryTokenRepository()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        let (token, record) = try APIToken.issue(role: .analyst, name: "Memory analyst", reviewerID: nil, in: tokens, actor: "test", now: at)
        let router = Router(context: AllotRequestContext.self)
        router.add(middleware: ErrorMappingMiddleware())
        router.add(middleware: AuthMiddleware(tokens: tokens, now: { at }))
        router.get("/v1/whoami") { _, context in context.identity.map { "\($0.name) (\($0.role.rawValue))" } ?? "nobody" }
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await client.execute(uri: "/v1/whoami", method: .get, headers: [.authorization: "Bearer \(token)"]) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "Memory analyst (analyst)")
            }
            try await client.execute(uri: "/v1/whoami", method: .get) { response in #expect(response.status == .unauthorized) }
            try await client.execute(uri: "/v1/whoami", method: .get, headers: [.authorization: "Bearer allot_not-a-token"]) { response in
                #expect(response.status == .unauthorized)
            }
        }
        #expect(try tokens.all().first { $0.id == record.id }?.lastUsedAt == at, "its use noted in the same store")
        #expect(tokens.activity.map(\.action) == [.tokenCreated], "made with its activity entry")
    }
}
