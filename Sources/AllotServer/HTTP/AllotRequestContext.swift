import AllotStore
import Hummingbird
import Logging

/// The request context: the caller's identity once the auth middleware has checked the token.
public struct AllotRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `AuthMiddleware` (a bearer token on `/v1`) or `WebSessionMiddleware` (a signed-in browser on a page);
    /// nil on open routes.
    public var identity: Identity?
    /// The browser's session on web pages (its CSRF token guards every form); nil on the API.
    public var session: WebSession?
    /// The peer's IP address, for limiting failed sign-ins per address.
    public let remoteAddress: String?

    /// Creates the context of a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        identity = nil
        session = nil
        remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// JSON bodies are small; uploads are read with their own limit (`uploads.max_bytes`).
    public var maxUploadSize: Int { 8 * 1024 * 1024 }

    /// The caller, if their role is one of `roles`; 401 without a token, 403 for another role.
    public func require(_ roles: TokenRole...) throws -> Identity {
        guard let identity else { throw APIError.unauthorized }
        guard roles.contains(identity.role) else { throw APIError.forbidden(role: identity.role) }
        return identity
    }
}
