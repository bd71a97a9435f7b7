/// What webhook delivery can fail with.
public enum WebhookError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The URL is not an absolute http(s) URL.
    case invalidURL(String)
    /// A signing secret is not `whsec_` followed by base64.
    case invalidSecret(String)
    /// The target resolves to a non-public address that is not allow-listed.
    case targetRefused(url: String, address: String, range: String)
    /// The host name did not resolve.
    case unresolvable(host: String, reason: String)
    /// No connection could be made (refused, unreachable).
    case connectionFailed(url: String, detail: String)
    /// Connect or total timeout elapsed.
    case timedOut(url: String, detail: String)
    /// Any other libcurl failure.
    case transport(code: Int, detail: String)
    /// libcurl could not be set up.
    case curlUnavailable(String)
    /// The delivery client was shut down.
    case shutDown
    /// `Config/webhooks.yaml` (or another config source) is wrong.
    case invalidConfig(String)
    /// The event data cannot be encoded as JSON.
    case encoding(String)
    /// A signature does not verify.
    case signatureMismatch(String)
    /// `allot webhooks send` stopped without a 2xx.
    case gaveUp(attempts: Int, last: String)

    /// The message, with any URL's password shown as `***` (it is logged and stored as the delivery's last error).
    public var description: String { URLRedaction.redactedText(unredacted) }

    private var unredacted: String {
        switch self {
        case let .invalidURL(url): "webhook URL \(url) is not an absolute http:// or https:// URL"
        case let .invalidSecret(reason): "invalid webhook secret: \(reason) (expected whsec_ followed by base64)"
        case let .targetRefused(url, address, range):
            "refusing to send to \(url): it resolves to \(address), a \(range) address; to allow it, add "
                + "\"\(address)/\(address.contains(":") ? 128 : 32)\" to allow_targets in Config/webhooks.yaml "
                + "(or pass --allow-target \(address)/\(address.contains(":") ? 128 : 32) to allot webhooks send)"
        case let .unresolvable(host, reason): "cannot resolve \(host): \(reason)"
        case let .connectionFailed(url, detail): "cannot connect to \(url): \(detail)"
        case let .timedOut(url, detail): "request to \(url) timed out: \(detail)"
        case let .transport(code, detail): "libcurl error \(code): \(detail)"
        case let .curlUnavailable(reason): "libcurl is unavailable: \(reason)"
        case .shutDown: "the webhook client has been shut down"
        case let .invalidConfig(reason): "invalid webhook configuration: \(reason)"
        case let .encoding(reason): "cannot encode the webhook payload: \(reason)"
        case let .signatureMismatch(reason): "webhook signature does not verify: \(reason)"
        case let .gaveUp(attempts, last): "gave up after \(attempts) attempt(s); last failure: \(last)"
        }
    }
}
