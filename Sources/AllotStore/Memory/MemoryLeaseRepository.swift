import Foundation
import Synchronization

/// `LeaseRepository` in memory: the leases of one process (tests, and a daemon with no store shared with others). It
/// keeps the same promises as `SQLiteLeaseRepository`; the contract suite runs against both.
public final class MemoryLeaseRepository: LeaseRepository {
    private let leases = Mutex([String: (holder: String, expiresAt: Date)]())

    public init() {}

    public func acquire(_ name: LeaseName, holder: String, until: Date, now: Date) throws -> Bool {
        leases.withLock { leases in
            if let held = leases[name.key], held.expiresAt > now, held.holder != holder { return false }
            leases[name.key] = (holder, until)
            return true
        }
    }

    public func renew(_ name: LeaseName, holder: String, until: Date) throws -> Bool {
        leases.withLock { leases in
            guard leases[name.key]?.holder == holder else { return false }
            leases[name.key] = (holder, until)
            return true
        }
    }

    public func release(_ name: LeaseName, holder: String) throws {
        leases.withLock { leases in
            if leases[name.key]?.holder == holder { leases[name.key] = nil }
        }
    }

    public func releaseEarlierLives(of holder: LeaseHolder) throws -> Int {
        leases.withLock { leases in
            let earlier = leases.filter { Self.isEarlierLife($0.value.holder, of: holder) }.map(\.key)
            for name in earlier { leases[name] = nil }
            return earlier.count
        }
    }

    public func holder(of name: LeaseName, now: Date) throws -> String? {
        leases.withLock { leases in
            guard let held = leases[name.key], held.expiresAt > now else { return nil }
            return held.holder
        }
    }
}
