import AllotStore
import Foundation

/// One-time sign-in links: `PUBLIC_URL/sign-in/CODE`, the code 32 random bytes of which only the SHA-256 is stored.
/// Made by `allot token create --link`, by the demo, and for notifications.
public enum SignInLinks {
    /// Stores a new link for `token`, expiring after `hours`; returns the URL (shown once).
    public static func issue(for token: TokenRecord, in repository: some SignInRepository, publicURL: String, hours: Double,
                             now: Date = Date()) throws -> String {
        let code = WebSecurity.secret()
        let link = SignInLink(id: "lnk_" + String(WebSecurity.hash(code).prefix(12)), tokenID: token.id, createdAt: now,
                              expiresAt: now.addingTimeInterval(hours * 3600))
        try repository.createLink(link, hash: WebSecurity.hash(code))
        return url(publicURL, path: "/sign-in/" + code)
    }

    /// `publicURL` with `path` (one slash between them).
    public static func url(_ publicURL: String, path: String) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + path
    }
}
