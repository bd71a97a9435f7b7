import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct WebhookRouteTests {
    @Test func anEndpointIsCreatedWithItsSecretShownOnceListedWithoutItAndRemoved() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let created = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin,
                                                json: #"{"id": "panel", "url": "https://example.org/hooks", "event_types": ["round.completed", "round.decided"]}"#)
            #expect(created.status == .created, "\(created.text)")
            let secret = try #require(created["secret"] as? String)
            #expect(secret.hasPrefix("whsec_"))
            let list = try await client.call(.get, "/v1/webhooks/endpoints", token: server.admin)
            #expect(!list.text.contains(secret))
            #expect((list.json as? [[String: Any]])?.first?["id"] as? String == "panel")
            let duplicate = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin,
                                                  json: #"{"id": "panel", "url": "https://example.org/hooks"}"#)
            #expect(duplicate.status == .conflict)
            let badURL = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin, json: #"{"id": "x", "url": "ftp://x"}"#)
            #expect(badURL.status == .unprocessableContent)
            #expect(badURL["path"] as? String == "$.url")
            #expect(try await client.call(.delete, "/v1/webhooks/endpoints/panel", token: server.admin).status == .noContent)
            #expect(try await client.call(.delete, "/v1/webhooks/endpoints/nope", token: server.admin).status == .notFound)
            let after = try await client.call(.get, "/v1/webhooks/endpoints", token: server.admin)
            #expect((after.json as? [[String: Any]])?.first?["enabled"] as? Bool == false)
        }
    }

    @Test func aDecisionIsQueuedForTheEndpointAndCanBeRedelivered() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin,
                                      json: #"{"id": "panel", "url": "https://example.org/hooks", "event_types": ["round.completed"]}"#)
            _ = try await Scenario.scoredRound(client, server.admin)
            let deliveries = try #require(try await client.call(.get, "/v1/webhooks/deliveries", token: server.admin).json as? [[String: Any]])
            #expect(deliveries.count == 1)
            #expect(deliveries.first?["event_type"] as? String == "round.completed")
            let id = try #require(deliveries.first?["id"] as? Int)
            // Pending messages are left alone; a finished one goes back in the queue.
            let pending = try await client.call(.post, "/v1/webhooks/deliveries/\(id)/redeliver", token: server.admin)
            #expect(pending["requeued"] as? Int == 0)
            try await server.deps.database.writer.write { db in
                try db.execute(sql: "UPDATE webhook_message SET state = 'failed', finished_at = 1 WHERE id = ?", arguments: [id])
            }
            let again = try await client.call(.post, "/v1/webhooks/deliveries/\(id)/redeliver", token: server.admin)
            #expect(again.status == .accepted)
            #expect(again["requeued"] as? Int == 1)
            #expect(try await client.call(.post, "/v1/webhooks/deliveries/999/redeliver", token: server.admin).status == .notFound)
        }
    }

    @Test func aRunThatCannotCompleteIsRecordedAndPostsRoundFailed() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "empty", "surveys": ["practitioner-2022-23"]}"#)
            let run = try await client.call(.post, "/v1/rounds/empty/runs", token: server.admin)
            #expect(run.status == .created)
            #expect(run["status"] as? String == "failed")
            #expect((run["error"] as? String)?.hasPrefix("evidence:") == true)
            let events = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT text FROM webhook_event WHERE type = 'round.failed'") }
            #expect(events.count == 1)
            #expect(try await client.call(.get, "/v1/rounds/empty/results", token: server.admin).status == .notFound)
            let metrics = try await client.call(.get, "/metrics", token: nil)
            #expect(metrics.text.contains(#"allot_round_runs_total{status="failed"} 1"#))
        }
    }
}
