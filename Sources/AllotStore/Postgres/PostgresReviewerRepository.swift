import Foundation
import PostgresNIO

/// `ReviewerRepository` on the PostgreSQL store (`reviewer`).
public struct PostgresReviewerRepository: ReviewerRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func save(_ reviewer: ReviewerRecord, at: Date) throws {
        try store.wait { try await save(reviewer, at: at) }
    }

    public func all() throws -> [ReviewerRecord] {
        try store.wait { try await all() }
    }

    public func find(_ id: String) throws -> ReviewerRecord? {
        try store.wait { try await find(id) }
    }
}

extension PostgresReviewerRepository {
    /// One upsert, as SQLite's: a new reviewer is created at `at`; a known one keeps its creation time and takes the
    /// new name and email.
    func save(_ r: ReviewerRecord, at: Date) async throws {
        try await store.rows("""
            INSERT INTO reviewer (id, name, email, created_at) VALUES (\(r.id), \(r.name), \(r.email), \(at.postgres))
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email
            """)
    }

    /// By id in byte order (COLLATE "C", as SQLite orders them).
    func all() async throws -> [ReviewerRecord] {
        try await store.rows("SELECT id, name, email FROM reviewer ORDER BY id COLLATE \"C\"").map(Self.reviewer)
    }

    func find(_ id: String) async throws -> ReviewerRecord? {
        try await store.rows("SELECT id, name, email FROM reviewer WHERE id = \(id)").first.map(Self.reviewer)
    }

    static func reviewer(_ row: PostgresRow) throws -> ReviewerRecord {
        let (id, name, email) = try row.decode((String, String, String?).self)
        return ReviewerRecord(id: id, name: name, email: email)
    }
}
