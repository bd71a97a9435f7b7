import Foundation

/// `TokenRepository` in memory. It keeps the same promises as `SQLiteTokenRepository` (the contract suite runs against
/// both): a change and its activity entries are kept together, lookups find unrevoked tokens only, and use is noted at
/// most once a minute.
public struct MemoryTokenRepository: TokenRepository {
    public let store: MemoryStore

    /// A repository on `store`, whose sign-in sessions and activity log it shares.
    public init(_ store: MemoryStore) { self.store = store }

    /// A repository on a store of its own.
    public init() { self.init(MemoryStore()) }

    /// The activity entries kept with the changes, oldest first.
    public var activity: [ActivityEntry] { store.activity }

    public func create(_ record: TokenRecord, hash: String, activity: [ActivityEntry]) throws {
        try store.write { tables in
            if tables.tokens.contains(where: { $0.record.id == record.id || $0.hash == hash }) {
                throw ServiceStoreError.alreadyExists(kind: "token", id: record.id)
            }
            var stored = record
            stored.lastUsedAt = nil  // as the SQL stores' INSERT: use is noted by `markUsed` only
            tables.tokens.append((stored, hash))
            tables.keep(activity)
        }
    }

    public func find(hash: String) throws -> TokenRecord? {
        store.read { tables in tables.tokens.first { $0.hash == hash && $0.record.revokedAt == nil }?.record }
    }

    public func all() throws -> [TokenRecord] {
        store.read { tables in
            tables.tokens.map(\.record).sorted { a, b in a.createdAt != b.createdAt ? a.createdAt < b.createdAt : ByteOrder.less(a.id, b.id) }
        }
    }

    public func revoke(id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.write { tables in
            guard let i = tables.tokens.firstIndex(where: { $0.record.id == id && $0.record.revokedAt == nil }) else { return false }
            tables.tokens[i].record.revokedAt = at
            tables.keep(activity)
            return true
        }
    }

    public func markUsed(id: String, at: Date) throws {
        try store.write { tables in
            guard let i = tables.tokens.firstIndex(where: { $0.record.id == id }) else { return }
            if let last = tables.tokens[i].record.lastUsedAt, last >= at.addingTimeInterval(-60) { return }
            tables.tokens[i].record.lastUsedAt = at
        }
    }
}
