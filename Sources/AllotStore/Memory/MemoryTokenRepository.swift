import Foundation
import Synchronization

/// `TokenRepository` in memory, for tests and for a daemon that needs no store of tokens beyond its life. It keeps the
/// same promises as `SQLiteTokenRepository` (the contract suite runs against both): a change and its activity entries
/// are kept together, lookups find unrevoked tokens only, and use is noted at most once a minute.
public final class MemoryTokenRepository: TokenRepository {
    private struct State {
        var tokens: [(record: TokenRecord, hash: String)] = []
        var activity: [ActivityEntry] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The activity entries kept with the changes, oldest first.
    public var activity: [ActivityEntry] { state.withLock { $0.activity } }

    public func create(_ record: TokenRecord, hash: String, activity: [ActivityEntry]) throws {
        try state.withLock { s in
            if s.tokens.contains(where: { $0.record.id == record.id || $0.hash == hash }) {
                throw ServiceStoreError.alreadyExists(kind: "token", id: record.id)
            }
            s.tokens.append((record, hash))
            s.activity += activity
        }
    }

    public func find(hash: String) throws -> TokenRecord? {
        state.withLock { s in s.tokens.first { $0.hash == hash && $0.record.revokedAt == nil }?.record }
    }

    public func all() throws -> [TokenRecord] {
        state.withLock { s in s.tokens.map(\.record).sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) } }
    }

    public func revoke(id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        state.withLock { s in
            guard let i = s.tokens.firstIndex(where: { $0.record.id == id && $0.record.revokedAt == nil }) else { return false }
            s.tokens[i].record.revokedAt = at
            s.activity += activity
            return true
        }
    }

    public func markUsed(id: String, at: Date) throws {
        state.withLock { s in
            guard let i = s.tokens.firstIndex(where: { $0.record.id == id }) else { return }
            if let last = s.tokens[i].record.lastUsedAt, last >= at.addingTimeInterval(-60) { return }
            s.tokens[i].record.lastUsedAt = at
        }
    }
}
