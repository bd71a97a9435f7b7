import AllotStore
import Foundation
import Hummingbird
import Logging

/// Signing in and out of the web app. A person signs in with a personal token (the form posts it in the body, never
/// in a URL) or with a one-time link (`/sign-in/CODE`, which asks them to press "Sign in" so that a mail scanner
/// opening the link does not use it up). Either starts a server-side session: a random secret in an HttpOnly cookie,
/// its SHA-256 in the store, ending at sign-out, at its expiry, or when its token is revoked.
struct SignInController<Tokens: TokenRepository, SignIn: SignInRepository> {
    let tokens: Tokens
    let signIn: SignIn
    let pages: PageRenderer
    let throttle: SignInThrottle
    let settings: WebSettings
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.web.sign-in")

    struct TokenForm: Decodable {
        let token: String?
        let csrf: String?
        let next: String?
    }

    struct LinkForm: Decodable {
        let csrf: String?
        let next: String?
    }

    struct SignOutForm: Decodable {
        let csrf: String?
    }

    struct SignInPage: Sendable {
        let layout: PageLayout
        let errors: FormErrors
        let tokenError: String?
        let csrf: String
        let next: String?
    }

    struct LinkPage: Sendable {
        let layout: PageLayout
        let name: String
        let role: String
        let csrf: String
        let action: String
        let usable: Bool
        /// Where to go after signing in (`/sign-in/CODE?next=/reviews/...`), checked to stay on the site.
        let next: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/") { _, context in
            guard let identity = context.identity else { return PageRenderer.redirect("/sign-in") }
            return PageRenderer.redirect(WebSection.home(for: identity.role))
        }
        routes.get("/sign-in") { request, _ in
            let next = WebSecurity.safeNext(request.uri.queryParameters.get("next"))
            return try signInForm(request, errors: FormErrors(), next: next, status: .ok)
        }
        routes.post("/sign-in") { request, context in
            let form = try await FormBody.decode(TokenForm.self, request)
            let next = WebSecurity.safeNext(form.next)
            guard csrfMatches(request, form.csrf) else {
                return try signInForm(request, errors: FormErrors([.init(field: "token", message: SignInMessage.expiredForm)]), next: next, status: .badRequest)
            }
            let at = now()
            guard throttle.allows(ClientAddress.of(request, context, trusted: settings.trustedProxies), at: at) else {
                return try signInForm(request, errors: FormErrors([.init(field: "token", message: SignInMessage.tooMany)]), next: next, status: .tooManyRequests)
            }
            let token = (form.token ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                return try signInForm(request, errors: FormErrors([.init(field: "token", message: "Enter your sign-in token")]), next: next,
                                      status: .unprocessableContent)
            }
            guard token.hasPrefix(APIToken.prefix), let record = try tokens.find(hash: APIToken.hash(token)) else {
                throttle.fail(ClientAddress.of(request, context, trusted: settings.trustedProxies), at: at)
                logger.info("Sign-in refused", metadata: ["reason": "unknown token"])
                return try signInForm(request, errors: FormErrors([.init(field: "token", message: SignInMessage.unknownToken)]), next: next,
                                      status: .unprocessableContent)
            }
            return try startSession(for: record, request: request, next: next, at: at)
        }
        routes.get("/sign-in/:code") { request, context in
            let code = try context.parameters.require("code")
            let found = try signIn.link(hash: WebSecurity.hash(code), at: now())
            return try linkPage(request, found: found?.token, code: code, next: WebSecurity.safeNext(request.uri.queryParameters.get("next")))
        }
        routes.post("/sign-in/:code") { request, context in
            let code = try context.parameters.require("code")
            let form = try await FormBody.decode(LinkForm.self, request)
            guard csrfMatches(request, form.csrf) else {
                return try linkPage(request, found: try signIn.link(hash: WebSecurity.hash(code), at: now())?.token, code: code,
                                    next: WebSecurity.safeNext(form.next), status: .badRequest)
            }
            let at = now()
            guard throttle.allows(ClientAddress.of(request, context, trusted: settings.trustedProxies), at: at) else {
                return try pages.page("problem", ProblemPage(layout: PageLayout(title: "Too many attempts", identity: nil, session: nil, section: nil),
                                                             detail: SignInMessage.tooMany), status: .tooManyRequests)
            }
            guard let (_, token) = try signIn.link(hash: WebSecurity.hash(code), at: at) else {
                throttle.fail(ClientAddress.of(request, context, trusted: settings.trustedProxies), at: at)
                return try linkPage(request, found: nil, code: code)
            }
            let (session, secret) = newSession(for: token, at: at)
            guard let redeemed = try signIn.redeem(linkHash: WebSecurity.hash(code), session: (session, WebSecurity.hash(secret)), at: at) else {
                return try linkPage(request, found: nil, code: code)
            }
            logger.info("Signed in", metadata: ["token_id": "\(redeemed.id)", "by": "link"])
            return signedIn(request, secret: secret, location: WebSecurity.safeNext(form.next) ?? WebSection.home(for: redeemed.role))
        }
        routes.post("/sign-out") { request, context in
            let form = try await FormBody.decode(SignOutForm.self, request)
            if let session = context.session, let secret = request.cookies[WebSecurity.sessionCookie]?.value {
                guard let csrf = form.csrf, WebSecurity.same(csrf, session.csrf) else { throw APIError.badRequest(SignInMessage.expiredForm) }
                try signIn.endSession(hash: WebSecurity.hash(secret), at: now())
                logger.info("Signed out", metadata: ["token_id": "\(session.tokenID)"])
            }
            var response = PageRenderer.redirect("/sign-in")
            response.setCookie(WebSecurity.cookie(WebSecurity.sessionCookie, value: "", maxAge: 0, secure: WebSecurity.overTLS(request, publicURL: settings.publicURL)))
            return response
        }
        return routes
    }


    /// The double-submit check of the sign-in forms: the posted `csrf` equals the browser's sign-in cookie.
    func csrfMatches(_ request: Request, _ posted: String?) -> Bool {
        guard let posted, let cookie = request.cookies[WebSecurity.signInCookie]?.value else { return false }
        return WebSecurity.same(posted, cookie)
    }

    /// The browser's sign-in CSRF value, and whether it is new (then set as a cookie).
    func signInCSRF(_ request: Request) -> (value: String, new: Bool) {
        if let existing = request.cookies[WebSecurity.signInCookie]?.value, existing.count >= 32 { return (existing, false) }
        return (WebSecurity.secret(), true)
    }

    func signInForm(_ request: Request, errors: FormErrors, next: String?, status: HTTPResponse.Status) throws -> Response {
        let csrf = signInCSRF(request)
        let title = errors.hasErrors ? "Error: Sign in to Allot" : "Sign in to Allot"
        var response = try pages.page("sign-in", SignInPage(layout: PageLayout(title: title, identity: nil, session: nil, section: nil), errors: errors,
                                                            tokenError: errors.message(for: "token"), csrf: csrf.value, next: next), status: status)
        if csrf.new { response.setCookie(signInCookie(csrf.value, request)) }
        return response
    }

    func linkPage(_ request: Request, found token: TokenRecord?, code: String, next: String? = nil, status: HTTPResponse.Status? = nil) throws -> Response {
        let csrf = signInCSRF(request)
        let usable = token != nil
        let page = LinkPage(layout: PageLayout(title: usable ? "Sign in to Allot" : "This sign-in link cannot be used", identity: nil, session: nil,
                                               section: nil),
                            name: token?.name ?? "", role: token?.role.rawValue ?? "", csrf: csrf.value,
                            action: "/sign-in/" + code.filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, usable: usable, next: next)
        var response = try pages.page("sign-in-link", page, status: status ?? (usable ? .ok : .notFound))
        if csrf.new { response.setCookie(signInCookie(csrf.value, request)) }
        return response
    }

    func signInCookie(_ value: String, _ request: Request) -> Cookie {
        WebSecurity.cookie(WebSecurity.signInCookie, value: value, maxAge: 3600, secure: WebSecurity.overTLS(request, publicURL: settings.publicURL))
    }

    func newSession(for token: TokenRecord, at: Date) -> (WebSession, secret: String) {
        let secret = WebSecurity.secret()
        let session = WebSession(id: "ses_" + String(WebSecurity.hash(secret).prefix(12)), tokenID: token.id, csrf: WebSecurity.secret(),
                                 createdAt: at, expiresAt: at.addingTimeInterval(settings.sessionHours * 3600))
        return (session, secret)
    }

    func startSession(for token: TokenRecord, request: Request, next: String?, at: Date) throws -> Response {
        let (session, secret) = newSession(for: token, at: at)
        try signIn.createSession(session, hash: WebSecurity.hash(secret))
        logger.info("Signed in", metadata: ["token_id": "\(token.id)", "by": "token"])
        return signedIn(request, secret: secret, location: next ?? WebSection.home(for: token.role))
    }

    /// 303 to the page asked for, with the session cookie set and the sign-in cookie cleared.
    func signedIn(_ request: Request, secret: String, location: String) -> Response {
        let tls = WebSecurity.overTLS(request, publicURL: settings.publicURL)
        var response = PageRenderer.redirect(location)
        response.setCookie(WebSecurity.cookie(WebSecurity.sessionCookie, value: secret, maxAge: Int(settings.sessionHours * 3600), secure: tls))
        response.setCookie(WebSecurity.cookie(WebSecurity.signInCookie, value: "", maxAge: 0, secure: tls))
        return response
    }
}

/// The web app's settings from `Config/allot.yaml`.
struct WebSettings: Sendable {
    /// How people reach the app (`public_url`), for sign-in links and notifications.
    let publicURL: String
    let sessionHours: Double
    let linkHours: Double
    /// Proxies whose `X-Forwarded-For` names the client for the sign-in throttle (`web.trusted_proxies`).
    var trustedProxies: Set<String> = []
}

/// What the sign-in pages say when signing in fails.
enum SignInMessage {
    static let expiredForm = "The sign-in form has expired: sign in again"
    static let tooMany = "Too many failed sign-ins from this address: wait 15 minutes, then try again"
    static let unknownToken = "The sign-in token is not recognised: check it, or ask your administrator for a new one"
}
