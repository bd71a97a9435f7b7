import AllotStore
import Crypto
import Foundation
import Hummingbird

/// A success banner carried through a redirect (`/surveys?uploaded=TEXT&notice=MAC`). The text is in the address so the
/// page after a form needs no server-side state, but an address anyone can make could put any words in a banner on
/// Allot's page ("call this number"); so the text is signed with the signed-in session's own secret, and a page shows
/// it only when the signature is this session's. A crafted link shows no banner.
enum PageNotice {
    /// The query string `KEY=TEXT&notice=MAC` for `text`, signed for `session`.
    static func query(_ key: String, _ text: String, session: WebSession?) -> String {
        "\(key)=\(PagePath.query(text))&notice=\(mac(key, text, session))"
    }

    /// The value of `key` in the request's query, if its `notice` signature is this session's.
    static func read(_ key: String, _ request: Request, session: WebSession?) -> String? {
        let parameters = request.uri.queryParameters
        guard let session, let text = parameters.get(key), let sent = parameters.get("notice") else { return nil }
        return WebSecurity.same(sent, mac(key, text, session)) ? text : nil
    }

    private static func mac(_ key: String, _ text: String, _ session: WebSession?) -> String {
        // The session's CSRF secret never leaves the session's own pages, and it ends with the session.
        let secret = SymmetricKey(data: Data((session?.csrf ?? "").utf8))
        let code = HMAC<SHA256>.authenticationCode(for: Data("\(key)\n\(text)".utf8), using: secret)
        return Data(code).map { String(format: "%02x", $0) }.joined()
    }
}
