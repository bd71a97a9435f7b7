import AllotStore
import Foundation
import Hummingbird

/// `/admin`: the tokens (role, name, reviewer, created, revoked; create one, with a one-time sign-in link if asked;
/// revoke one) and the review panel. Tokens are made and revoked through `TokenController`'s own methods, the code of
/// `POST` and `DELETE /v1/tokens`; links through `SignInLinks`, the code of `allot token create --link`.
struct AdminPagesController<Tokens: TokenRepository, Reviewers: ReviewerRepository, SignIn: SignInRepository> {
    let tokens: TokenController<Tokens, Reviewers>
    let reviewers: Reviewers
    let signIn: SignIn
    let settings: WebSettings
    let pages: PageRenderer

    struct CreateForm: Decodable {
        let csrf: String?
        let name: String?
        let role: String?
        let reviewer: String?
        let link: String?
    }

    struct RevokeForm: Decodable {
        let csrf: String?
    }

    struct Page: Sendable {
        struct TokenRow: Sendable {
            let id: String
            let name: String
            let role: String
            let reviewer: String
            let created: String
            let lastUsed: String
            /// Tokens last until revoked; their sign-in links and sessions expire (`web.link_hours`, `web.session_hours`).
            let expires: String
            let revoked: String?
            let revokeAction: String
        }

        struct ReviewerRow: Sendable {
            let id: String
            let name: String
            let email: String
        }

        struct RoleOption: Sendable {
            let value: String
            let id: String
            let checked: Bool
        }

        /// A one-time sign-in link not yet used nor expired, with a button that withdraws it.
        struct LinkRow: Sendable {
            let name: String
            let role: String
            let created: String
            let expires: String
            let withdrawAction: String
        }

        let layout: PageLayout
        let csrf: String
        let tokens: [TokenRow]
        let links: [LinkRow]
        let hasLinks: Bool
        let reviewers: [ReviewerRow]
        let hasReviewers: Bool
        let roles: [RoleOption]
        let name: String
        let reviewer: String
        let linkChecked: Bool
        let errors: FormErrors
        let nameError: String?
        let roleError: String?
        let reviewerError: String?
        let issuedToken: String?
        let issuedLink: String?
        let issuedName: String?
        let revoked: String?
        let withdrawn: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/admin") { request, context in
            let identity = try context.require(.admin)
            return try page(identity: identity, context: context, form: nil, errors: FormErrors(), issued: nil,
                            revoked: PageNotice.read("revoked", request, session: context.session),
                            withdrawn: PageNotice.read("withdrawn", request, session: context.session))
        }
        routes.post("/admin/tokens") { request, context in
            let identity = try context.require(.admin)
            let form = try await FormBody.decode(CreateForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            guard let role = form.role.flatMap(TokenRole.init(rawValue:)) else {
                return try page(identity: identity, context: context, form: form,
                                errors: FormErrors([.init(field: "role-admin", message: "Select the token's role")]), issued: nil, status: .unprocessableContent)
            }
            let reviewer = form.reviewer.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0.trimmingCharacters(in: .whitespaces) }
            do {
                let (token, record) = try tokens.issue(.init(role: role, name: (form.name ?? "").trimmingCharacters(in: .whitespaces),
                                                             reviewer: role == .reviewer ? reviewer : nil), by: identity)
                let link = form.link == "yes"
                    ? try SignInLinks.issue(for: record, in: signIn, publicURL: settings.publicURL, hours: settings.linkHours) : nil
                return try page(identity: identity, context: context, form: nil, errors: FormErrors(), issued: (token, link, record.name))
            } catch let error as APIError where error.status == .unprocessableContent {
                let field = error.path == "$.reviewer" ? "reviewer" : "name"
                return try page(identity: identity, context: context, form: form, errors: FormErrors([.init(field: field, message: FormErrors.message(error))]),
                                issued: nil, status: .unprocessableContent)
            }
        }
        routes.post("/admin/tokens/:token/revoke") { request, context in
            let identity = try context.require(.admin)
            let form = try await FormBody.decode(RevokeForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            let id = try context.parameters.require("token")
            guard try tokens.revoke(id, by: identity) else { throw APIError.notFound("no unrevoked token '\(TextLimits.shown(id))'") }
            return PageRenderer.redirect("/admin?" + PageNotice.query("revoked", id, session: context.session))
        }
        routes.post("/admin/links/:link/withdraw") { request, context in
            let identity = try context.require(.admin)
            let form = try await FormBody.decode(RevokeForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            let id = try context.parameters.require("link")
            let at = tokens.now()
            let link = try signIn.outstandingLinks(at: at).first { $0.id == id }
            let holder = try tokens.tokens.all().first { $0.id == link?.tokenID }
            let entry = try Activity.entry(.signInLinkWithdrawn, by: identity, at: at, subject: id,
                                           summary: "withdrew an unused sign-in link for \(holder?.name ?? link?.tokenID ?? id)", before: link, after: nil)
            guard link != nil, try signIn.withdrawLink(id: id, at: at, activity: [entry]) else {
                throw APIError.notFound("no unused sign-in link '\(TextLimits.shown(id))'")
            }
            return PageRenderer.redirect("/admin?" + PageNotice.query("withdrawn", holder?.name ?? id, session: context.session))
        }
        return routes
    }

    func page(identity: Identity, context: AllotRequestContext, form: CreateForm?, errors: FormErrors, issued: (token: String, link: String?, name: String)?,
              revoked: String? = nil, withdrawn: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let time = PageFormat.time
        let all = try tokens.tokens.all()
        let holders = Dictionary(all.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let links = try signIn.outstandingLinks(at: tokens.now()).map { l in
            Page.LinkRow(name: holders[l.tokenID]?.name ?? l.tokenID, role: holders[l.tokenID]?.role.rawValue ?? "–", created: time(l.createdAt),
                         expires: time(l.expiresAt), withdrawAction: "/admin/links/\(PagePath.segment(l.id))/withdraw")
        }
        let rows = all.reversed().map { t in
            Page.TokenRow(id: t.id, name: t.name, role: t.role.rawValue, reviewer: t.reviewerID ?? "–", created: time(t.createdAt),
                          lastUsed: t.lastUsedAt.map(time) ?? "Never", expires: "When revoked (links after \(PageFormat.number(settings.linkHours, places: 0)) h, sessions after \(PageFormat.number(settings.sessionHours, places: 0)) h)",
                          revoked: t.revokedAt.map(time), revokeAction: "/admin/tokens/\(PagePath.segment(t.id))/revoke")
        }
        let panel = try reviewers.all().map { Page.ReviewerRow(id: $0.id, name: $0.name, email: $0.email ?? "–") }
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Administration", identity: identity, session: context.session, section: .admin)
        return try pages.page("admin", Page(
            layout: layout, csrf: context.session?.csrf ?? "", tokens: rows, links: links, hasLinks: !links.isEmpty, reviewers: panel, hasReviewers: !panel.isEmpty,
            roles: TokenRole.allCases.map { Page.RoleOption(value: $0.rawValue, id: "role-\($0.rawValue)", checked: form?.role == $0.rawValue) },
            name: form?.name ?? "", reviewer: form?.reviewer ?? "", linkChecked: form.map { $0.link == "yes" } ?? true, errors: errors,
            nameError: errors.message(for: "name"), roleError: errors.message(for: "role-admin"), reviewerError: errors.message(for: "reviewer"),
            issuedToken: issued?.token, issuedLink: issued?.link ?? nil, issuedName: issued?.name, revoked: revoked, withdrawn: withdrawn), status: status)
    }
}
