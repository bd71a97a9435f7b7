import Foundation
import GRDB

/// A browser signed in to the web app as one token. The cookie holds the session's secret; the store holds its
/// SHA-256 (`hash`), so a copy of the store signs no one in.
public struct WebSession: Sendable, Equatable {
    /// A public name for the session (lists, logs); never the secret.
    public var id: String
    public var tokenID: String
    /// The session's CSRF token: every form that changes state posts it back.
    public var csrf: String
    public var createdAt: Date
    public var expiresAt: Date
    public var revokedAt: Date?

    /// Creates a session record.
    public init(id: String, tokenID: String, csrf: String, createdAt: Date, expiresAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.tokenID = tokenID
        self.csrf = csrf
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.revokedAt = revokedAt
    }
}

/// A one-time sign-in link (`PUBLIC_URL/sign-in/CODE`) for a token; only the code's SHA-256 is stored.
public struct SignInLink: Sendable, Equatable, Codable {
    public var id: String
    public var tokenID: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?

    /// Creates a link record.
    public init(id: String, tokenID: String, createdAt: Date, expiresAt: Date, usedAt: Date? = nil) {
        self.id = id
        self.tokenID = tokenID
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.usedAt = usedAt
    }
}

/// Web sessions and sign-in links. A session or link is live only while its token is unrevoked.
public protocol SignInRepository: Sendable {
    /// Stores a new session under the hash of its secret.
    func createSession(_ session: WebSession, hash: String) throws
    /// The live session with this hash (unrevoked, unexpired at `now`, its token unrevoked) and its token.
    func session(hash: String, at now: Date) throws -> (session: WebSession, token: TokenRecord)?
    /// Ends a session (signing out); ending one already ended does nothing.
    func endSession(hash: String, at: Date) throws
    /// Stores a new sign-in link under the hash of its code.
    func createLink(_ link: SignInLink, hash: String) throws
    /// The unused, unexpired link with this hash and its unrevoked token, without using it.
    func link(hash: String, at now: Date) throws -> (link: SignInLink, token: TokenRecord)?
    /// Uses a link: marks it used and stores `session` for its token in one transaction. Nil (and nothing stored)
    /// when the link is unknown, used, expired or its token revoked, so a link signs in once.
    func redeem(linkHash: String, session: (WebSession, hash: String), at now: Date) throws -> TokenRecord?
    /// Links not yet used nor expired at `now`, newest first (an administrator's list of what could still sign someone in).
    func outstandingLinks(at now: Date) throws -> [SignInLink]
    /// Ends an outstanding link at `now` with `activity` in the same transaction; false when it was not outstanding.
    func withdrawLink(id: String, at now: Date, activity: [ActivityEntry]) throws -> Bool
}

/// `SignInRepository` on the SQLite store.
public struct SQLiteSignInRepository: SignInRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func createSession(_ session: WebSession, hash: String) throws {
        try database.writer.write { db in try SessionRow(session, hash: hash).insert(db) }
    }

    public func session(hash: String, at now: Date) throws -> (session: WebSession, token: TokenRecord)? {
        try database.writer.read { db in
            guard let row = try SessionRow.filter(Column("hash") == hash).fetchOne(db), row.revoked_at == nil,
                  row.expires_at > now.timeIntervalSince1970,
                  let token = try liveToken(row.token_id, db) else { return nil }
            return (try row.session(), token)
        }
    }

    public func endSession(hash: String, at: Date) throws {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE web_session SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL",
                           arguments: [at.timeIntervalSince1970, hash])
        }
    }

    public func createLink(_ link: SignInLink, hash: String) throws {
        try database.writer.write { db in try LinkRow(link, hash: hash).insert(db) }
    }

    public func link(hash: String, at now: Date) throws -> (link: SignInLink, token: TokenRecord)? {
        try database.writer.read { db in try usableLink(hash: hash, at: now, db) }
    }

    public func redeem(linkHash: String, session: (WebSession, hash: String), at now: Date) throws -> TokenRecord? {
        try database.writer.write { db in
            guard let (link, token) = try usableLink(hash: linkHash, at: now, db), link.tokenID == session.0.tokenID else { return nil }
            try db.execute(sql: "UPDATE sign_in_link SET used_at = ? WHERE id = ? AND used_at IS NULL", arguments: [now.timeIntervalSince1970, link.id])
            guard db.changesCount == 1 else { return nil }
            try SessionRow(session.0, hash: session.hash).insert(db)
            return token
        }
    }

    public func outstandingLinks(at now: Date) throws -> [SignInLink] {
        try database.writer.read { db in
            // A revoked token's links sign no one in (usableLink checks the token too), so they are not outstanding.
            try LinkRow.filter(Column("used_at") == nil && Column("expires_at") > now.timeIntervalSince1970)
                .filter(sql: "token_id IN (SELECT id FROM api_token WHERE revoked_at IS NULL)")
                .order(Column("created_at").desc, Column("id")).fetchAll(db).map { try $0.link() }
        }
    }

    public func withdrawLink(id: String, at now: Date, activity: [ActivityEntry]) throws -> Bool {
        try database.writer.write { db in
            // Expired now rather than deleted: the row stays, as every sign-in record does, for the audit trail.
            try db.execute(sql: "UPDATE sign_in_link SET expires_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
                           arguments: [now.timeIntervalSince1970, id, now.timeIntervalSince1970])
            guard db.changesCount > 0 else { return false }
            try ActivityLog.insert(activity, in: db)
            return true
        }
    }

    private func usableLink(hash: String, at now: Date, _ db: Database) throws -> (link: SignInLink, token: TokenRecord)? {
        guard let row = try LinkRow.filter(Column("hash") == hash).fetchOne(db), row.used_at == nil, row.expires_at > now.timeIntervalSince1970,
              let token = try liveToken(row.token_id, db) else { return nil }
        return (try row.link(), token)
    }

    private func liveToken(_ id: String, _ db: Database) throws -> TokenRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM api_token WHERE id = ? AND revoked_at IS NULL", arguments: [id]).map(SQLiteTokenRepository.token)
    }
}

/// `web_session` as stored (columns by name; times as REAL Unix seconds like every table).
private struct SessionRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "web_session"
    var id: String
    var hash: String
    var token_id: String
    var csrf: String
    var created_at: Double
    var expires_at: Double
    var revoked_at: Double?

    init(_ s: WebSession, hash: String) {
        id = s.id
        self.hash = hash
        token_id = s.tokenID
        csrf = s.csrf
        created_at = s.createdAt.timeIntervalSince1970
        expires_at = s.expiresAt.timeIntervalSince1970
        revoked_at = s.revokedAt?.timeIntervalSince1970
    }

    func session() throws -> WebSession {
        guard created_at.isFinite, expires_at.isFinite else { throw ServiceStoreError.corrupt("web_session \(id) times") }
        return WebSession(id: id, tokenID: token_id, csrf: csrf, createdAt: Date(timeIntervalSince1970: created_at),
                          expiresAt: Date(timeIntervalSince1970: expires_at), revokedAt: revoked_at.map { Date(timeIntervalSince1970: $0) })
    }
}

/// `sign_in_link` as stored.
private struct LinkRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "sign_in_link"
    var id: String
    var hash: String
    var token_id: String
    var created_at: Double
    var expires_at: Double
    var used_at: Double?

    init(_ l: SignInLink, hash: String) {
        id = l.id
        self.hash = hash
        token_id = l.tokenID
        created_at = l.createdAt.timeIntervalSince1970
        expires_at = l.expiresAt.timeIntervalSince1970
        used_at = l.usedAt?.timeIntervalSince1970
    }

    func link() throws -> SignInLink {
        guard created_at.isFinite, expires_at.isFinite else { throw ServiceStoreError.corrupt("sign_in_link \(id) times") }
        return SignInLink(id: id, tokenID: token_id, createdAt: Date(timeIntervalSince1970: created_at),
                          expiresAt: Date(timeIntervalSince1970: expires_at), usedAt: used_at.map { Date(timeIntervalSince1970: $0) })
    }
}
