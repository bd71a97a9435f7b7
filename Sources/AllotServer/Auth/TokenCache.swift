import AllotStore
import Foundation
import Logging
import Synchronization

/// Recently checked tokens by hash, so a busy client costs no store read per request. Entries live a few seconds:
/// a revoked token stops working within that time.
final class TokenCache: Sendable {
    private struct Entry {
        let record: TokenRecord
        let expires: ContinuousClock.Instant
    }

    private let entries = Mutex<[String: Entry]>([:])
    private let lifetime: Duration

    init(lifetime: Duration = .seconds(5)) { self.lifetime = lifetime }

    /// The cached record of `hash`, or nil when absent or expired.
    func record(hash: String) -> TokenRecord? {
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[hash] else { return nil }
            guard entry.expires > now else {
                entries[hash] = nil
                return nil
            }
            return entry.record
        }
    }

    /// Remembers a checked token; the cache is bounded, emptied when it grows past 10,000 tokens.
    func store(_ record: TokenRecord, hash: String) {
        let expires = ContinuousClock.now + lifetime
        entries.withLock { entries in
            if entries.count >= 10_000 { entries.removeAll() }
            entries[hash] = Entry(record: record, expires: expires)
        }
    }
}

/// A token's last use, for the admin page. Failing to note it never fails the request it came with.
enum TokenUse {
    static func mark(_ id: String, in tokens: some TokenRepository, at: Date, logger: Logger) {
        do { try tokens.markUsed(id: id, at: at) } catch {
            logger.warning("Token use not recorded", metadata: ["token_id": "\(id)", "error": "\(error)"])
        }
    }
}
