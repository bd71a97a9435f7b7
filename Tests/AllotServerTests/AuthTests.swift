import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct AuthTests {
    @Test func aRequestWithoutAValidTokenGets401() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            #expect(try await client.call(.get, "/v1/surveys", token: nil).status == .unauthorized)
            #expect(try await client.call(.get, "/v1/surveys", token: "allot_not-a-real-token").status == .unauthorized)
            #expect(try await client.call(.get, "/v1/surveys", token: "something-else").status == .unauthorized)
            let r = try await client.call(.get, "/v1/surveys", token: nil)
            #expect(r["error"] as? String == "unauthorized")
        }
    }

    @Test func theWrongRoleGets403AndTheRightRoleIsServed() async throws {
        let server = try TestServer.make()
        let analyst = try server.token(.analyst)
        try await server.application.test(.router) { client async throws in
            #expect(try await client.call(.post, "/v1/surveys", token: analyst, json: #"{"id": "s1"}"#).status == .forbidden)
            #expect(try await client.call(.post, "/v1/tokens", token: analyst, json: #"{"role": "admin", "name": "x"}"#).status == .forbidden)
            #expect(try await client.call(.get, "/v1/surveys", token: analyst).status == .ok)
            #expect(try await client.call(.post, "/v1/surveys", token: server.admin, json: #"{"id": "s1"}"#).status == .created)
        }
    }

    @Test func openRoutesNeedNoToken() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
            #expect(try await client.call(.get, "/ready", token: nil).status == .ok)
            #expect(try await client.call(.get, "/openapi.json", token: nil).status == .ok)
            _ = try await client.call(.get, "/v1/surveys", token: server.admin)
            let metrics = try await client.call(.get, "/metrics", token: nil)
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("allot_http_requests_total"))
        }
    }

    @Test func aTokenIsShownOnceAndStoredOnlyAsItsHash() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let r = try await client.call(.post, "/v1/tokens", token: server.admin, json: #"{"role": "analyst", "name": "panel analyst"}"#)
            #expect(r.status == .created)
            let token = try #require(r["token"] as? String)
            #expect(token.hasPrefix("allot_"))
            #expect(try await client.call(.get, "/v1/rounds", token: token).status == .ok)
            let stored = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT hash FROM api_token") }
            #expect(stored.contains(APIToken.hash(token)))
            #expect(!stored.contains(token))
            let list = try await client.call(.get, "/v1/webhooks/endpoints", token: server.admin)
            #expect(!list.text.contains(token))
        }
    }

    @Test func aReviewerTokenMustNameAKnownReviewer() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let r = try await client.call(.post, "/v1/tokens", token: server.admin, json: #"{"role": "reviewer", "name": "x"}"#)
            #expect(r.status == .unprocessableContent)
            #expect(r["path"] as? String == "$.reviewer")
        }
    }
}
