import AllotStore
import Crypto
import Foundation
import Hummingbird
import HTTPTypes

/// The web app's security rules in one place: secrets, cookies, the headers every page carries, CSRF checks.
enum WebSecurity {
    /// The session cookie (HttpOnly, SameSite=Lax, Secure over TLS): its value is the session's secret.
    static let sessionCookie = "allot_session"
    /// Before signing in there is no session to hold a CSRF token: the sign-in forms use this cookie's value instead
    /// (double submit), so another site cannot sign a browser in as someone else.
    static let signInCookie = "allot_sign_in"

    /// No inline script or style anywhere: everything comes from `/assets`. Forms post only here; no framing.
    static let contentSecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let frameOptions = HTTPField.Name("X-Frame-Options")!
    static let forwardedProto = HTTPField.Name("X-Forwarded-Proto")!

    /// A new random secret: 32 bytes in base64url (no padding), safe in a cookie and a URL path.
    static func secret() -> String {
        var generator = SystemRandomNumberGenerator()
        return APIToken.base64URL((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The stored form of a secret (session secret, sign-in code): SHA-256 hex, as for API tokens.
    static func hash(_ secret: String) -> String { APIToken.hash(secret) }

    /// Compares two secrets in time that depends on their lengths only, not on where they first differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// The CSRF check of every form that changes state: the posted value equals the session's (400 otherwise).
    static func checkCSRF(_ posted: String?, _ context: AllotRequestContext) throws {
        guard let session = context.session, let posted, same(posted, session.csrf) else {
            throw APIError.badRequest("the form has expired: open the page again and resend it")
        }
    }

    /// Headers on every page and redirect: the CSP, no sniffing, no framing, no referrer (a sign-in link's code must
    /// not leave in a Referer header), and no caching of pages that hold a person's data.
    static func secure(_ response: inout Response) {
        response.headers[.contentSecurityPolicy] = contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[referrerPolicy] = "no-referrer"
        response.headers[frameOptions] = "DENY"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
    }

    /// A cookie of the web app: HttpOnly, SameSite=Lax (a link from an email still arrives signed in), path `/`,
    /// Secure when the app is reached over TLS.
    static func cookie(_ name: String, value: String, maxAge: Int, secure: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// Whether the browser reached the app over TLS: the public URL says https, or a proxy in front says so.
    static func overTLS(_ request: Request, publicURL: String) -> Bool {
        publicURL.lowercased().hasPrefix("https://") || request.headers[forwardedProto]?.lowercased() == "https"
    }

    /// Where to go after signing in: a path on this site (never another host, never back to sign-in), else nil.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.hasPrefix("/\\"), !next.hasPrefix("/sign-in"),
              next.count <= 2048, !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return nil }
        return next
    }
}
