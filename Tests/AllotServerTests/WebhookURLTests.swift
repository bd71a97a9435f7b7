import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Webhook endpoint URLs through the API: a password in one is never shown, and one that could split a request
/// (CR, LF or any control character) is refused at creation.
@Suite("Webhook endpoint URLs") struct WebhookURLTests {
    @Test("A URL's password is shown as *** by the creation answer and by GET /v1/webhooks/endpoints")
    func aPasswordIsNeverShown() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            let created = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin,
                                                json: #"{"id": "with-password", "url": "https://alice:s3cret-pw@example.org/hook"}"#)
            #expect(created.status == .created, "\(created.text)")
            #expect(!created.text.contains("s3cret-pw"))
            #expect(created["url"] as? String == "https://alice:***@example.org/hook")
            let listed = try await client.call(.get, "/v1/webhooks/endpoints", token: server.admin)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains("s3cret-pw"), "\(listed.text)")
            #expect(listed.text.contains("alice:***@example.org"))
        }
    }

    @Test("A URL with CR, LF, another control character or a space is 422 naming $.url, and nothing is stored")
    func controlCharactersAreRefused() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            for (i, bad) in [#"https://example.org/hook\r\nX-Injected: 1"#, #"https://example.org/a\nb"#, #"https://example.org/\u0000"#,
                             #"https://example.org/\t"#, "https://example.org/a b", #"https://example.org/\u007f"#].enumerated() {
                let r = try await client.call(.post, "/v1/webhooks/endpoints", token: server.admin, json: #"{"id": "bad-\#(i)", "url": "\#(bad)"}"#)
                #expect(r.status == .unprocessableContent, "\(bad): \(r.status) \(r.text)")
                #expect(r["path"] as? String == "$.url")
            }
            let listed = try await client.call(.get, "/v1/webhooks/endpoints", token: server.admin)
            #expect(!listed.text.contains("bad-"), "\(listed.text)")
        }
    }
}
