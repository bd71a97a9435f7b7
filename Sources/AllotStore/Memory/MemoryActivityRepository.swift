import Foundation

/// `ActivityRepository` in memory: entries numbered in the order they were kept, read newest first.
public struct MemoryActivityRepository: ActivityRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func record(_ entries: [ActivityEntry]) throws {
        guard !entries.isEmpty else { return }
        try store.write { $0.keep(entries) }
    }

    public func entries(_ filter: ActivityFilter) throws -> [ActivityEntry] {
        store.read { tables in
            let actor = filter.actor.flatMap { $0.isEmpty ? nil : $0.lowercased() }
            let selected = tables.activity.reversed().lazy.filter { e in
                (filter.action.map { e.action == $0 } ?? true)
                    && (filter.round.map { e.round == $0 } ?? true)
                    // A literal match in any case, as the SQL stores' instr(lower(...)) is.
                    && (actor.map { e.actor.lowercased().contains($0) } ?? true)
                    && (filter.since.map { e.at >= $0 } ?? true)
                    && (filter.until.map { e.at < $0 } ?? true)
                    && (filter.olderThan.map { (e.id ?? 0) < $0 } ?? true)
            }
            return Array(selected.prefix(max(0, filter.limit)))
        }
    }
}
