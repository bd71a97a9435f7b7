import Foundation

/// `LeaseRepository` in memory: the leases of one process (tests, and a daemon with no store shared with others). It
/// keeps the same promises as `SQLiteLeaseRepository`; the contract suite runs against both.
public struct MemoryLeaseRepository: LeaseRepository {
    public let store: MemoryStore

    /// A repository on `store`, whose runs read its leases.
    public init(_ store: MemoryStore) { self.store = store }

    /// A repository on a store of its own.
    public init() { self.init(MemoryStore()) }

    public func acquire(_ name: LeaseName, holder: String, until: Date, now: Date) throws -> Bool {
        try store.write { tables in
            if let held = tables.leases[name.key], held.expiresAt > now, held.holder != holder { return false }
            tables.leases[name.key] = (holder, until)
            return true
        }
    }

    public func renew(_ name: LeaseName, holder: String, until: Date) throws -> Bool {
        try store.write { tables in
            guard tables.leases[name.key]?.holder == holder else { return false }
            tables.leases[name.key] = (holder, until)
            return true
        }
    }

    public func release(_ name: LeaseName, holder: String) throws {
        try store.write { tables in
            if tables.leases[name.key]?.holder == holder { tables.leases[name.key] = nil }
        }
    }

    public func releaseEarlierLives(of holder: LeaseHolder) throws -> Int {
        try store.write { tables in
            let earlier = tables.leases.filter { Self.isEarlierLife($0.value.holder, of: holder) }.map(\.key)
            for name in earlier { tables.leases[name] = nil }
            return earlier.count
        }
    }

    public func holder(of name: LeaseName, now: Date) throws -> String? {
        store.read { tables in
            guard let held = tables.leases[name.key], held.expiresAt > now else { return nil }
            return held.holder
        }
    }
}
