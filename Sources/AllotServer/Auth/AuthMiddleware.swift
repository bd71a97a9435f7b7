import AllotStore
import Foundation
import Hummingbird
import Logging

/// Checks `Authorization: Bearer <token>` against the stored hashes and records the caller in the context.
/// Routes outside `/v1` are open; every `/v1` route needs a token. Tokens never reach the logs.
public struct AuthMiddleware<Tokens: TokenRepository>: RouterMiddleware {
    public typealias Context = AllotRequestContext
    let tokens: Tokens
    let now: @Sendable () -> Date
    let cache = TokenCache()
    let logger = Logger(label: "allot.auth")

    /// Creates the middleware.
    public init(tokens: Tokens, now: @escaping @Sendable () -> Date) {
        self.tokens = tokens
        self.now = now
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix("/v1/") || request.uri.path == "/v1" else { return try await next(request, context) }
        guard let header = request.headers[.authorization] else { throw APIError.unauthorized }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { throw APIError.unauthorized }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard token.hasPrefix(APIToken.prefix) else { throw APIError.unauthorized }
        let hash = APIToken.hash(token)
        let record: TokenRecord
        if let cached = cache.record(hash: hash) { record = cached } else {
            guard let stored = try tokens.find(hash: hash) else { throw APIError.unauthorized }
            cache.store(stored, hash: hash)
            record = stored
            TokenUse.mark(record.id, in: tokens, at: now(), logger: logger)
        }
        var context = context
        context.identity = Identity(record)
        context.logger[metadataKey: "token_id"] = .string(record.id)
        return try await next(request, context)
    }
}
