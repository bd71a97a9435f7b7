import Foundation
import Logging
import PostgresNIO

/// `SignInRepository` on the PostgreSQL store. A session or link is live only while its token is unrevoked; a link is
/// used once, even by two redemptions racing on two instances (the use is a conditional UPDATE, which the second waits
/// for and then finds done).
public struct PostgresSignInRepository: SignInRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    static let sessionColumns = "id, token_id, csrf, created_at, expires_at, revoked_at"
    static let linkColumns = "id, token_id, created_at, expires_at, used_at"

    public func createSession(_ session: WebSession, hash: String) throws {
        try store.wait { try await store.transaction { connection in try await Self.insert(session, hash: hash, on: connection, logger: store.logger) } }
    }

    public func session(hash: String, at now: Date) throws -> (session: WebSession, token: TokenRecord)? {
        let found = try store.wait {
            try await store.transaction { connection -> SessionAndToken? in
                guard let row = try await connection.query(
                    "SELECT \(unescaped: Self.sessionColumns) FROM web_session WHERE hash = \(hash)", logger: store.logger).collect().first
                else { return nil }
                let session = try Self.session(row)
                guard session.revokedAt == nil, session.expiresAt > now,
                      let token = try await Self.liveToken(session.tokenID, on: connection, logger: store.logger) else { return nil }
                return SessionAndToken(session: session, token: token)
            }
        }
        return found.map { ($0.session, $0.token) }
    }

    public func endSession(hash: String, at: Date) throws {
        try store.wait {
            try await store.rows("UPDATE web_session SET revoked_at = \(at.postgres) WHERE hash = \(hash) AND revoked_at IS NULL")
        }
    }

    public func createLink(_ link: SignInLink, hash: String) throws {
        try store.wait {
            try await store.rows("""
                INSERT INTO sign_in_link (id, hash, token_id, created_at, expires_at, used_at)
                VALUES (\(link.id), \(hash), \(link.tokenID), \(link.createdAt.postgres), \(link.expiresAt.postgres), \(link.usedAt.postgres))
                """)
        }
    }

    public func link(hash: String, at now: Date) throws -> (link: SignInLink, token: TokenRecord)? {
        let found = try store.wait {
            try await store.transaction { connection in try await Self.usableLink(hash: hash, at: now, on: connection, logger: store.logger) }
        }
        return found.map { ($0.link, $0.token) }
    }

    public func redeem(linkHash: String, session: (WebSession, hash: String), at now: Date) throws -> TokenRecord? {
        let (newSession, sessionHash) = session
        return try store.wait {
            try await store.transaction { connection -> TokenRecord? in
                guard let found = try await Self.usableLink(hash: linkHash, at: now, on: connection, logger: store.logger),
                      found.link.tokenID == newSession.tokenID else { return nil }
                let used = try await connection.query(
                    """
                    UPDATE sign_in_link SET used_at = \(now.postgres)
                    WHERE id = \(found.link.id) AND used_at IS NULL AND expires_at > \(now.postgres) RETURNING id
                    """,
                    logger: store.logger).collect()
                guard used.count == 1 else { return nil }
                try await Self.insert(newSession, hash: sessionHash, on: connection, logger: store.logger)
                return found.token
            }
        }
    }

    /// Newest first, then id in byte order (as SQLite orders them).
    public func outstandingLinks(at now: Date) throws -> [SignInLink] {
        try store.wait {
            try await store.rows("""
                SELECT \(unescaped: Self.linkColumns) FROM sign_in_link
                WHERE used_at IS NULL AND expires_at > \(now.postgres)
                    AND token_id IN (SELECT id FROM api_token WHERE revoked_at IS NULL)
                ORDER BY created_at DESC, id COLLATE "C"
                """).map(Self.link)
        }
    }

    public func withdrawLink(id: String, at now: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.wait {
            try await store.transaction { connection in
                // Expired now rather than deleted: the row stays, as every sign-in record does, for the audit trail.
                let ended = try await connection.query("""
                    UPDATE sign_in_link SET expires_at = \(now.postgres) WHERE id = \(id) AND used_at IS NULL AND expires_at > \(now.postgres)
                    RETURNING id
                    """, logger: store.logger).collect()
                guard !ended.isEmpty else { return false }
                try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
                return true
            }
        }
    }
}

extension PostgresSignInRepository {
    /// A session and its token, passed out of the bridged task (tuples with labels are not `Sendable`-checked).
    struct SessionAndToken: Sendable {
        let session: WebSession
        let token: TokenRecord
    }

    struct LinkAndToken: Sendable {
        let link: SignInLink
        let token: TokenRecord
    }

    static func insert(_ s: WebSession, hash: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO web_session (id, hash, token_id, csrf, created_at, expires_at, revoked_at)
            VALUES (\(s.id), \(hash), \(s.tokenID), \(s.csrf), \(s.createdAt.postgres), \(s.expiresAt.postgres), \(s.revokedAt.postgres))
            """, logger: logger)
    }

    /// The unused, unexpired link with this hash and its unrevoked token.
    static func usableLink(hash: String, at now: Date, on connection: PostgresConnection, logger: Logger) async throws -> LinkAndToken? {
        guard let row = try await connection.query(
            "SELECT \(unescaped: linkColumns) FROM sign_in_link WHERE hash = \(hash)", logger: logger).collect().first else { return nil }
        let link = try Self.link(row)
        guard link.usedAt == nil, link.expiresAt > now, let token = try await liveToken(link.tokenID, on: connection, logger: logger) else { return nil }
        return LinkAndToken(link: link, token: token)
    }

    static func liveToken(_ id: String, on connection: PostgresConnection, logger: Logger) async throws -> TokenRecord? {
        try await connection.query(
            "SELECT \(unescaped: PostgresTokenRepository.columns) FROM api_token WHERE id = \(id) AND revoked_at IS NULL", logger: logger
        ).collect().first.map(PostgresTokenRepository.token)
    }

    static func session(_ row: PostgresRow) throws -> WebSession {
        let (id, tokenID, csrf, createdAt, expiresAt, revokedAt) = try row.decode((String, String, String, PostgresTime, PostgresTime, PostgresTime?).self)
        return WebSession(id: id, tokenID: tokenID, csrf: csrf, createdAt: createdAt.date, expiresAt: expiresAt.date, revokedAt: revokedAt?.date)
    }

    static func link(_ row: PostgresRow) throws -> SignInLink {
        let (id, tokenID, createdAt, expiresAt, usedAt) = try row.decode((String, String, PostgresTime, PostgresTime, PostgresTime?).self)
        return SignInLink(id: id, tokenID: tokenID, createdAt: createdAt.date, expiresAt: expiresAt.date, usedAt: usedAt?.date)
    }
}
