import Foundation
import GRDB

/// API tokens, stored as the SHA-256 hex of the token.
public protocol TokenRepository: Sendable {
    /// Stores a token's record under its hash.
    func create(_ record: TokenRecord, hash: String, activity: [ActivityEntry]) throws
    /// The unrevoked token with this hash, or nil.
    func find(hash: String) throws -> TokenRecord?
    /// Every token record (never hashes), by creation time.
    func all() throws -> [TokenRecord]
    /// Revokes a token by id; returns false when there was none.
    func revoke(id: String, at: Date, activity: [ActivityEntry]) throws -> Bool
    /// Notes that the token was used at `at`; written at most once a minute per token.
    func markUsed(id: String, at: Date) throws
}

/// `TokenRepository` on the SQLite store.
public struct SQLiteTokenRepository: TokenRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func create(_ t: TokenRecord, hash: String, activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO api_token (id, hash, name, role, reviewer_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [t.id, hash, t.name, t.role.rawValue, t.reviewerID, t.createdAt.timeIntervalSince1970,
                                 StoreTime.value(t.revokedAt)])
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func find(hash: String) throws -> TokenRecord? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE hash = ? AND revoked_at IS NULL", arguments: [hash]).map(Self.token)
        }
    }

    public func all() throws -> [TokenRecord] {
        try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM api_token ORDER BY created_at, id").map(Self.token) }
    }

    public func revoke(id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [at.timeIntervalSince1970, id])
            guard db.changesCount > 0 else { return false }
            try ActivityLog.insert(activity, in: db)
            return true
        }
    }

    public func markUsed(id: String, at: Date) throws {
        let seconds = at.timeIntervalSince1970
        // Read first: most calls find the token used within the minute and need no write lock at all.
        let stale = try database.writer.read { db in
            try Bool.fetchOne(db, sql: "SELECT last_used_at IS NULL OR last_used_at < ? FROM api_token WHERE id = ?",
                              arguments: [seconds - 60, id]) ?? false
        }
        guard stale else { return }
        try database.writer.write { db in
            try db.execute(sql: "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
                           arguments: [seconds, id, seconds - 60])
        }
    }

    static func token(_ row: Row) throws -> TokenRecord {
        guard let role = TokenRole(rawValue: row["role"] as String? ?? "") else {
            throw ServiceStoreError.corrupt("api_token.role \(row["role"] as String? ?? "")")
        }
        return TokenRecord(id: row["id"], name: row["name"], role: role, reviewerID: row["reviewer_id"],
                           createdAt: try StoreTime.required(row, "created_at", of: "api_token \(row["id"] as String? ?? "")"), revokedAt: try StoreTime.date(row, "revoked_at", of: "api_token"),
                           lastUsedAt: try StoreTime.date(row, "last_used_at", of: "api_token"))
    }
}
