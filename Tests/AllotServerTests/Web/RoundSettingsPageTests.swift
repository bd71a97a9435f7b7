@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Changing a round from its pages") struct RoundSettingsPageTests {
    /// Every input of the first form posting to `action`, with its value as the page shows it.
    static func fields(_ html: String, action: String) -> [(String, String)] {
        guard let start = html.range(of: "action=\"\(action)\"") else { return [] }
        let form = html[start.upperBound...].components(separatedBy: "</form>").first ?? ""
        return form.components(separatedBy: "<input").dropFirst().compactMap { tag in
            guard let name = tag.components(separatedBy: "name=\"").dropFirst().first?.split(separator: "\"").first else { return nil }
            let value = tag.components(separatedBy: " value=\"").dropFirst().first?.split(separator: "\"", omittingEmptySubsequences: false).first ?? ""
            return (String(name), String(value))
        }
    }

    static func replacing(_ fields: [(String, String)], _ name: String, with value: String) -> [(String, String)] {
        fields.map { $0.0 == name ? (name, value) : $0 }
    }

    @Test("The settings page changes only what was changed, lists it in the round's history, and names a bad field")
    func settingsPageSavesAChange() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, server.admin)
            let round = Scenario.round
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let roundPage = try await browser.get("/rounds/\(round)")
            #expect(roundPage.text.contains("href=\"/rounds/\(round)/settings\""))
            let page = try await browser.get("/rounds/\(round)/settings")
            #expect(page.status == .ok)
            let action = "/rounds/\(round)/settings"
            let fields = Self.fields(page.text, action: action)
            #expect(fields.contains { $0.0 == "budget" && $0.1 == "150000" })
            #expect(fields.contains { $0.0 == "reviews-per-proposal" && $0.1 == "2" })

            let bad = try await browser.post(action, form: Self.replacing(Self.replacing(fields, "budget", with: "100000"), "review-deadline", with: "next week"))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<a href=\"#review-deadline\">Enter the review deadline as a date"))
            #expect(try await RoundChangeRouteTests.settings(client, server.admin)["budget"] as? Double == 150000, "nothing of a bad form is stored")

            let unchanged = try await browser.post(action, form: fields)
            #expect(unchanged.headers[.location] == "\(action)?saved=0")
            let saved = try await browser.post(action, form: Self.replacing(Self.replacing(fields, "budget", with: "£100,000"), "review-deadline", with: "2027-01-15"))
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "\(action)?saved=1")
            let s = try await RoundChangeRouteTests.settings(client, server.admin)
            #expect(s["budget"] as? Double == 100000)
            #expect(s["review_deadline"] as? String == "2027-01-15T23:59:59Z")
            #expect((s["weights"] as? [String: Double] ?? [:]).isEmpty, "weights left alone stay the configured ones")
            #expect(s["constraints"] == nil, "constraints left alone are not written")
            // The page shows the round's settings, not the last run's (no run has used the new budget yet).
            let reloaded = Self.fields(try await browser.get(action).text, action: action)
            #expect(reloaded.contains { $0.0 == "budget" && $0.1 == "100000" })
            #expect(try await browser.post(action, form: reloaded).headers[.location] == "\(action)?saved=0", "saving it again changes nothing")

            let history = try await browser.get("/rounds/\(round)/history")
            #expect(history.status == .ok)
            #expect(history.text.contains("changed budget, review deadline"))
            let analyst = PageClient(client)
            _ = try await analyst.signIn(token: try server.token(.analyst))
            let analystHistory = try await analyst.get("/rounds/\(round)/history")
            #expect(analystHistory.status == .ok)
            #expect(analystHistory.text.contains("href=\"/rounds/\(round)/history.csv\""), "a CSV link the analyst may follow")
            let csv = try await analyst.get("/rounds/\(round)/history.csv")
            #expect(csv.status == .ok && csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.text.contains("round.settings_changed"))
            #expect(try await analyst.get("/admin/activity.csv").status == .notFound, "the whole log stays the admin's")
            #expect(try await analyst.get("/rounds/\(round)/settings").status == .notFound, "an analyst may not change a round")
            #expect(!(try await analyst.get("/rounds/\(round)").text.contains("/settings\"")), "nor is offered the link")
        }
    }

    @Test("Withdrawing from the page needs a reason, and the proposal page then says it is withdrawn")
    func withdrawFromThePage() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let run = try await Scenario.scoredRound(client, server.admin)
            _ = run
            let round = Scenario.round
            let results = try #require(try await client.call(.get, "/v1/rounds/\(round)/results", token: server.admin)["proposals"] as? [[String: Any]])
            let id = try #require(results.first?["id"] as? String)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let proposal = try await browser.get("/rounds/\(round)/proposals/\(id)")
            #expect(proposal.text.contains("href=\"/rounds/\(round)/proposals/\(id)/withdraw\""))
            let form = try await browser.get("/rounds/\(round)/proposals/\(id)/withdraw")
            #expect(form.status == .ok)
            let csrf = try #require(PageHTML.inputValue(form.text, name: "csrf"))
            let empty = try await browser.post("/rounds/\(round)/proposals/\(id)/withdraw", form: [("csrf", csrf), ("reason", " ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("<a href=\"#reason\">Say why the proposal is withdrawn</a>"))
            let done = try await browser.post("/rounds/\(round)/proposals/\(id)/withdraw", form: [("csrf", csrf), ("reason", "The school closed")])
            #expect(done.status == .seeOther)
            let after = try await browser.get(done.headers[.location] ?? "")
            #expect(after.text.contains("Proposal withdrawn"))
            #expect(after.text.contains("Withdrawn "))
            #expect(!after.text.contains("/withdraw\""), "no second withdrawal offered")
            #expect(try await browser.get("/rounds/\(round)/proposals/\(id)/withdraw").status == .notFound)
        }
    }

    @Test("A conflict is removed by its button, and a saved what-if's settings are applied from its run's page")
    func conflictsAndApplying() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, server.admin)
            let round = Scenario.round
            _ = try await client.call(.post, "/v1/rounds/\(round)/conflicts", token: server.admin, json: #"[{"reviewer": "rev-a", "applicant": "<b>Fife</b>"}]"#)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/rounds/\(round)/settings")
            #expect(page.text.contains("&lt;b&gt;Fife&lt;/b&gt;"))
            let remove = Self.fields(page.text, action: "/rounds/\(round)/conflicts/remove")
            #expect(remove.map(\.0) == ["csrf", "reviewer", "applicant"])
            let removed = try await browser.post("/rounds/\(round)/conflicts/remove", form: remove.map { ($0.0, $0.1.replacingOccurrences(of: "&lt;", with: "<")
                .replacingOccurrences(of: "&gt;", with: ">")) })
            #expect(removed.status == .seeOther)
            #expect(try server.deps.store.rounds.conflicts(round: round).isEmpty)

            let whatIf = try await browser.get("/rounds/\(round)/what-if?preview=1&budget=80000")
            let csrf = try #require(PageHTML.inputValue(whatIf.text, name: "csrf"))
            var form = [("csrf", csrf)]
            form += Self.fields(whatIf.text, action: "/rounds/\(round)/what-if").filter { $0.0 != "csrf" && $0.0 != "preview" }
            let saved = try await browser.post("/rounds/\(round)/what-if", form: Self.replacing(form, "budget", with: "80000"))
            let runPage = try await browser.get(saved.headers[.location] ?? "")
            #expect(runPage.text.contains("saved from a what-if"))
            // Saved, not applied: the settings page still shows the round's own budget, not the what-if run's.
            let settingsAction = "/rounds/\(round)/settings"
            let beforeApplying = Self.fields(try await browser.get(settingsAction).text, action: settingsAction)
            #expect(beforeApplying.contains { $0.0 == "budget" && $0.1 == "150000" })
            let apply = Self.fields(runPage.text, action: "\(saved.headers[.location] ?? "")/apply")
            #expect(apply.first?.0 == "csrf")
            let applied = try await browser.post("\(saved.headers[.location] ?? "")/apply", form: apply)
            #expect(applied.status == .seeOther)
            #expect(try await RoundChangeRouteTests.settings(client, server.admin)["budget"] as? Double == 80000)
            #expect(try await browser.get(applied.headers[.location] ?? "").text.contains("are now the round&#39;s"))
        }
    }

    @Test("The activity page filters, names a bad date on its field, and links its CSV; the webhooks page is the admin's")
    func activityAndWebhooksPages() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Scenario.roundWithProposals(client, server.admin)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let admin = try await browser.get("/admin")
            #expect(admin.text.contains("href=\"/admin/activity\"") && admin.text.contains("Last used"))
            let log = try await browser.get("/admin/activity")
            #expect(log.status == .ok)
            #expect(log.text.contains("Proposals loaded or replaced") && log.text.contains("Round created"))
            let filtered = try await browser.get("/admin/activity?action=round.created")
            #expect(filtered.text.contains("created the round Round 2024") && !filtered.text.contains("loaded proposal"))
            #expect(filtered.text.contains("href=\"/admin/activity.csv?action=round.created\""))
            let bad = try await browser.get("/admin/activity?since=soon")
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("<a href=\"#since\">&#39;soon&#39; is not a date"))
            let csv = try await browser.get("/admin/activity.csv?action=round.created")
            #expect(csv.status == .ok && csv.text.split(separator: "\n").count == 2)
            #expect(try await browser.get("/admin/webhooks").status == .ok)
            let analyst = PageClient(client)
            _ = try await analyst.signIn(token: try server.token(.analyst))
            #expect(try await analyst.get("/admin/activity").status == .notFound)
            #expect(try await analyst.get("/admin/webhooks").status == .notFound)
        }
    }

    @Test("A reviewer's saved draft fills the form, counts for nothing, and submitting it stores the scores and drops it")
    func reviewDrafts() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, server.admin)
            let round = Scenario.round
            _ = try await client.call(.post, "/v1/reviewers", token: server.admin, json: #"{"id": "rev-a", "name": "Reviewer A"}"#)
            let assigned = try await client.call(.post, "/v1/rounds/\(round)/assignments", token: server.admin, json: #"{"reviews_per_proposal": 1}"#)
            let target = try #require((assigned["assignments"] as? [[String: Any]])?.first?["proposal"] as? String)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: try server.token(.reviewer, reviewer: "rev-a"))
            let form = try await browser.get("/reviews/\(round)/\(target)")
            let csrf = try #require(PageHTML.inputValue(form.text, name: "csrf"))
            let reviewsBefore = try server.deps.store.rounds.reviews(round: round).count
            let saved = try await browser.post("/reviews/\(round)/\(target)", form: [("csrf", csrf), ("score-0", "4"), ("comment", "half done"), ("action", "save")])
            #expect(saved.status == .seeOther)
            let again = try await browser.get("/reviews/\(round)/\(target)")
            #expect(PageHTML.inputValue(again.text, name: "score-0") == "4")
            #expect(again.text.contains("They count only once you submit them"))
            #expect(try server.deps.store.rounds.reviews(round: round).count == reviewsBefore, "a draft is no review")
            let submitted = try await browser.post("/reviews/\(round)/\(target)", form: [("csrf", csrf), ("score-0", "4"), ("comment", "done"), ("action", "submit")])
            #expect(submitted.status == .seeOther)
            #expect(try server.deps.store.rounds.reviews(round: round).count == reviewsBefore + 1)
            #expect(try server.deps.store.rounds.draft(round: round, proposal: target, reviewer: "rev-a") == nil)
            #expect(!(try await browser.get("/reviews/\(round)/\(target)").text.contains("They count only once")))
        }
    }
}
