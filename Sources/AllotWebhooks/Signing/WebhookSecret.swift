import Crypto
import Foundation

/// A Standard Webhooks signing secret: `whsec_` followed by the base64 of the key bytes.
public struct WebhookSecret: Sendable, Equatable, CustomStringConvertible {
    /// The HMAC key.
    public let key: SymmetricKey
    /// The text form, `whsec_...`.
    public let text: String

    /// Parses `whsec_<base64>`.
    public init(_ text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.hasPrefix("whsec_") else { throw WebhookError.invalidSecret("missing whsec_ prefix") }
        guard let bytes = Data(base64Encoded: String(trimmed.dropFirst("whsec_".count))), !bytes.isEmpty else {
            throw WebhookError.invalidSecret("the part after whsec_ is not base64")
        }
        key = SymmetricKey(data: bytes)
        self.text = trimmed
    }

    /// A new random 24-byte secret.
    public static func generate() -> WebhookSecret {
        WebhookSecret(keyBytes: SymmetricKey(size: .init(bitCount: 192)).withUnsafeBytes { Data($0) })
    }

    private init(keyBytes: Data) {
        key = SymmetricKey(data: keyBytes)
        text = "whsec_" + keyBytes.base64EncodedString()
    }

    /// Never prints the key.
    public var description: String { "whsec_…" }

    public static func == (lhs: WebhookSecret, rhs: WebhookSecret) -> Bool { lhs.text == rhs.text }
}
