import Crypto
import Foundation

/// Signs messages the Standard Webhooks way: `v1,` + base64(HMAC-SHA256(key, "id.timestamp.body")).
public struct WebhookSigner: Sendable {
    /// Every current secret; during rotation each one adds a signature, so receivers holding either verify.
    public let secrets: [WebhookSecret]

    /// Creates a signer for one or more secrets.
    public init(secrets: [WebhookSecret]) {
        self.secrets = secrets
    }

    /// Parses `whsec_...` texts.
    public init(secretTexts: [String]) throws {
        guard !secretTexts.isEmpty else { throw WebhookError.invalidSecret("no secret given") }
        secrets = try secretTexts.map(WebhookSecret.init)
    }

    /// The `webhook-signature` value: space-separated `v1,<base64>` entries, one per secret.
    public func signature(id: String, timestamp: Int, body: Data) -> String {
        secrets.map { Self.sign(id: id, timestamp: timestamp, body: body, key: $0.key) }.joined(separator: " ")
    }

    /// The three Standard Webhooks headers for one attempt.
    public func headers(id: String, timestamp: Int, body: Data) -> [(name: String, value: String)] {
        [
            ("webhook-id", id),
            ("webhook-timestamp", String(timestamp)),
            ("webhook-signature", signature(id: id, timestamp: timestamp, body: body)),
        ]
    }

    static func sign(id: String, timestamp: Int, body: Data, key: SymmetricKey) -> String {
        var content = Data("\(id).\(timestamp).".utf8)
        content.append(body)
        let mac = HMAC<SHA256>.authenticationCode(for: content, using: key)
        return "v1," + Data(mac).base64EncodedString()
    }
}

/// Checks Standard Webhooks signatures as a receiver would.
public enum WebhookVerifier {
    /// Throws unless one `v1` entry of `signatureHeader` matches `secret` and the timestamp is within `tolerance`
    /// of `now`.
    public static func verify(
        id: String, timestamp: String, body: Data, signatureHeader: String, secret: WebhookSecret,
        now: Date, tolerance: TimeInterval = 300
    ) throws {
        guard let seconds = Int(timestamp) else { throw WebhookError.signatureMismatch("timestamp \(timestamp)") }
        guard abs(now.timeIntervalSince1970 - TimeInterval(seconds)) <= tolerance else {
            throw WebhookError.signatureMismatch("timestamp \(timestamp) is outside the tolerance")
        }
        let content = Data("\(id).\(seconds).".utf8) + body
        for entry in signatureHeader.split(separator: " ") where entry.hasPrefix("v1,") {
            guard let mac = Data(base64Encoded: String(entry.dropFirst(3))) else { continue }
            // Constant-time comparison.
            if HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: content, using: secret.key) { return }
        }
        throw WebhookError.signatureMismatch("no v1 signature matches the secret")
    }
}
