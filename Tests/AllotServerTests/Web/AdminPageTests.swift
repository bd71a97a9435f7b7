@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The administration page") struct AdminPageTests {
    @Test("An admin makes a token with a sign-in link, shown once, that signs in; revoking it ends that person's session")
    func makeAndRevoke() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let admin = PageClient(client)
            _ = try await admin.signIn(token: server.admin)
            let page = try await admin.get("/admin")
            #expect(page.status == .ok)
            let csrf = try #require(PageHTML.inputValue(page.text, name: "csrf"))
            let noReviewer = try await admin.post("/admin/tokens", form: [("csrf", csrf), ("name", "R. Viewer"), ("role", "reviewer"), ("reviewer", "")])
            #expect(noReviewer.status == .unprocessableContent)
            #expect(noReviewer.text.contains("<a href=\"#reviewer\">A reviewer token needs the reviewer"))
            let made = try await admin.post("/admin/tokens", form: [("csrf", csrf), ("name", "Panel analyst"), ("role", "analyst"), ("link", "yes")])
            #expect(made.status == .ok)
            let token = try #require(PageHTML.inputValue(made.text, name: "issued-token") ?? Self.readonly(made.text, id: "issued-token"))
            let link = try #require(Self.readonly(made.text, id: "issued-link"))
            #expect(token.hasPrefix("allot_") && link.contains("/sign-in/"))
            #expect(try await admin.get("/admin").text.contains(token) == false, "shown once")

            let analyst = PageClient(client)
            let path = String(link[link.range(of: "/sign-in/")!.lowerBound...])
            let confirm = try await analyst.get(path)
            let linkCSRF = try #require(PageHTML.inputValue(confirm.text, name: "csrf"))
            #expect(try await analyst.post(path, form: [("csrf", linkCSRF)]).status == .seeOther)
            #expect(try await analyst.get("/rounds").status == .ok)
            #expect(try await analyst.get("/admin").status == .notFound, "an analyst has no administration page")

            let id = try #require(try server.deps.store.tokens.all().first { $0.name == "Panel analyst" }?.id)
            let revoked = try await admin.post("/admin/tokens/\(id)/revoke", form: [("csrf", csrf)])
            #expect(revoked.status == .seeOther)
            #expect(try await analyst.get("/rounds").status == .seeOther, "the revoked token's session has ended")
        }
    }

    @Test("Unused sign-in links are listed with their expiry, and a withdrawn one no longer signs in but leaves its token working")
    func withdrawAnUnusedLink() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let admin = PageClient(client)
            _ = try await admin.signIn(token: server.admin)
            let csrf = try #require(PageHTML.inputValue(try await admin.get("/admin").text, name: "csrf"))
            #expect(try await admin.get("/admin").text.contains("Every sign-in link made has been used or has expired."))
            let made = try await admin.post("/admin/tokens", form: [("csrf", csrf), ("name", "Late reviewer <b>"), ("role", "analyst"), ("link", "yes")])
            let token = try #require(Self.readonly(made.text, id: "issued-token"))
            let link = try #require(Self.readonly(made.text, id: "issued-link"))
            let listed = try await admin.get("/admin")
            let table = try #require(listed.text.components(separatedBy: "id=\"links\"").dropFirst().first?.components(separatedBy: "</table>").first)
            #expect(table.contains("<th scope=\"row\">Late reviewer &lt;b&gt;</th><td>analyst</td>"))
            let action = try #require(table.range(of: "action=\"/admin/links/").map { String(table[$0.upperBound...].prefix { $0 != "\"" }) })
            #expect(try await admin.post("/admin/links/\(action)", form: [("csrf", "wrong")]).status == .badRequest, "CSRF checked")
            let withdrawn = try await admin.post("/admin/links/\(action)", form: [("csrf", csrf)])
            #expect(withdrawn.status == .seeOther)
            #expect(try await admin.get(try #require(withdrawn.headers[.location])).text.contains("The unused link for Late reviewer &lt;b&gt; no longer signs anyone in."))
            #expect(try await admin.post("/admin/links/\(action)", form: [("csrf", csrf)]).status == .notFound, "once")

            let path = String(link[link.range(of: "/sign-in/")!.lowerBound...])
            let confirm = try await PageClient(client).get(path)
            #expect(confirm.status == .notFound && confirm.text.contains("This sign-in link cannot be used"))
            let holder = PageClient(client)
            #expect(try await holder.signIn(token: token).status == .seeOther, "the token itself still signs in")
            let log = try await client.call(.get, "/v1/activity?action=sign_in_link.withdrawn", token: server.admin)
            let entries = try #require(log.json as? [[String: Any]] ?? ((log.json as? [String: Any])?["entries"] as? [[String: Any]]))
            #expect(entries.count == 1)
        }
    }

    /// The value of the readonly input with this id.
    static func readonly(_ html: String, id: String) -> String? {
        guard let at = html.range(of: "id=\"\(id)\"") else { return nil }
        let rest = html[at.upperBound...]
        guard let v = rest.range(of: "value=\"") else { return nil }
        return String(rest[v.upperBound...].prefix { $0 != "\"" })
    }
}
