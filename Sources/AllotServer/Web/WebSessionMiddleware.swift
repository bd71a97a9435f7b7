import AllotStore
import Foundation
import Hummingbird
import Logging

/// The web app's gate, beside `AuthMiddleware` (which guards `/v1` with bearer tokens): on every page it reads the
/// session cookie and sets the caller's identity, sends a signed-out request to `/sign-in` (303, remembering the page
/// asked for), puts the security headers on every answer, and turns errors into pages. A page a person may not see
/// answers exactly as a page that does not exist (404).
struct WebSessionMiddleware<SignIn: SignInRepository, Tokens: TokenRepository>: RouterMiddleware {
    typealias Context = AllotRequestContext
    let signIn: SignIn
    let tokens: Tokens
    let pages: PageRenderer
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.web")

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !WebPaths.isAPI(path) else { return try await next(request, context) }
        var context = context
        do {
            // The stylesheet and script need no session: no store read for them.
            if !path.hasPrefix("/assets/"), let secret = request.cookies[WebSecurity.sessionCookie]?.value, !secret.isEmpty,
               let (session, token) = try signIn.session(hash: WebSecurity.hash(secret), at: now()) {
                context.identity = Identity(token)
                context.session = session
                TokenUse.mark(token.id, in: tokens, at: now(), logger: logger)
                // Who, by their token's public id: a session's id is kept out of the logs with its secret.
                context.logger[metadataKey: "token_id"] = .string(token.id)
            }
            guard context.identity != nil || WebPaths.isOpen(path) else { return PageRenderer.redirect(Self.signInLocation(request)) }
            var response = try await next(request, context)
            WebSecurity.secure(&response)
            return response
        } catch {
            return try errorPage(error, request: request, context: context)
        }
    }

    /// `/sign-in?next=PATH` for the page asked for (GET only: a form posted while signed out cannot be replayed).
    static func signInLocation(_ request: Request) -> String {
        guard request.method == .get || request.method == .head else { return "/sign-in" }
        var asked = request.uri.path
        if let query = request.uri.query, !query.isEmpty { asked += "?" + query }
        guard WebSecurity.safeNext(asked) != nil, asked != "/" else { return "/sign-in" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return "/sign-in?next=" + (asked.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }

    /// The page for an error a page handler threw: the same statuses as the API, in words.
    func errorPage(_ error: any Error, request: Request, context: Context) throws -> Response {
        let mapped = ErrorMapping.apiError(error)
        let layout = PageLayout(title: "", identity: context.identity, session: context.session, section: nil)
        switch mapped.status.code {
        case 401:
            return PageRenderer.redirect(Self.signInLocation(request))
        case 403, 404:
            return try pages.page("not-found", ProblemPage(layout: layout.titled("Page not found"), detail: nil), status: .notFound)
        case 500...:
            logger.error("Page failed", metadata: ["path": "\(WebPaths.loggable(request.uri.path))", "error": "\(error)"])
            return try pages.page("problem", ProblemPage(layout: layout.titled("Sorry, there is a problem with the service"),
                                                         detail: "Try again later. The problem has been logged."), status: mapped.status)
        default:
            return try pages.page("problem", ProblemPage(layout: layout.titled(Self.heading(mapped.status)), detail: mapped.detail), status: mapped.status)
        }
    }

    static func heading(_ status: HTTPResponse.Status) -> String {
        switch status.code {
        case 409: "This cannot be done now"
        case 413: "What you sent is too large"
        case 429: "Too many attempts"
        default: "There is a problem"
        }
    }
}

/// The not-found and problem pages.
struct ProblemPage: Sendable {
    let layout: PageLayout
    let detail: String?
}

extension PageLayout {
    /// The same layout under another title.
    func titled(_ title: String) -> PageLayout {
        PageLayout(title: title, nav: nav, hasNav: hasNav, signedInAs: signedInAs, csrf: csrf, crumbs: crumbs, hasCrumbs: hasCrumbs)
    }
}

/// Which paths are the web app's.
public enum WebPaths {
    /// Routes outside the web app: the API and the operator's JSON routes keep their own answers.
    public static func isAPI(_ path: String) -> Bool {
        path == "/v1" || path.hasPrefix("/v1/") || ["/health", "/ready", "/metrics", "/openapi.json"].contains(path)
    }

    /// `path` as a log line may show it: a one-time sign-in link's code is a credential until it is used.
    public static func loggable(_ path: String) -> String {
        path.hasPrefix("/sign-in/") ? "/sign-in/***" : path
    }

    /// Pages anyone may open: signing in, and the CSS and script.
    static func isOpen(_ path: String) -> Bool {
        path == "/sign-in" || path.hasPrefix("/sign-in/") || path.hasPrefix("/assets/")
    }
}
