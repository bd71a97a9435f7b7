@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Signing in to the web app") struct SignInPageTests {
    @Test("A signed-out request for a page is sent to sign in, and lands on the page it asked for")
    func signedOutGoesToSignInAndBack() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            let first = try await browser.get("/rounds?show=funded")
            #expect(first.status == .seeOther)
            #expect(first.headers[.location] == "/sign-in?next=/rounds%3Fshow%3Dfunded")
            let signedIn = try await browser.signIn(token: server.admin, next: "/rounds?show=funded")
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/rounds?show=funded")
            let cookie = signedIn.headers[values: .setCookie].first { $0.hasPrefix("allot_session=") } ?? ""
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"), "served over plain http on loopback")
            let page = try await browser.get("/rounds")
            #expect(page.status == .ok)
            #expect(page.text.components(separatedBy: "<main").count == 2, "one main element")
            #expect(page.text.contains("<title>Rounds – Allot</title>"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
        }
    }

    @Test("Another site's page cannot sign a browser in: the sign-in form needs its CSRF value")
    func signInNeedsCSRF() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            let refused = try await browser.post("/sign-in", form: [("token", server.admin)])
            #expect(refused.status == .badRequest)
            #expect(!browser.cookies.keys.contains("allot_session"))
        }
    }

    @Test("A wrong token is named on the form, and ten failures from one address stop an eleventh try")
    func wrongTokenAndThrottle() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            let empty = try await browser.signIn(token: "")
            #expect(empty.status == .unprocessableContent)
            #expect(empty.text.contains("There is a problem") && empty.text.contains("<a href=\"#token\">Enter your sign-in token</a>"))
            #expect(empty.text.contains("<title>Error: Sign in to Allot – Allot</title>"))
            for _ in 0..<10 {
                let wrong = try await browser.signIn(token: "allot_wrong")
                #expect(wrong.status == .unprocessableContent)
                #expect(wrong.text.contains("The sign-in token is not recognised"))
            }
            let blocked = try await browser.signIn(token: server.admin)
            #expect(blocked.status == .tooManyRequests)
            #expect(!browser.cookies.keys.contains("allot_session"))
        }
    }

    @Test("A sign-in link asks before it signs in, works once, and its code is stored only hashed")
    func linkWorksOnce() async throws {
        let server = try TestServer.make()
        let tokens = SQLiteTokenRepository(server.deps.database)
        let chair = try #require(try tokens.all().first)
        let link = try SignInLinks.issue(for: chair, in: SQLiteSignInRepository(server.deps.database), publicURL: "https://allot.example.gov.uk/",
                                         hours: 1)
        #expect(link.hasPrefix("https://allot.example.gov.uk/sign-in/"))
        let path = String(link.dropFirst("https://allot.example.gov.uk".count))
        let code = String(path.dropFirst("/sign-in/".count))
        let stored = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT hash FROM sign_in_link") }
        #expect(stored == [WebSecurity.hash(code)])
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            let confirm = try await browser.get(path)
            #expect(confirm.status == .ok)
            #expect(confirm.text.contains("signs you in as <strong>test admin</strong>"))
            #expect(!browser.cookies.keys.contains("allot_session"), "opening the link alone signs no one in")
            let csrf = PageHTML.inputValue(confirm.text, name: "csrf") ?? ""
            let used = try await browser.post(path, form: [("csrf", csrf)])
            #expect(used.status == .seeOther)
            #expect(used.headers[.location] == "/rounds")
            #expect(browser.cookies.keys.contains("allot_session"))
            let other = PageClient(client)
            let again = try await other.get(path)
            #expect(again.status == .notFound)
            #expect(again.text.contains("This sign-in link cannot be used"))
        }
    }

    @Test("A sign-in link with a page to go to lands there, and only on this site")
    func linkLandsOnThePageAskedFor() async throws {
        let server = try TestServer.make()
        let tokens = SQLiteTokenRepository(server.deps.database)
        let chair = try #require(try tokens.all().first)
        let signIn = SQLiteSignInRepository(server.deps.database)
        try await server.application.test(.router) { client in
            for (next, lands) in [("/rounds%3Fshow%3Dfunded", "/rounds?show=funded"), ("//evil.example", "/rounds"), ("/sign-in", "/rounds")] {
                let link = try SignInLinks.issue(for: chair, in: signIn, publicURL: "http://127.0.0.1", hours: 1)
                let path = String(link.dropFirst("http://127.0.0.1".count))
                let browser = PageClient(client)
                let confirm = try await browser.get(path + "?next=" + next)
                #expect(confirm.status == .ok)
                let csrf = PageHTML.inputValue(confirm.text, name: "csrf") ?? ""
                let carried = PageHTML.inputValue(confirm.text, name: "next")
                let used = try await browser.post(path, form: [("csrf", csrf)] + (carried.map { [("next", $0)] } ?? []))
                #expect(used.headers[.location] == lands, "next=\(next)")
            }
        }
    }

    @Test("Signing out ends the session in the store, so the old cookie no longer signs in")
    func signOutEndsSession() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            _ = try await browser.signIn(token: server.admin)
            let page = try await browser.get("/rounds")
            let csrf = PageHTML.inputValue(page.text, name: "csrf") ?? ""
            let secret = browser.cookies["allot_session"] ?? ""
            let out = try await browser.post("/sign-out", form: [("csrf", csrf)])
            #expect(out.status == .seeOther)
            var headers = HTTPFields()
            headers[.cookie] = "allot_session=\(secret)"
            let replay = try await client.executeRequest(uri: "/rounds", method: .get, headers: headers, body: nil)
            #expect(replay.status == .seeOther, "the ended session's cookie is refused")
        }
    }

    @Test("A revoked token's sessions stop at once")
    func revokedTokenEndsSessions() async throws {
        let server = try TestServer.make()
        let analyst = try server.token(.analyst)
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            _ = try await browser.signIn(token: analyst)
            #expect(try await browser.get("/rounds").status == .ok)
            let record = try #require(try SQLiteTokenRepository(server.deps.database).find(hash: APIToken.hash(analyst)))
            _ = try SQLiteTokenRepository(server.deps.database).revoke(id: record.id, at: Date(), activity: [])
            #expect(try await browser.get("/rounds").status == .seeOther)
        }
    }

    @Test("A page a reviewer may not see is the same 404 page as a page that does not exist")
    func forbiddenIsNotFound() async throws {
        let server = try TestServer.make()
        let reviewer = try server.token(.reviewer, reviewer: "rev-1")
        try await server.application.test(.router) { client in
            let browser = PageClient(client)
            let landed = try await browser.signIn(token: reviewer)
            #expect(landed.headers[.location] == "/reviews")
            let forbidden = try await browser.get("/rounds")
            let missing = try await browser.get("/no-such-page")
            #expect(forbidden.status == .notFound && missing.status == .notFound)
            #expect(forbidden.text == missing.text)
            #expect(missing.text.contains("<h1>Page not found</h1>"))
        }
    }

    @Test("After signing in, `next` never leaves the site")
    func nextStaysOnSite() {
        #expect(WebSecurity.safeNext("/rounds/r1?show=funded") == "/rounds/r1?show=funded")
        #expect(WebSecurity.safeNext("//evil.example/") == nil)
        #expect(WebSecurity.safeNext("https://evil.example/") == nil)
        #expect(WebSecurity.safeNext("/\\evil.example") == nil)
        #expect(WebSecurity.safeNext("/sign-in") == nil)
        #expect(WebSecurity.safeNext("/rounds\r\nSet-Cookie: x") == nil)
    }
}
