import Foundation

/// `ReviewerRepository` in memory.
public struct MemoryReviewerRepository: ReviewerRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func save(_ reviewer: ReviewerRecord, at: Date) throws {
        try store.write { $0.reviewers[reviewer.id] = reviewer }
    }

    public func all() throws -> [ReviewerRecord] {
        store.read { $0.reviewers.values.sorted { ByteOrder.less($0.id, $1.id) } }
    }

    public func find(_ id: String) throws -> ReviewerRecord? {
        store.read { $0.reviewers[id] }
    }
}
