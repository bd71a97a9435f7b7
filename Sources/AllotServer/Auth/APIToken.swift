import AllotStore
import Crypto
import Foundation

/// API tokens: `allot_` and 32 random bytes in base64url; only their SHA-256 is stored.
public enum APIToken {
    /// The prefix every token carries (so a leaked token is recognisable by secret scanners).
    public static let prefix = "allot_"

    /// A new random token.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return prefix + base64URL(bytes)
    }

    /// The stored form: SHA-256 hex of the token's UTF-8 bytes.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates and stores a token, with its entry in the activity log naming `actor` (who made it: a token's audit name,
    /// or the command that did); returns the token (shown once) and its record.
    public static func issue(role: TokenRole, name: String, reviewerID: String?, in tokens: some TokenRepository, actor: String,
                             now: Date = Date()) throws -> (token: String, record: TokenRecord) {
        let token = generate()
        let record = TokenRecord(id: "tok_" + String(hash(token).prefix(12)), name: name, role: role, reviewerID: reviewerID, createdAt: now)
        let entry = ActivityEntry(at: now, actor: actor, action: .tokenCreated, subject: record.id,
                                  summary: "made a token for \(name), role \(role.rawValue)", after: try ActivityEntry.json(record))
        try tokens.create(record, hash: hash(token), activity: [entry])
        return (token, record)
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
