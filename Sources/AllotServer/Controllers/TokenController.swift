import AllotCore
import AllotStore
import Foundation
import Hummingbird
import Logging

/// `POST /v1/tokens` (admin): a new token, shown once; `GET` lists the records, `DELETE /v1/tokens/{token}` revokes one.
struct TokenController<Tokens: TokenRepository, Reviewers: ReviewerRepository> {
    let tokens: Tokens
    let reviewers: Reviewers
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.tokens")

    struct CreateToken: Decodable {
        let role: TokenRole
        let name: String
        let reviewer: String?
    }


    struct Issued: Encodable {
        let id: String
        let name: String
        let role: TokenRole
        let reviewer: String?
        /// The token itself: shown only here.
        let token: String
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post { request, context in
            _ = try context.require(.admin)
            let body = try await HTTPBody.json(CreateToken.self, request, limit: context.maxUploadSize)
            let (token, record) = try issue(body, by: context.require(.admin))
            return try Reply.json(Issued(id: record.id, name: record.name, role: record.role, reviewer: record.reviewerID, token: token),
                                  status: .created)
        }
        routes.get { _, context in
            _ = try context.require(.admin)
            return try Reply.json(try tokens.all())
        }
        routes.delete(":token") { _, context in
            let identity = try context.require(.admin)
            let id = try context.parameters.require("token")
            guard try revoke(id, by: identity) else { throw APIError.notFound("no unrevoked token '\(TextLimits.shown(id))'") }
            return Reply.noContent()
        }
        return routes
    }

    /// Checks and issues a token: the one place tokens are made over HTTP (`POST /v1/tokens` and the admin page).
    func issue(_ body: CreateToken, by identity: Identity) throws -> (token: String, record: TokenRecord) {
        guard !body.name.isEmpty else { throw APIError.invalid("$.name: must not be empty", path: "$.name") }
        try TextLimits.check(body.name, path: "$.name", limit: InputLimits.maxNameLength)
        if body.role == .reviewer {
            guard let reviewer = body.reviewer, !reviewer.isEmpty else {
                throw APIError.invalid("$.reviewer: a reviewer token needs the reviewer's id", path: "$.reviewer")
            }
            guard try reviewers.find(reviewer) != nil else {
                throw APIError.invalid("$.reviewer: no reviewer '\(reviewer)'; POST /v1/reviewers first", path: "$.reviewer")
            }
        } else if body.reviewer != nil {
            throw APIError.invalid("$.reviewer: only reviewer tokens name a reviewer", path: "$.reviewer")
        }
        let (token, record) = try APIToken.issue(role: body.role, name: body.name, reviewerID: body.reviewer, in: tokens,
                                                 actor: identity.auditName, now: now())
        logger.info("API token issued", metadata: ["token_id": "\(record.id)", "role": "\(record.role.rawValue)"])
        return (token, record)
    }

    /// Revokes a token by id; false when there was no unrevoked one.
    func revoke(_ id: String, by identity: Identity) throws -> Bool {
        let at = now()
        let before = try tokens.all().first { $0.id == id }
        var after = before
        after?.revokedAt = at
        let entry = try Activity.entry(.tokenRevoked, by: identity, at: at, subject: id, summary: "revoked the token \(before?.name ?? id)",
                                       before: before, after: after)
        guard try tokens.revoke(id: id, at: at, activity: [entry]) else { return false }
        logger.info("API token revoked", metadata: ["token_id": "\(id)"])
        return true
    }
}
