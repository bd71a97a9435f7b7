@testable import AllotServer
import AllotCore
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The panel's round and proposal pages") struct RoundPageTests {
    /// The scenario's survey, supply and round with its proposals, not run.
    static func roundWithProposals(_ client: some TestClientProtocol, _ admin: String) async throws {
        _ = try await Scenario.surveyWithResponses(client, admin)
        try await Scenario.supply(client, admin)
        try await Scenario.roundWithProposals(client, admin)
    }

    /// The demo's panel reviews, loaded as the panel's file.
    static func loadPanelReviews(_ client: some TestClientProtocol, _ admin: String) async throws -> TestResponse {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        return try await client.call(.post, "/v1/rounds/\(Scenario.round)/reviews", token: admin, csv: try DemoFiles.bytes(files.reviews))
    }

    /// A scored round whose first proposal is titled with markup.
    static func scoredRoundWithMarkupTitle(_ client: some TestClientProtocol, _ admin: String) async throws -> String {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        _ = try await Scenario.surveyWithResponses(client, admin)
        try await Scenario.supply(client, admin)
        let r = try await client.call(.post, "/v1/rounds", token: admin, json: """
            {"id": "\(Scenario.round)", "name": "Round 2024", "budget": 150000, "surveys": ["\(Scenario.survey)"], "supply_year": "2022-23"}
            """)
        guard r.status == .created else { throw ScenarioError.failed("round: \(r.status) \(r.text)") }
        var proposals = try #require(try JSONSerialization.jsonObject(with: try DemoFiles.bytes(files.proposals)) as? [[String: Any]])
        proposals[0]["title"] = "<script>alert(1)</script>"
        let body = String(decoding: try JSONSerialization.data(withJSONObject: proposals), as: UTF8.self)
        let p = try await client.call(.post, "/v1/rounds/\(Scenario.round)/proposals", token: admin, json: body)
        guard p.status == .created else { throw ScenarioError.failed("proposals: \(p.status) \(p.text)") }
        let run = try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: admin)
        guard run.status == .created else { throw ScenarioError.failed("run: \(run.status) \(run.text)") }
        return try #require(proposals[0]["id"] as? String)
    }

    @Test("The round page shows every proposal with the API's award and status, and markup in a title as text")
    func roundPageAgreesWithTheAPI() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let marked = try await Self.scoredRoundWithMarkupTitle(client, server.admin)
            let api = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            let proposals = try #require((api.json as? [String: Any])?["proposals"] as? [[String: Any]])
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/rounds/\(Scenario.round)")
            #expect(page.status == .ok)
            let html = page.text
            #expect(!html.contains("<script>alert(1)</script>"))
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(html.contains("All \(proposals.count) proposals"))
            for p in proposals {
                let id = try #require(p["id"] as? String)
                let row = try #require(Self.row(html, proposal: id), "row of \(id)")
                let status = try #require((p["status"] as? [String: Any])?["explanation"] as? String)
                #expect(row.contains(Self.escaped(status)), "status of \(id)")
                if p["recommended"] as? Bool == true, let award = p["award"] as? Double {
                    #expect(row.contains("<td class=\"num\">\(Money.text(award))</td>"), "award of \(id)")
                }
            }
            _ = marked
        }
    }

    @Test("The filters keep only what they say: funded, near the line, a learner group")
    func filters() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Self.scoredRoundWithMarkupTitle(client, server.admin)
            let api = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            let proposals = try #require((api.json as? [String: Any])?["proposals"] as? [[String: Any]])
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let funded = try await browser.get("/rounds/\(Scenario.round)?show=funded")
            let fundedIDs = proposals.filter { $0["recommended"] as? Bool == true }.compactMap { $0["id"] as? String }
            #expect(!fundedIDs.isEmpty)
            #expect(Self.rowIDs(funded.text) == fundedIDs)
            let groups: [String] = proposals.compactMap { ($0["reach"] as? [String: Any])?["groups"] as? [String] }.flatMap { $0 }
            let group = try #require(groups.first)
            let byGroup = try await browser.get("/rounds/\(Scenario.round)?group=\(group)")
            let inGroup = proposals.filter { (($0["reach"] as? [String: Any])?["groups"] as? [String])?.contains(group) == true }.compactMap { $0["id"] as? String }
            #expect(Self.rowIDs(byGroup.text) == inGroup)
            let odd = try await browser.get("/rounds/\(Scenario.round)?show=nonsense&group=")
            #expect(Self.rowIDs(odd.text).count == proposals.count, "an unknown filter value shows everything")
        }
    }

    @Test("A decision recorded on the proposal page is the API's decision, and a departure without a reason names the field")
    func decisionForm() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Self.scoredRoundWithMarkupTitle(client, server.admin)
            let api = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            let proposals = try #require((api.json as? [String: Any])?["proposals"] as? [[String: Any]])
            let funded = try #require(proposals.first { $0["recommended"] as? Bool == true })
            let id = try #require(funded["id"] as? String)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let path = "/rounds/\(Scenario.round)/proposals/\(id)"
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            let csrf = try #require(PageHTML.inputValue(page.text.components(separatedBy: "id=\"decide\"").last ?? "", name: "csrf"))

            let noCSRF = try await browser.post(path, form: [("decision", "decline")])
            #expect(noCSRF.status == .badRequest)

            let departs = try await browser.post(path, form: [("csrf", csrf), ("decision", "decline"), ("reason", " ")])
            #expect(departs.status == .unprocessableContent)
            #expect(departs.text.contains("<a href=\"#reason\">A reason is required when the decision departs from the recommendation"))
            #expect(departs.text.contains("<title>Error: "))

            let recorded = try await browser.post(path, form: [("csrf", csrf), ("decision", "decline"), ("reason", "Overlaps a funded project")])
            #expect(recorded.status == .seeOther)
            #expect(recorded.headers[.location] == path + "?recorded=1")
            let trail = try await client.call(.get, "/v1/rounds/\(Scenario.round)/decisions", token: server.admin)
            let decisions = try #require(trail.json as? [[String: Any]])
            #expect(decisions.count == 1)
            #expect(decisions.first?["proposal"] as? String == id && decisions.first?["departed"] as? Bool == true)
            #expect(decisions.first?["reason"] as? String == "Overlaps a funded project")
            let round = try await browser.get("/rounds/\(Scenario.round)")
            #expect(Self.row(round.text, proposal: id)?.contains("Decline (departs from the recommendation)") == true)
        }
    }

    @Test("An analyst reads the proposal page but gets no decision form; a reviewer gets 404 for every round page")
    func rolesOnPages() async throws {
        let server = try MemoryTestServer.make()
        let analyst = try server.token(.analyst)
        let reviewer = try server.token(.reviewer, reviewer: "rev-1")
        try await server.application.test(.router) { client in
            let id = try await Self.scoredRoundWithMarkupTitle(client, server.admin)
            let a = PageClient(client)
            _ = try await a.signIn(token: analyst)
            let page = try await a.get("/rounds/\(Scenario.round)/proposals/\(id)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Record the panel's decision"))
            let post = try await a.post("/rounds/\(Scenario.round)/proposals/\(id)", form: [("decision", "decline")])
            #expect(post.status == .notFound)
            let r = PageClient(client)
            _ = try await r.signIn(token: reviewer)
            for path in ["/rounds", "/rounds/\(Scenario.round)", "/rounds/\(Scenario.round)/proposals/\(id)", "/rounds/\(Scenario.round)/results.csv"] {
                #expect(try await r.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("The proposal page lists each counted review raw beside calibrated, with the API's figures")
    func reviewsRawBesideCalibrated() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Self.roundWithProposals(client, server.admin)
            #expect(try await Self.loadPanelReviews(client, server.admin).status == .created)
            #expect(try await client.call(.post, "/v1/rounds/\(Scenario.round)/runs", token: server.admin).status == .created)
            let api = try await client.call(.get, "/v1/rounds/\(Scenario.round)/results", token: server.admin)
            let proposals = try #require((api.json as? [String: Any])?["proposals"] as? [[String: Any]])
            let reviewed = try #require(proposals.first { (($0["evidence"] as? [String: Any])?["panel"] as? [String: Any])?["by_reviewer"] != nil })
            let panel = try #require((reviewed["evidence"] as? [String: Any])?["panel"] as? [String: Any])
            let lines = try #require(panel["by_reviewer"] as? [[String: Any]])
            #expect(lines.count == panel["reviews"] as? Int)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/rounds/\(Scenario.round)/proposals/\(try #require(reviewed["id"] as? String))")
            let table = try #require(page.text.components(separatedBy: "<table class=\"table\" id=\"reviews\">").dropFirst().first?
                .components(separatedBy: "</table>").first)
            for line in lines {
                let reviewer = try #require(line["reviewer"] as? String)
                let raw = try #require(line["raw_score"] as? Double), calibrated = try #require(line["calibrated_score"] as? Double)
                #expect(table.contains("<th scope=\"row\">\(RoundPageTests.escaped(reviewer))</th><td class=\"num\">\(PageFormat.number(raw))</td>"
                                       + "<td class=\"num\">\(PageFormat.number(calibrated))</td>"), "\(reviewer)'s review")
            }
        }
    }

    @Test("The rounds list says what is in and what to do next, before reviewers are assigned and after the panel's file")
    func roundsListNextStep() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Self.roundWithProposals(client, server.admin)
            let proposals = try #require(try await client.call(.get, "/v1/rounds/\(Scenario.round)/proposals", token: server.admin).json as? [Any]).count
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let before = try await browser.get("/rounds").text
            #expect(before.contains("none yet: \(proposals * 2) expected once reviewers are assigned"))
            #expect(before.contains("Assign reviewers (or load the panel&#39;s reviews)") || before.contains("Assign reviewers (or load the panel's reviews)"))
            #expect(try await Self.loadPanelReviews(client, server.admin).status == .created)
            let after = try await browser.get("/rounds").text
            #expect(after.contains("in (loaded from the panel&#39;s file)") || after.contains("in (loaded from the panel's file)"))
            #expect(after.contains("Run the round"))
        }
    }

    @Test("No template writes a value unescaped or carries inline script or style")
    func templatesEscapeEverything() throws {
        for (name, text) in WebFiles.templates {
            #expect(!text.contains("{{{") && !text.contains("{{&"), "\(name) writes a value unescaped")
            #expect(!text.contains("style=") && !text.contains("<style"), "\(name) has inline style")
            #expect(text.components(separatedBy: "<script").count - 1 == text.components(separatedBy: "<script src=").count - 1,
                    "\(name) has inline script")
            #expect(text.range(of: #"\son[a-z]+="#, options: .regularExpression) == nil, "\(name) has an inline handler")
        }
        _ = try PageRenderer().html("not-found", ProblemPage(layout: PageLayout(title: "t", identity: nil, session: nil, section: nil), detail: nil))
    }

    /// The `<tr data-proposal="ID">` row of a ranking.
    static func row(_ html: String, proposal id: String) -> String? {
        guard let start = html.range(of: "<tr data-proposal=\"\(escaped(id))\">") else { return nil }
        guard let end = html[start.upperBound...].range(of: "</tr>") else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    static func rowIDs(_ html: String) -> [String] {
        html.components(separatedBy: "<tr data-proposal=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
    }

    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
