@testable import AllotServer
import AllotCore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The need map") struct NeedsPageTests {
    @Test("The map draws all 32 councils named in full, and its table has the API's need index for each")
    func mapAndTableAgreeWithTheAPI() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let group = "primary"
            let page = try await browser.get("/needs?group=\(group)")
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.components(separatedBy: "<g class=\"tile ").count - 1 == 32)
            for council in Geography.councils {
                #expect(html.contains("<title>\(RoundPageTests.escaped(council.name)) ("), "\(council.name) has a tile named in full")
            }
            let api = try await client.call(.get, "/v1/needs?survey=\(Scenario.survey)&level=council", token: server.admin)
            let rows = try #require((api.json as? [String: Any])?["rows"] as? [[String: Any]])
            let primary = rows.filter { $0["group"] as? String == group }
            #expect(!primary.isEmpty)
            for row in primary {
                let name = try #require(row["area_name"] as? String)
                let index = try #require(row["need_index"] as? Double)
                let cell = "<th scope=\"row\">\(RoundPageTests.escaped(name))"
                let at = try #require(html.range(of: cell), "table row of \(name)")
                let rest = html[at.upperBound...].prefix { $0 != "\n" }
                #expect(rest.contains("<td class=\"num\">\(String(format: "%.0f", index))</td>"), "\(name)'s index")
            }
            let unknown = try await browser.get("/needs?group=nonsense")
            #expect(unknown.status == .ok && unknown.text.contains("for all learner groups together"))
        }
    }

    @Test("A link naming a survey that is not loaded says so, and names the surveys that are")
    func unknownSurveyIsNamed() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/needs?survey=\(Scenario.survey)&survey=practitioner-1999%3Cb%3E")
            #expect(page.status == .notFound)
            #expect(page.text.contains("<title>Survey not found – Allot</title>"))
            #expect(page.text.contains("No survey called \u{201C}practitioner-1999&lt;b&gt;\u{201D} is loaded. The surveys loaded are: \(Scenario.survey)."))
        }
    }
}
