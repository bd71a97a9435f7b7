@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The what-if page") struct WhatIfPageTests {
    static func fundedIDs(_ results: [String: Any]) -> Set<String> {
        Set((results["proposals"] as? [[String: Any]] ?? []).filter { $0["recommended"] as? Bool == true }.compactMap { $0["id"] as? String })
    }

    @Test("A smaller budget's preview names who leaves the funded set, stores nothing, and saved as a run gives exactly that set")
    func previewMatchesTheSavedRun() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, server.admin)
            let round = Scenario.round
            let before = try #require(try await client.call(.get, "/v1/rounds/\(round)/results", token: server.admin).json as? [String: Any])
            let runsBefore = try #require(try await client.call(.get, "/v1/rounds/\(round)/runs", token: server.admin).json as? [[String: Any]]).count
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let form = try await browser.get("/rounds/\(round)/what-if")
            #expect(form.status == .ok)
            #expect(!form.text.contains("What changes"), "no preview until asked")
            #expect(PageHTML.inputValue(form.text, name: "budget") == "150000")

            let onlyBudget = try await browser.get("/rounds/\(round)/what-if?preview=1&budget=60000")
            #expect(onlyBudget.status == .ok && onlyBudget.text.contains("What changes"), "a link naming only the budget keeps the other settings")
            #expect(PageHTML.inputValue(onlyBudget.text, name: "weight-need_alignment") == PageHTML.inputValue(form.text, name: "weight-need_alignment"))
            let impossible = try await browser.get("/rounds/\(round)/what-if?preview=1&floor-asn=100&floor-primary=100")
            #expect(impossible.status == .ok && impossible.text.contains("There is no portfolio"), "floors above the budget: no portfolio, said so")
            #expect(impossible.text.contains("No portfolio meets the round&#39;s rules: The group floors add up to"), "in words")
            #expect(!impossible.text.contains("InfeasibleConstraint("), "never Swift's dump of the error")
            let bad = try await browser.get("/rounds/\(round)/what-if?preview=1&budget=-5")
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("<a href=\"#budget\">Enter the budget in pounds"))

            var query = ["preview=1", "budget=60000"]
            for line in form.text.components(separatedBy: "name=\"weight-").dropFirst() {
                let name = String(line.prefix { $0 != "\"" })
                query.append("weight-\(name)=\(PageHTML.inputValue(form.text, name: "weight-\(name)") ?? "")")
            }
            let preview = try await browser.get("/rounds/\(round)/what-if?" + query.joined(separator: "&"))
            #expect(preview.status == .ok)
            #expect(preview.text.contains("What changes"))
            let leaving = Set(preview.text.components(separatedBy: "id=\"leaving\"").dropFirst().first?.components(separatedBy: "</table>").first?
                .components(separatedBy: "<tr data-proposal=\"").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) } ?? [])
            #expect(!leaving.isEmpty)
            let runsAfterPreview = try #require(try await client.call(.get, "/v1/rounds/\(round)/runs", token: server.admin).json as? [[String: Any]]).count
            #expect(runsAfterPreview == runsBefore, "a preview stores no run")

            let csrf = try #require(PageHTML.inputValue(preview.text.components(separatedBy: "Save as a new run").first?
                .components(separatedBy: "method=\"post\"").last ?? "", name: "csrf"))
            var fields = [("csrf", csrf)]
            for pair in query.dropFirst() {
                let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
                fields.append((kv[0], kv.count > 1 ? kv[1] : ""))
            }
            let saved = try await browser.post("/rounds/\(round)/what-if", form: fields)
            #expect(saved.status == .seeOther)
            let after = try #require(try await client.call(.get, "/v1/rounds/\(round)/results", token: server.admin).json as? [String: Any])
            #expect(Self.fundedIDs(before).subtracting(Self.fundedIDs(after)) == leaving)
            let runs = try #require(try await client.call(.get, "/v1/rounds/\(round)/runs", token: server.admin).json as? [[String: Any]])
            #expect(runs.first?["trigger"] as? String == "what-if")
            let settings = try #require(try await client.call(.get, "/v1/rounds/\(round)", token: server.admin).json as? [String: Any])
            #expect((settings["settings"] as? [String: Any])?["budget"] as? Double == 150000, "the round's own budget is unchanged")
        }
    }
}
