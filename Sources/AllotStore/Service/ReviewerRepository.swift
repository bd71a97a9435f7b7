import Foundation
import GRDB

/// The reviewers known to the daemon.
public protocol ReviewerRepository: Sendable {
    /// Stores or updates a reviewer.
    func save(_ reviewer: ReviewerRecord, at: Date) throws
    /// Every reviewer, by id.
    func all() throws -> [ReviewerRecord]
    /// One reviewer, or nil.
    func find(_ id: String) throws -> ReviewerRecord?
}

/// `ReviewerRepository` on the SQLite store.
public struct SQLiteReviewerRepository: ReviewerRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func save(_ r: ReviewerRecord, at: Date) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO reviewer (id, name, email, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email
                """, arguments: [r.id, r.name, r.email, at.timeIntervalSince1970])
        }
    }

    public func all() throws -> [ReviewerRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, name, email FROM reviewer ORDER BY id").map(Self.reviewer)
        }
    }

    public func find(_ id: String) throws -> ReviewerRecord? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT id, name, email FROM reviewer WHERE id = ?", arguments: [id]).map(Self.reviewer)
        }
    }

    static func reviewer(_ row: Row) -> ReviewerRecord { ReviewerRecord(id: row["id"], name: row["name"], email: row["email"]) }
}
