import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Listing and revoking API tokens") struct TokenRouteTests {
    @Test("An admin lists tokens without their secrets and revokes one, which then stops signing in")
    func listAndRevoke() async throws {
        let server = try MemoryTestServer.make()
        let analyst = try server.token(.analyst)
        try await server.application.test(.router) { client in
            let list = try await client.call(.get, "/v1/tokens", token: server.admin)
            #expect(list.status == .ok)
            let records = try #require(list.json as? [[String: Any]])
            #expect(records.count == 2)
            #expect(!list.text.contains(analyst) && !list.text.contains(APIToken.hash(analyst)), "never the token or its hash")
            let id = try #require(records.first { $0["role"] as? String == "analyst" }?["id"] as? String)
            #expect(try await client.call(.get, "/v1/tokens", token: analyst).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: analyst).status == .forbidden)
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: server.admin).status == .noContent)
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: server.admin).status == .notFound, "already revoked")
            let after = try #require(try await client.call(.get, "/v1/tokens", token: server.admin).json as? [[String: Any]])
            #expect(after.first { $0["id"] as? String == id }?["revoked_at"] != nil)
            let browser = PageClient(client)
            let refused = try await browser.signIn(token: analyst)
            #expect(refused.status == .unprocessableContent, "a revoked token signs no one in")
        }
    }
}
