import AllotStore
import AllotWebhooks
import Foundation
import Testing

@Suite struct ConfigTests {
    @Test func theShippedConfigFileLoadsWithTheDocumentedDefaults() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let config = try WebhooksConfig.load(path: root.appendingPathComponent("Config/webhooks.yaml").path)
        #expect(config.delivery == DeliverySettings())
        #expect(config.endpoints.isEmpty)
        #expect(config.policy.allowList.isEmpty)
    }

    @Test func endpointsAndSettingsAreRead() throws {
        let yaml = """
            delivery:
              total_timeout_seconds: 10
              retry_schedule_seconds: [1, 2]
            allow_targets: ["127.0.0.1/32", "10.0.0.0/8"]
            endpoints:
              - id: jdoe
                url: https://hooks.example.org/jdoe
                secret_env: JDOE_SECRET
                events: [review.assigned]
                reviewer: jdoe
                format: chat
                concurrency: 2
                rate_limit_per_second: 5
            """
        let secrets = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw \(WebhookSecret.generate().text)"
        let config = try WebhooksConfig.parse(yaml: yaml, source: "test", environment: ["JDOE_SECRET": secrets])
        #expect(config.delivery.transport.totalTimeout == 10)
        #expect(config.delivery.transport.connectTimeout == 5)
        #expect(config.delivery.retrySchedule == [1, 2])
        #expect(config.policy.allowList.map(\.description) == ["127.0.0.1/32", "10.0.0.0/8"])
        let endpoint = try #require(config.endpoints.first)
        #expect(endpoint.secrets.count == 2)
        #expect(endpoint.reviewerID == "jdoe")
        #expect(endpoint.format == .chat)
        #expect(endpoint.concurrency == 2)
        #expect(endpoint.rateLimitPerSecond == 5)
        #expect(endpoint.source == .config)
    }

    @Test func mistakesAreReportedByName() {
        let cases: [(String, String)] = [
            ("delivery:\n  retry_schedule: [1]\n", "unknown key retry_schedule"),
            ("endpoints:\n  - id: a\n    url: ftp://x\n    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]\n", "http"),
            ("endpoints:\n  - id: a\n    url: https://x.org\n    secret_env: MISSING\n", "MISSING is not set"),
            ("endpoints:\n  - id: a\n    url: https://x.org\n    secrets: [s3cret]\n", "whsec_"),
            ("endpoints:\n  - id: a\n    url: https://x.org\n    secrets: [whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw]\n    events: [round.done]\n", "unknown event type round.done"),
            ("delivery:\n  lease_seconds: 5\n", "lease_seconds"),
            ("allow_targets: [localhost]\n", "allow_targets entry localhost"),
        ]
        for (yaml, expected) in cases {
            do {
                _ = try WebhooksConfig.parse(yaml: yaml, source: "test", environment: [:])
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect("\(error)".contains(expected), "\(error) should mention \(expected)")
            }
        }
    }

    @Test func configSyncKeepsAGoneEndpointDisabled() throws {
        let database = try AppDatabase.inMemory()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let endpoint = WebhookEndpoint(id: "ops", url: "https://x.org/h", secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
                                       source: .config)
        let stale = WebhookEndpoint(id: "old", url: "https://y.org/h", secrets: endpoint.secrets, source: .config)
        try database.writer.write { db in
            try WebhookEndpoints.syncFromConfig([endpoint, stale], now: now, in: db)
            try WebhookEndpoints.disable("ops", reason: "answered 410 Gone", now: now, in: db)
            try WebhookEndpoints.syncFromConfig([endpoint], now: now, in: db)
        }
        let stored = try database.writer.read { db in try WebhookEndpoints.all(in: db) }
        #expect(stored.map(\.id) == ["ops"])
        #expect(stored.first?.enabled == false)
    }
}
