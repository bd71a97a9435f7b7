@testable import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The reviewer's pages") struct ReviewPageTests {
    @Test("A reviewer sees only their own unconflicted assignments, gets 404 for the rest, and submits scores through the API's code")
    func reviewerPages() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let admin = server.admin
            let round = Scenario.round
            _ = try await Scenario.scoredRound(client, admin)
            for id in ["rev-a", "rev-b", "rev-c"] {
                _ = try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "\#(id)", "name": "Reviewer \#(id)"}"#)
            }
            let assigned = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 2}"#)
            let pairs = try #require((assigned["assignments"] as? [[String: Any]])?.compactMap { a -> (String, String)? in
                guard let p = a["proposal"] as? String, let r = a["reviewer"] as? String else { return nil }
                return (p, r)
            })
            let all = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]])
            let applicantOf = Dictionary(uniqueKeysWithValues: all.compactMap { p in (p["id"] as? String).map { ($0, p["applicant"] as? String ?? "") } })
            var mine = Set(pairs.filter { $0.1 == "rev-a" }.map(\.0))
            let conflictedID = try #require(mine.sorted().first)
            _ = try await client.call(.post, "/v1/rounds/\(round)/conflicts", token: admin,
                                      json: #"[{"reviewer": "rev-a", "applicant": "\#(applicantOf[conflictedID] ?? "")"}]"#)
            mine = mine.filter { applicantOf[$0] != applicantOf[conflictedID] }
            let notMine = try #require(Set(all.compactMap { $0["id"] as? String }).subtracting(mine).subtracting([conflictedID]).first)

            let browser = PageClient(client)
            let landed = try await browser.signIn(token: try server.token(.reviewer, reviewer: "rev-a"))
            #expect(landed.headers[.location] == "/reviews")
            let list = try await browser.get("/reviews")
            #expect(list.status == .ok)
            let listed = Set(list.text.components(separatedBy: "href=\"/reviews/\(round)/").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) })
            #expect(listed == mine)
            for hidden in [conflictedID, notMine] {
                let page = try await browser.get("/reviews/\(round)/\(hidden)")
                #expect(page.status == .notFound, "\(hidden)")
                #expect(page.text.contains("<h1>Page not found</h1>"))
            }

            let target = try #require(mine.sorted().first)
            let path = "/reviews/\(round)/\(target)"
            let form = try await browser.get(path)
            #expect(form.status == .ok)
            #expect(form.text.contains("Your scores, each from 1 to 5"))
            let csrf = try #require(PageHTML.inputValue(form.text, name: "csrf"))
            let tooHigh = try await browser.post(path, form: [("csrf", csrf), ("score-0", "9")])
            #expect(tooHigh.status == .unprocessableContent)
            #expect(tooHigh.text.contains("<a href=\"#score-0\">Enter a score for overall from 1 to 5</a>"))
            let before = try await client.call(.get, "/v1/rounds/\(round)/reviews", token: admin).json as? [[String: Any]] ?? []
            #expect(!before.contains { $0["reviewer"] as? String == "rev-a" }, "nothing stored from a refused form")
            let sent = try await browser.post(path, form: [("csrf", csrf), ("score-0", "4"), ("comment", "Clear plan for rural schools")])
            #expect(sent.status == .seeOther)
            let location = try #require(sent.headers[.location])
            #expect(location.hasPrefix("/reviews?submitted=\(target)&notice="))
            let stored = try #require(try await client.call(.get, "/v1/rounds/\(round)/reviews", token: admin).json as? [[String: Any]])
            let review = try #require(stored.first { $0["reviewer"] as? String == "rev-a" && $0["proposal"] as? String == target })
            #expect(review["score"] as? Double == 4 && review["criterion"] as? String == "overall")
            #expect(review["comment"] as? String == "Clear plan for rural schools")
            let after = try await browser.get(location)
            #expect(after.text.contains("Scores submitted"))
            #expect(after.text.contains("Your scores for \(target) are submitted."))
            // A banner's words come only from Allot: a made-up link, or another session's, shows none.
            let madeUp = try await browser.get("/reviews?submitted=Call%200800%20000%20000&notice=00")
            #expect(!madeUp.text.contains("Call 0800") && !madeUp.text.contains("Scores submitted"))
            let other = PageClient(client)
            _ = try await other.signIn(token: try server.token(.reviewer, reviewer: "rev-a"))
            #expect(!(try await other.get(location)).text.contains("Scores submitted"), "signed for the session that submitted")
        }
    }

    @Test("A reviewer's declared conflict drops the assignment, hides the proposal, records the conflict and tells the administrators")
    func declaredConflict() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let admin = server.admin
            let round = Scenario.round
            _ = try await Scenario.scoredRound(client, admin)
            for id in ["rev-a", "rev-b"] {
                _ = try await client.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "\#(id)", "name": "Reviewer \#(id)"}"#)
            }
            let assigned = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 1}"#)
            let mine = try #require((assigned["assignments"] as? [[String: Any]])?.filter { $0["reviewer"] as? String == "rev-a" }
                .compactMap { $0["proposal"] as? String }.sorted())
            let target = try #require(mine.first)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: try server.token(.reviewer, reviewer: "rev-a"))
            let form = try await browser.get("/reviews/\(round)/\(target)")
            #expect(form.text.contains("I have a conflict with this applicant"))
            let csrf = try #require(PageHTML.inputValue(form.text, name: "csrf"))
            #expect(try await browser.post("/reviews/\(round)/\(target)/conflict", form: []).status == .badRequest, "CSRF")
            let declared = try await browser.post("/reviews/\(round)/\(target)/conflict", form: [("csrf", csrf)])
            #expect(declared.status == .seeOther)
            #expect(try await browser.get("/reviews/\(round)/\(target)").status == .notFound)
            let assignments = try #require(try await client.call(.get, "/v1/rounds/\(round)/assignments", token: admin)["assignments"] as? [[String: Any]])
            #expect(!assignments.contains { $0["proposal"] as? String == target && $0["reviewer"] as? String == "rev-a" })
            #expect(assignments.count == (assigned["assignments"] as? [[String: Any]])?.count.advanced(by: -1), "only that assignment is dropped")
            let conflicts = try SQLiteRoundRepository(server.deps.database).conflicts(round: round)
            #expect(conflicts.contains { $0.reviewer == "rev-a" })
            let told = try await server.deps.database.writer.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_event WHERE type = 'review.conflict_declared'")
            }
            #expect(told == 1)
        }
    }
}
