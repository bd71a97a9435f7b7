import Foundation
import GRDB

/// API tokens, stored as the SHA-256 hex of the token.
public protocol TokenRepository: Sendable {
    /// Stores a token's record under its hash.
    func create(_ record: TokenRecord, hash: String) throws
    /// The unrevoked token with this hash, or nil.
    func find(hash: String) throws -> TokenRecord?
    /// Every token record (never hashes), by creation time.
    func all() throws -> [TokenRecord]
    /// Revokes a token by id; returns false when there was none.
    func revoke(id: String, at: Date) throws -> Bool
}

/// `TokenRepository` on the SQLite store.
public struct SQLiteTokenRepository: TokenRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func create(_ t: TokenRecord, hash: String) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO api_token (id, hash, name, role, reviewer_id, created_at, revoked_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [t.id, hash, t.name, t.role.rawValue, t.reviewerID, t.createdAt.timeIntervalSince1970,
                                 StoreTime.value(t.revokedAt)])
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

    public func revoke(id: String, at: Date) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                           arguments: [at.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    static func token(_ row: Row) throws -> TokenRecord {
        guard let role = TokenRole(rawValue: row["role"] as String? ?? "") else {
            throw ServiceStoreError.corrupt("api_token.role \(row["role"] as String? ?? "")")
        }
        return TokenRecord(id: row["id"], name: row["name"], role: role, reviewerID: row["reviewer_id"],
                           createdAt: try StoreTime.required(row, "created_at", of: "api_token \(row["id"] as String? ?? "")"), revokedAt: try StoreTime.date(row, "revoked_at", of: "api_token"))
    }
}
