import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct EvidenceRouteTests {
    @Test func needsAndGapsComeFromStoredSurveysAndSupply() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            let needs = try await client.call(.get, "/v1/needs?survey=\(Scenario.survey)&level=ric", token: server.admin)
            #expect(needs.status == .ok)
            let rows = try #require(needs["rows"] as? [[String: Any]])
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0["level"] as? String == "ric" })
            let badLevel = try await client.call(.get, "/v1/needs?survey=\(Scenario.survey)&level=galaxy", token: server.admin)
            #expect(badLevel.status == .unprocessableContent)
            #expect(badLevel["path"] as? String == "level")
            #expect(try await client.call(.get, "/v1/needs", token: server.admin).status == .unprocessableContent)
            #expect(try await client.call(.get, "/v1/needs?survey=nope", token: server.admin).status == .notFound)
            let gaps = try await client.call(.get, "/v1/gaps?survey=\(Scenario.survey)&supply_year=2022-23", token: server.admin)
            #expect(gaps.status == .ok)
            let report = try #require(gaps["report"] as? [String: Any])
            #expect(report["practitioners_from"] as? String == "workforce")
            #expect(!((report["cells"] as? [Any]) ?? []).isEmpty)
        }
    }

    @Test func aRoundThatRequiresAllReviewsFailsWhileOneIsOutstanding() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            let proposals = String(decoding: try DemoFiles.bytes(try #require(DemoFiles.files).proposals), as: UTF8.self)
            _ = try await client.call(.post, "/v1/rounds", token: server.admin, json: """
                {"id": "strict", "budget": 100000, "surveys": ["\(Scenario.survey)"], "require_all_reviews": true}
                """)
            _ = try await client.call(.post, "/v1/rounds/strict/proposals", token: server.admin, json: proposals)
            for id in ["rev-a", "rev-b"] {
                _ = try await client.call(.post, "/v1/reviewers", token: server.admin, json: #"{"id": "\#(id)", "name": "\#(id)"}"#)
            }
            #expect(try await client.call(.post, "/v1/rounds/strict/assignments", token: server.admin, json: #"{"reviews_per_proposal": 1}"#).status == .created)
            let run = try await client.call(.post, "/v1/rounds/strict/runs", token: server.admin)
            #expect(run["status"] as? String == "failed")
            #expect((run["error"] as? String)?.hasPrefix("reviews:") == true)
        }
    }

    @Test func retentionErasesRawResponsesOfLongClosedSurveys() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin, closesAt: "2001-01-01T00:00:00Z")
        }
        var config = server.deps.config
        config.retention = .days(0)
        let deps = ServerDependencies(config: config, database: server.deps.database, configDirectory: TestServer.configDirectory,
                                      clock: ShiftedWallClock(offset: 60))
        _ = await RunScheduler(deps).tick(at: deps.now())
        _ = await RunScheduler(deps).tick(at: Date().addingTimeInterval(120))
        let left = try await server.deps.database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_response") }
        #expect(left == 0)
    }
}
