import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// Amounts, counts and texts out of their documented ranges (docs/server.md, "Limits") are refused where they enter,
/// with 422 naming the JSON path, and nothing is stored; what an older version stored is refused again by the run.
@Suite("Input limits") struct InputLimitTests {
    static let huge = "1152921504606846976"   // 2^60
    static let long = String(repeating: "x", count: 20_000)

    @Test("Round settings out of range are 422 naming their path, and no round is stored")
    func roundSettingsOutOfRange() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let cases: [(String, String)] = [
                (#""budget": 1e20"#, "$.budget"), (#""budget": -5"#, "$.budget"), (#""budget": 1000000000001"#, "$.budget"),
                (#""reviews_per_proposal": \#(Self.huge)"#, "$.reviews_per_proposal"), (#""reviews_per_proposal": 101"#, "$.reviews_per_proposal"),
                (#""minimum_reviews": -1"#, "$.minimum_reviews"), (#""minimum_reviews": \#(Self.huge)"#, "$.minimum_reviews"),
                (#""score_scale": [0, 1e300]"#, "$.score_scale"),
                (#""constraints": {"max_per_applicant": 1e20}"#, "$.constraints.max_per_applicant"),
                (#""constraints": {"group_floors": {"primary": 2}}"#, "$.constraints.group_floors.primary"),
                (#""constraints": {"group_floors": {"no-such-group": 0.1}}"#, "$.constraints.group_floors.no-such-group"),
                (#""weights": {"need": 1e300}"#, "$.weights.need"),
                (#""name": "\#(Self.long)""#, "$.name"),
                (#""surveys": ["\#(Self.long)"]"#, "$.surveys[0]"),
            ]
            for (field, path) in cases {
                let r = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "limits", \#(field)}"#)
                #expect(r.status == .unprocessableContent, "\(field.prefix(80)): \(r.status) \(r.text.prefix(300))")
                #expect(r["path"] as? String == path, "\(field.prefix(80)): \(r.text.prefix(300))")
            }
            for id in [".", "..", ".hidden", "-x", "a/b", "é"] {
                let r = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "\#(id)"}"#)
                #expect(r.status == .unprocessableContent, "id '\(id)': \(r.status)")
                #expect(r["path"] as? String == "$.id")
            }
            let listed = try await client.call(.get, "/v1/rounds", token: server.admin)
            #expect((listed.json as? [Any])?.isEmpty == true, "a refused round was stored: \(listed.text.prefix(300))")
            // The largest values in range are accepted.
            let ok = try await client.call(.post, "/v1/rounds", token: server.admin, json: """
                {"id": "r.1", "budget": 1000000000000, "reviews_per_proposal": 100, "minimum_reviews": 100,
                 "constraints": {"max_per_applicant": 1000000000000, "group_floors": {"primary": 1}}}
                """)
            #expect(ok.status == .created, "\(ok.text)")
        }
    }

    @Test("Assignments, proposals, reviews, decisions and texts out of range are 422 naming their field")
    func everyRouteRefusesOutOfRangeValues() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let admin = server.admin
            let round = Scenario.round
            _ = try await Scenario.scoredRound(client, admin)
            #expect(try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "rev-a", "name": "A"}"#).status == .created)
            #expect(try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "rev-b", "name": "B"}"#).status == .created)

            // Assignments: 2^60 reviews per proposal (it overflowed the assignment's sum and stopped the daemon).
            for k in [Self.huge, "101", "0", "-1"] {
                let r = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": \#(k)}"#)
                #expect(r.status == .unprocessableContent, "k = \(k): \(r.status) \(r.text)")
                #expect(r["path"] as? String == "$.reviews_per_proposal")
            }

            // Proposals: amounts and hours beyond range, over-long texts; none stored.
            let before = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]]).count
            let proposalCases: [(String, Any, String)] = [
                ("requested", 1e20, "$[0].requested"), ("minimum", 1e20, "$[0].minimum"),
                ("hours_per_participant", 1e300, "$[0].hours_per_participant"), ("title", Self.long, "$[0].title"),
                ("applicant", Self.long, "$[0].applicant"), ("themes", [Self.long], "$[0].themes[0]"),
            ]
            for (key, value, path) in proposalCases {
                var fields: [String: Any] = ["id": "P-X", "applicant": "A", "requested": 1000, "sectors": "primary:10", "areas": "national",
                                             "hours_per_participant": 6]
                fields[key] = value
                let body = String(decoding: try JSONSerialization.data(withJSONObject: [fields]), as: UTF8.self)
                let r = try await client.call(.post, "/v1/rounds/\(round)/proposals", token: admin, json: body)
                #expect(r.status == .unprocessableContent, "\(key): \(r.status) \(r.text.prefix(300))")
                #expect(r["path"] as? String == path, "\(key): \(r.text.prefix(300))")
                #expect(r.text.count < 2_000, "the error echoes the whole value back")
            }
            let after = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]]).count
            #expect(after == before)

            // A reviewer's score: only the round's criteria, a bounded comment.
            let assigned = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 2}"#)
            #expect(assigned.status == .created, "\(assigned.text)")
            let reviewer = try server.token(.reviewer, reviewer: "rev-a")
            let mine = try #require((assigned["assignments"] as? [[String: Any]])?.first { $0["reviewer"] as? String == "rev-a" }?["proposal"] as? String)
            for i in 0..<3 {
                let r = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer,
                                              json: #"{"proposal": "\#(mine)", "score": 3, "criterion": "made-up-\#(i)"}"#)
                #expect(r.status == .unprocessableContent, "\(r.status) \(r.text)")
                #expect(r["path"] as? String == "$.criterion")
            }
            let comment = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer,
                                                json: #"{"proposal": "\#(mine)", "score": 3, "comment": "\#(Self.long)"}"#)
            #expect(comment.status == .unprocessableContent)
            #expect(comment["path"] as? String == "$.comment")
            let fine = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer,
                                             json: #"{"proposal": "\#(mine)", "score": 3, "criterion": "OVERALL"}"#)
            #expect(fine.status == .created, "\(fine.text)")
            let stored = try #require(try await client.call(.get, "/v1/rounds/\(round)/reviews", token: admin).json as? [[String: Any]])
            #expect(stored.count == 1)
            #expect(stored.first?["criterion"] as? String == "overall")

            // Decisions: one batch funds and declines the same proposal: 422 naming both entries, nothing stored.
            let proposals = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]])
            let a = try #require(proposals.first?["id"] as? String)
            let b = try #require(proposals.dropFirst().first?["id"] as? String)
            let twice = try await client.call(.post, "/v1/rounds/\(round)/decisions", token: admin, json: """
                [{"proposal": "\(a)", "decision": "fund", "amount": 1, "reason": "r"}, {"proposal": "\(b)", "decision": "decline", "reason": "r"},
                 {"proposal": "\(a)", "decision": "decline", "reason": "r"}]
                """)
            #expect(twice.status == .unprocessableContent, "\(twice.text)")
            #expect(twice["path"] as? String == "$[2].proposal")
            #expect((twice["detail"] as? String ?? "").contains("$[0].proposal and $[2].proposal"), "\(twice.text)")
            let amount = try await client.call(.post, "/v1/rounds/\(round)/decisions", token: admin,
                                               json: #"[{"proposal": "\#(a)", "decision": "fund", "amount": 1e20, "reason": "r"}]"#)
            #expect(amount.status == .unprocessableContent)
            #expect(amount["path"] as? String == "$[0].amount")
            let reason = try await client.call(.post, "/v1/rounds/\(round)/decisions", token: admin,
                                               json: #"[{"proposal": "\#(a)", "decision": "decline", "reason": "\#(Self.long)"}]"#)
            #expect(reason.status == .unprocessableContent)
            #expect(reason["path"] as? String == "$[0].reason")
            #expect((try await client.call(.get, "/v1/rounds/\(round)/decisions", token: admin).json as? [Any])?.isEmpty == true)

            // Names and titles elsewhere.
            let texts: [(String, String, String)] = [
                ("/v1/reviewers", #"{"id": "rev-long", "name": "\#(Self.long)"}"#, "$.name"),
                ("/v1/tokens", #"{"role": "analyst", "name": "\#(Self.long)"}"#, "$.name"),
                ("/v1/surveys", #"{"id": "s-long", "title": "\#(Self.long)"}"#, "$.title"),
                ("/v1/rounds/\(round)/conflicts", #"[{"reviewer": "rev-a", "applicant": "\#(Self.long)"}]"#, "$[0].applicant"),
                ("/v1/webhooks/endpoints", #"{"id": "\#(Self.long)", "url": "https://example.org/hook"}"#, "$.id"),
            ]
            for (route, body, path) in texts {
                let r = try await client.call(.post, route, token: admin, json: body)
                #expect(r.status == .unprocessableContent, "\(route): \(r.status) \(r.text.prefix(200))")
                #expect(r["path"] as? String == path, "\(route): \(r.text.prefix(200))")
            }
            let provider = "provider,year,sector,area,participants\n\(Self.long),2022-23,primary,Highland,10\n"
            let supply = try await client.call(.post, "/v1/supply/participation", token: admin, csv: Data(provider.utf8))
            #expect(supply.status == .unprocessableContent, "\(supply.status) \(supply.text.prefix(200))")
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
    }

    @Test("A round stored with settings out of range by an older version runs to a failed run with the reason, not a crash")
    func storedSettingsOutOfRangeFailTheRun() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
            // What a version without the limits accepted: a budget Clp cannot take.
            try await server.deps.database.writer.write { db in
                try db.execute(sql: "UPDATE round SET settings = json_set(settings, '$.budget', 1e20) WHERE id = ?", arguments: [Scenario.round])
            }
            let run = try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: server.admin)
            #expect(run.status == .created, "\(run.text)")
            #expect(run["status"] as? String == "failed")
            #expect((run["error"] as? String ?? "").hasPrefix("settings: $.budget"), "\(run.text)")
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
    }
}

/// Counts in supply files and webhook endpoint settings have bounds too.
@Suite("Supply and endpoint limits") struct SupplyAndEndpointLimitTests {
    @Test("A supply count that sums could overflow, and an endpoint's concurrency beyond 64, are 422")
    func supplyCountsAndEndpointSettings() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let csv = "provider,year,sector,area,participants\nA,2022-23,primary,Highland,9223372036854775807\nA,2022-23,primary,Fife,1\n"
            let r = try await client.call(.post, "/v1/supply/participation", token: server.admin, csv: Data(csv.utf8))
            #expect(r.status == .unprocessableContent, "\(r.status) \(r.text.prefix(300))")
            #expect((r["detail"] as? String ?? "").contains("999999999"), "\(r.text.prefix(300))")
            for (field, path) in [(#""concurrency": 1152921504606846976"#, "$.concurrency"), (#""rate_limit_per_second": 1e300"#, "$.rate_limit_per_second")] {
                let e = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin,
                                              json: #"{"id": "e", "url": "https://example.org/hook", \#(field)}"#)
                #expect(e.status == .unprocessableContent, "\(field): \(e.status) \(e.text)")
                #expect(e["path"] as? String == path)
            }
        }
    }
}
