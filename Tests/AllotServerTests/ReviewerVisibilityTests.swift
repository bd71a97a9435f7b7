import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct ReviewerVisibilityTests {
    @Test func aReviewerSeesOnlyAssignedUnconflictedProposalsAndOwnReviewsByEveryRoute() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let admin = server.admin
            let round = Scenario.round
            _ = try await Scenario.scoredRound(client, admin)
            for id in ["rev-a", "rev-b", "rev-c"] {
                #expect(try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "\#(id)", "name": "Reviewer \#(id)"}"#).status == .created)
            }
            let all = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]])
            let applicantOf = Dictionary(uniqueKeysWithValues: all.compactMap { p in (p["id"] as? String).map { ($0, p["applicant"] as? String ?? "") } })
            let first = try #require(all.first)
            let conflictedApplicant = try #require(first["applicant"] as? String)
            // Declared in another case: conflicts match applicants without regard to case.
            let conflicts = try await client.call(.post, "/v1/rounds/\(round)/conflicts", token: admin,
                                                  json: #"[{"reviewer": "rev-a", "applicant": "\#(conflictedApplicant.uppercased())"}]"#)
            #expect(conflicts.status == .created)
            let assigned = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 2}"#)
            #expect(assigned.status == .created, "\(assigned.text)")
            let assignments = try #require((assigned["assignments"] as? [[String: Any]])?.compactMap { a -> (String, String)? in
                guard let p = a["proposal"] as? String, let r = a["reviewer"] as? String else { return nil }
                return (p, r)
            })
            #expect(assignments.count == all.count * 2)
            var mine = Set(assignments.filter { $0.1 == "rev-a" }.map(\.0))
            #expect(!mine.isEmpty)
            #expect(mine.allSatisfy { applicantOf[$0]?.lowercased() != conflictedApplicant.lowercased() })
            let reviewAssigned = try await server.deps.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_event WHERE type = 'review.assigned'")
            }
            #expect(reviewAssigned == assignments.count)

            // A conflict declared after the assignment hides that applicant's proposals too.
            let lateID = try #require(mine.sorted().first)
            let lateApplicant = try #require(applicantOf[lateID])
            _ = try await client.call(.post, "/v1/rounds/\(round)/conflicts", token: admin,
                                      json: #"[{"reviewer": "REV-A", "applicant": "  \#(lateApplicant.lowercased())"}]"#)
            mine = mine.filter { applicantOf[$0]?.lowercased() != lateApplicant.lowercased() }
            let hidden = Set(all.compactMap { $0["id"] as? String }).subtracting(mine)

            let reviewer = try server.token(.reviewer, reviewer: "rev-a")
            let other = try server.token(.reviewer, reviewer: "rev-b")

            // Lists.
            let listed = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: reviewer).json as? [[String: Any]])
            #expect(Set(listed.compactMap { $0["id"] as? String }) == mine)
            let myAssignments = try #require((try await client.call(.get, "/v1/rounds/\(round)/assignments", token: reviewer)["assignments"]
                as? [[String: Any]]))
            #expect(Set(myAssignments.compactMap { $0["proposal"] as? String }) == mine)
            #expect(myAssignments.allSatisfy { $0["reviewer"] as? String == "rev-a" })

            // Single proposals: visible ones 200, every other one 404 (existence hidden), a made-up one 404 too.
            for id in mine { #expect(try await client.call(.get, "/v1/rounds/\(round)/proposals/\(id)", token: reviewer).status == .ok) }
            for id in hidden { #expect(try await client.call(.get, "/v1/rounds/\(round)/proposals/\(id)", token: reviewer).status == .notFound) }
            #expect(try await client.call(.get, "/v1/rounds/\(round)/proposals/NOPE", token: reviewer).status == .notFound)

            // Reviews: only for its own visible assignments, and only its own are listed.
            let target = try #require(mine.sorted().first)
            let posted = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer, json: #"{"proposal": "\#(target)", "score": 4}"#)
            #expect(posted.status == .created, "\(posted.text)")
            for id in hidden {
                #expect(try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer, json: #"{"proposal": "\#(id)", "score": 4}"#).status == .notFound)
            }
            let outOfScale = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: reviewer, json: #"{"proposal": "\#(target)", "score": 9}"#)
            #expect(outOfScale.status == .unprocessableContent)
            #expect(outOfScale["path"] as? String == "$.score")
            let otherTarget = try #require(assignments.first { $0.1 == "rev-b" }?.0)
            _ = try await client.call(.post, "/v1/rounds/\(round)/reviews", token: other, json: #"{"proposal": "\#(otherTarget)", "score": 3}"#)
            let myReviews = try #require(try await client.call(.get, "/v1/rounds/\(round)/reviews", token: reviewer).json as? [[String: Any]])
            #expect(myReviews.count == 1)
            #expect(myReviews.allSatisfy { $0["reviewer"] as? String == "rev-a" && mine.contains($0["proposal"] as? String ?? "") })
            let allReviews = try #require(try await client.call(.get, "/v1/rounds/\(round)/reviews", token: admin).json as? [[String: Any]])
            #expect(allReviews.count == 2)

            // Everything that shows other proposals, or changes the round, is forbidden.
            let forbidden: [(HTTPRequest.Method, String, String?)] = [
                (.get, "/v1/rounds/\(round)/results", nil), (.get, "/v1/rounds/\(round)/results.csv", nil),
                (.get, "/v1/rounds/\(round)/runs", nil), (.post, "/v1/rounds/\(round)/runs", nil), (.get, "/v1/rounds/\(round)/decisions", nil),
                (.post, "/v1/rounds/\(round)/decisions", "[]"), (.post, "/v1/rounds/\(round)/proposals", "[]"),
                (.post, "/v1/rounds/\(round)/conflicts", "[]"),
                (.post, "/v1/rounds/\(round)/assignments", "{}"), (.post, "/v1/rounds/\(round)/state", #"{"state": "closed"}"#),
                (.get, "/v1/surveys", nil), (.get, "/v1/surveys/\(Scenario.survey)/summary", nil),
                (.get, "/v1/needs?survey=\(Scenario.survey)", nil), (.get, "/v1/gaps?survey=\(Scenario.survey)", nil),
                (.get, "/v1/reviewers", nil), (.get, "/v1/webhooks/endpoints", nil), (.get, "/v1/webhooks/deliveries", nil),
                (.post, "/v1/tokens", #"{"role": "admin", "name": "x"}"#), (.post, "/v1/rounds", #"{"id": "x"}"#),
                (.get, "/v1/rounds/\(round)/runs/nope", nil), (.get, "/v1/surveys/\(Scenario.survey)", nil),
                (.post, "/v1/surveys", #"{"id": "x"}"#), (.post, "/v1/surveys/\(Scenario.survey)/responses", "{}"),
                (.post, "/v1/surveys/\(Scenario.survey)/close", nil), (.delete, "/v1/surveys/\(Scenario.survey)/responses/x", nil),
                (.post, "/v1/supply/participation", "{}"), (.post, "/v1/supply/activity", "{}"), (.post, "/v1/supply/workforce", "{}"),
                (.post, "/v1/reviewers", #"{"id": "x", "name": "x"}"#), (.post, "/v1/webhooks/endpoints", "{}"),
                (.delete, "/v1/webhooks/endpoints/x", nil), (.post, "/v1/webhooks/deliveries/1/redeliver", nil),
            ]
            for (method, uri, body) in forbidden {
                let status = try await client.call(method, uri, token: reviewer, json: body).status
                #expect(status == .forbidden, "\(method) \(uri) gave \(status)")
            }
        }
    }

    @Test("A reviewer sees only the rounds it is assigned in, by every route: any other round is 404 as if it did not exist")
    func aReviewerSeesOnlyRoundsItIsAssignedIn() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let admin = server.admin
            let round = Scenario.round
            _ = try await Scenario.scoredRound(client, admin)
            for id in ["rev-a", "rev-b"] {
                #expect(try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "\#(id)", "name": "Reviewer \#(id)"}"#).status == .created)
            }
            #expect(try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 2}"#).status == .created)
            // A second round with the same proposals, where nobody is assigned yet; and a reviewer registered later,
            // assigned nowhere.
            #expect(try await client.call(.post, "/v1/rounds", token: admin, json: #"{"id": "other", "budget": 1000, "surveys": ["\#(Scenario.survey)"]}"#)
                .status == .created)
            let files = try #require(DemoFiles.files)
            #expect(try await client.call(.post, "/v1/rounds/other/proposals", token: admin,
                                          json: String(decoding: try DemoFiles.bytes(files.proposals), as: UTF8.self)).status == .created)
            #expect(try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "rev-late", "name": "Late"}"#).status == .created)
            let reviewer = try server.token(.reviewer, reviewer: "rev-a")
            let late = try server.token(.reviewer, reviewer: "rev-late")
            let proposal = try #require((try await client.call(.get, "/v1/rounds/other/proposals", token: admin).json as? [[String: Any]])?.first?["id"] as? String)

            // The list: only the assigned round; nothing for a reviewer assigned nowhere. Admins and analysts see both.
            let listed = try #require(try await client.call(.get, "/v1/rounds", token: reviewer).json as? [[String: Any]])
            #expect(listed.compactMap { $0["id"] as? String } == [round])
            #expect((try await client.call(.get, "/v1/rounds", token: late).json as? [Any])?.isEmpty == true)
            let analyst = try server.token(.analyst)
            #expect((try await client.call(.get, "/v1/rounds", token: analyst).json as? [Any])?.count == 2)
            #expect(try await client.call(.get, "/v1/rounds/\(round)", token: reviewer).status == .ok)

            // Every route a reviewer may use, on a round it is not assigned in: 404, the same answer as for no round.
            let routes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "", nil), (.get, "/proposals", nil), (.get, "/proposals/\(proposal)", nil), (.get, "/reviews", nil),
                (.get, "/assignments", nil), (.post, "/reviews", #"{"proposal": "\#(proposal)", "score": 3}"#),
            ]
            for (method, suffix, body) in routes {
                for (who, token, target) in [("rev-a", reviewer, "other"), ("rev-late", late, round), ("rev-a", reviewer, "no-such-round")] {
                    let r = try await client.call(method, "/v1/rounds/\(target)\(suffix)", token: token, json: body)
                    #expect(r.status == .notFound, "\(who): \(method) /v1/rounds/\(target)\(suffix) gave \(r.status): \(r.text.prefix(200))")
                    #expect(!r.text.contains("budget"))
                }
                #expect(try await client.call(method, "/v1/rounds/other\(suffix)", token: admin, json: body).status != .notFound)
            }
            // Routes no reviewer may use stay 403, whether or not it is assigned in the round.
            #expect(try await client.call(.get, "/v1/rounds/other/runs", token: reviewer).status == .forbidden)
        }
    }
}
