import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite(.serialized) struct RoundRouteTests {
    @Test func aRoundIsRunAndItsResultsServedAsJSONAndCSV() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let run = try await Scenario.scoredRound(client, server.admin)
            let inputs = try #require(run["inputs"] as? [String: String])
            #expect(inputs["survey.\(Scenario.survey)"]?.count == 64)
            #expect(inputs["supply.participation"]?.count == 64)
            #expect(inputs["proposals"]?.count == 64)
            #expect(run["code_version"] as? String == AllotVersion.current)
            let results = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            #expect(results.status == .ok)
            let proposals = try #require(results["proposals"] as? [[String: Any]])
            #expect(proposals.count == 18)
            let csv = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results.csv", token: server.admin)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let round = try await client.call(.get, "/v1/rounds/\(Scenario.round)", token: server.admin)
            #expect(round["state"] as? String == "scored")
            let history = try await client.call(.get, "/v1/rounds/\(Scenario.round)/runs", token: server.admin)
            #expect((history.json as? [Any])?.count == 1)
            let events = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT type FROM webhook_event") }
            #expect(events.contains("round.completed"))
        }
    }

    @Test func anOverrideWithoutAReasonIs422NamingThePathAndAClosedRoundIsReadOnly() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.scoredRound(client, server.admin)
            let results = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            let proposals = try #require(results["proposals"] as? [[String: Any]])
            let declined = try #require(proposals.first { $0["recommended"] as? Bool == false })
            let funded = try #require(proposals.first { $0["recommended"] as? Bool == true })
            let declinedID = try #require(declined["id"] as? String)
            let fundedID = try #require(funded["id"] as? String)
            let award = try #require(funded["award"] as? Double)
            let body = """
                [{"proposal": "\(fundedID)", "decision": "fund", "amount": \(award)},
                 {"proposal": "\(declinedID)", "decision": "fund", "amount": 1000}]
                """
            let refused = try await client.call(.post, "/v1/rounds/\(Scenario.round)/decisions", token: server.admin, json: body)
            #expect(refused.status == .unprocessableContent)
            #expect(refused["path"] as? String == "$[1].reason")
            let withReason = body.replacingOccurrences(of: "\"amount\": 1000}", with: "\"amount\": 1000, \"reason\": \"pilot in a remote area\"}")
            let accepted = try await client.call(.post, "/v1/rounds/\(Scenario.round)/decisions", token: server.admin, json: withReason)
            #expect(accepted.status == .created, "\(accepted.text)")
            let trail = try #require(try await client.call(.get, "/v1/rounds/\(Scenario.round)/decisions", token: server.admin).json as? [[String: Any]])
            #expect(trail.count == 2)
            #expect(trail[1]["departed"] as? Bool == true)
            #expect(trail[1]["recommended_fund"] as? Bool == false)
            #expect((trail[1]["decided_by"] as? String)?.contains("test admin") == true)
            let events = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT type FROM webhook_event") }
            #expect(events.contains("round.decided"))
            let eventBody = try await server.deps.database.writer.read { db in
                try Data.fetchOne(db, sql: "SELECT body FROM webhook_event WHERE type = 'round.decided'")
            }
            let envelope = try JSONSerialization.jsonObject(with: try #require(eventBody)) as? [String: Any]
            let decided = try #require(envelope?["data"] as? [String: Any])
            #expect(decided["round_id"] as? String == Scenario.round)
            #expect(decided["funded"] as? Int == 2)
            #expect((decided["decisions"] as? [[String: Any]])?.last?["departed"] as? Bool == true)

            let close = try await client.call(.post, "/v1/rounds/\(Scenario.round)/state", token: server.admin, json: #"{"state": "closed"}"#)
            #expect(close.status == .ok)
            #expect(try await client.call(.post, "/v1/rounds/\(Scenario.round)/decisions", token: server.admin, json: withReason).status == .conflict)
            #expect(try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: server.admin).status == .conflict)
            #expect(try await client.call(.post, "/v1/rounds/\(Scenario.round)/proposals", token: server.admin, json: "[]").status == .conflict)
            #expect(try await client.call(.post, "/v1/rounds/\(Scenario.round)/state", token: server.admin, json: #"{"state": "open"}"#).status == .conflict)
            #expect(try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin).status == .ok)
        }
    }

    @Test func withdrawnConsentErasesTheResponseAndARerunCountsOneFewer() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let first = try await Scenario.scoredRound(client, server.admin)
            let before = try await client.call(.get, "/v1/surveys/\(Scenario.survey)", token: server.admin)
            let csv = String(decoding: try DemoFiles.bytes(try #require(DemoFiles.files).surveys[1]), as: UTF8.self)
            let responseID = try #require(csv.split(separator: "\n").dropFirst().first?.split(separator: ",").first.map(String.init))
            let deleted = try await client.call(.delete, "/v1/surveys/\(Scenario.survey)/responses/\(responseID)", token: server.admin)
            #expect(deleted.status == .noContent)
            #expect(try await client.call(.delete, "/v1/surveys/\(Scenario.survey)/responses/\(responseID)", token: server.admin).status == .notFound)
            let after = try await client.call(.get, "/v1/surveys/\(Scenario.survey)", token: server.admin)
            #expect(after["responses"] as? Int == (before["responses"] as? Int ?? 0) - 1)
            let stored = try await server.deps.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM survey_response WHERE response_id = ?", arguments: [responseID])
            }
            #expect(stored == 0)
            let rerun = try #require(try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: server.admin).json as? [String: Any])
            let firstInputs = try #require(first["inputs"] as? [String: String])
            let rerunInputs = try #require(rerun["inputs"] as? [String: String])
            #expect(firstInputs["survey.\(Scenario.survey)"] != rerunInputs["survey.\(Scenario.survey)"])
            #expect(firstInputs["proposals"] == rerunInputs["proposals"])
        }
    }

    @Test func badProposalsAreRejectedWithTheirJSONPath() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "r1", "surveys": ["s"]}"#)
            let r = try await client.call(.post, "/v1/rounds/r1/proposals", token: server.admin, json: """
                [{"id": "P1", "applicant": "A", "requested": -5, "sectors": "primary:10", "areas": ["national"], "hours_per_participant": 6}]
                """)
            #expect(r.status == .unprocessableContent)
            #expect((r["path"] as? String)?.contains("requested") == true)
            #expect(try await client.call(.get, "/v1/rounds/r1/proposals", token: server.admin).json as? [Any] != nil)
            let bad = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "r2", "weights": {"charm": 1}}"#)
            #expect(bad.status == .unprocessableContent)
            #expect(bad["path"] as? String == "$.weights.charm")
        }
    }
}
