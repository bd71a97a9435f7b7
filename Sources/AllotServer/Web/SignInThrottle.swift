import Foundation
import Synchronization

/// Failed sign-ins per address: after `limit` failures within `window`, that address is refused until the oldest
/// failure leaves the window. In memory, per instance: a restart forgets (a guess still needs 2^256 tries).
final class SignInThrottle: Sendable {
    private let failures = Mutex<[String: [Date]]>([:])
    let limit: Int
    let window: TimeInterval

    init(limit: Int = 10, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    /// Whether `address` may try to sign in at `now`.
    func allows(_ address: String?, at now: Date) -> Bool {
        let key = address ?? "unknown"
        return failures.withLock { all in
            let recent = (all[key] ?? []).filter { now.timeIntervalSince($0) < window }
            all[key] = recent.isEmpty ? nil : recent
            return recent.count < limit
        }
    }

    /// Counts a failed sign-in from `address`. The table is bounded: emptied when it holds 100,000 addresses.
    func fail(_ address: String?, at now: Date) {
        let key = address ?? "unknown"
        failures.withLock { all in
            if all.count >= 100_000 { all.removeAll() }
            all[key, default: []].append(now)
        }
    }
}
