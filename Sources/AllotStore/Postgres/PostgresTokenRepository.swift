import Foundation
import PostgresNIO

/// `TokenRepository` on the PostgreSQL store. The work is async (postgres-nio); the protocol's synchronous methods
/// wait for it through `PostgresStore.wait`, and the async methods beside them are what an async protocol would call.
public struct PostgresTokenRepository: TokenRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func create(_ record: TokenRecord, hash: String, activity: [ActivityEntry]) throws {
        try store.wait { try await create(record, hash: hash, activity: activity) }
    }

    public func find(hash: String) throws -> TokenRecord? {
        try store.wait { try await find(hash: hash) }
    }

    public func all() throws -> [TokenRecord] {
        try store.wait { try await all() }
    }

    public func revoke(id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.wait { try await revoke(id: id, at: at, activity: activity) }
    }

    public func markUsed(id: String, at: Date) throws {
        try store.wait { try await markUsed(id: id, at: at) }
    }
}

extension PostgresTokenRepository {
    static let columns = "id, name, role, reviewer_id, created_at, revoked_at, last_used_at"

    /// Stores the token and its entries in one transaction; a taken id or hash is `ServiceStoreError.alreadyExists`.
    func create(_ t: TokenRecord, hash: String, activity: [ActivityEntry]) async throws {
        do {
            try await store.transaction { connection in
                try await connection.query("""
                    INSERT INTO api_token (id, hash, name, role, reviewer_id, created_at, revoked_at)
                    VALUES (\(t.id), \(hash), \(t.name), \(t.role.rawValue), \(t.reviewerID), \(t.createdAt.postgres), \(t.revokedAt.postgres))
                    """, logger: store.logger)
                try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            }
        } catch let error where PostgresStoreError.sqlState(of: error) == "23505" {
            throw ServiceStoreError.alreadyExists(kind: "token", id: t.id)
        }
    }

    func find(hash: String) async throws -> TokenRecord? {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM api_token WHERE hash = \(hash) AND revoked_at IS NULL")
            .first.map(Self.token)
    }

    /// By creation time, then id in byte order (COLLATE "C", as SQLite and the memory store order them, whatever the
    /// database's collation).
    func all() async throws -> [TokenRecord] {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM api_token ORDER BY created_at, id COLLATE \"C\"").map(Self.token)
    }

    /// Revokes an unrevoked token and keeps its entries, in one transaction; false (and no entries) when there was none.
    func revoke(id: String, at: Date, activity: [ActivityEntry]) async throws -> Bool {
        try await store.transaction { connection in
            let revoked = try await connection.query(
                "UPDATE api_token SET revoked_at = \(at.postgres) WHERE id = \(id) AND revoked_at IS NULL RETURNING id",
                logger: store.logger).collect()
            guard !revoked.isEmpty else { return false }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return true
        }
    }

    /// One conditional UPDATE: when the token was used within the minute it matches no row, which costs PostgreSQL
    /// no more than a read (no row is locked or written).
    func markUsed(id: String, at: Date) async throws {
        _ = try await store.rows("""
            UPDATE api_token SET last_used_at = \(at.postgres)
            WHERE id = \(id) AND (last_used_at IS NULL OR last_used_at < \(at.addingTimeInterval(-60).postgres))
            """)
    }

    static func token(_ row: PostgresRow) throws -> TokenRecord {
        let (id, name, roleText, reviewerID, createdAt, revokedAt, lastUsedAt) = try row.decode(
            (String, String, String, String?, PostgresTime, PostgresTime?, PostgresTime?).self)
        guard let role = TokenRole(rawValue: roleText) else { throw ServiceStoreError.corrupt("api_token.role \(roleText)") }
        return TokenRecord(id: id, name: name, role: role, reviewerID: reviewerID, createdAt: createdAt.date,
                           revokedAt: revokedAt?.date, lastUsedAt: lastUsedAt?.date)
    }
}
