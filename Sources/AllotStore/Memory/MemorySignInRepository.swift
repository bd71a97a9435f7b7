import Foundation

/// `SignInRepository` in memory. A session or link is live only while its token is unrevoked, read from the same
/// tables as `MemoryTokenRepository`'s.
public struct MemorySignInRepository: SignInRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func createSession(_ session: WebSession, hash: String) throws {
        try store.write { tables in try Self.insert(session, hash: hash, into: &tables) }
    }

    public func session(hash: String, at now: Date) throws -> (session: WebSession, token: TokenRecord)? {
        store.read { tables in
            guard let session = tables.sessions[hash], session.revokedAt == nil, session.expiresAt > now,
                  let token = tables.liveToken(session.tokenID) else { return nil }
            return (session, token)
        }
    }

    public func endSession(hash: String, at: Date) throws {
        try store.write { tables in
            if tables.sessions[hash]?.revokedAt == nil { tables.sessions[hash]?.revokedAt = at }
        }
    }

    public func createLink(_ link: SignInLink, hash: String) throws {
        try store.write { tables in
            guard tables.tokens.contains(where: { $0.record.id == link.tokenID }) else { throw ServiceStoreError.notFound(kind: "token", id: link.tokenID) }
            guard tables.links[hash] == nil, !tables.links.values.contains(where: { $0.id == link.id }) else {
                throw ServiceStoreError.alreadyExists(kind: "sign-in link", id: link.id)
            }
            tables.links[hash] = link
        }
    }

    public func link(hash: String, at now: Date) throws -> (link: SignInLink, token: TokenRecord)? {
        store.read { Self.usableLink(hash: hash, at: now, in: $0) }
    }

    public func redeem(linkHash: String, session: (WebSession, hash: String), at now: Date) throws -> TokenRecord? {
        try store.write { tables in
            guard let (link, token) = Self.usableLink(hash: linkHash, at: now, in: tables), link.tokenID == session.0.tokenID else { return nil }
            tables.links[linkHash]?.usedAt = now
            try Self.insert(session.0, hash: session.hash, into: &tables)
            return token
        }
    }

    public func outstandingLinks(at now: Date) throws -> [SignInLink] {
        store.read { tables in
            // A revoked token's links sign no one in, so they are not outstanding.
            tables.links.values.filter { $0.usedAt == nil && $0.expiresAt > now && tables.liveToken($0.tokenID) != nil }
                .sorted { a, b in a.createdAt != b.createdAt ? a.createdAt > b.createdAt : ByteOrder.less(a.id, b.id) }
        }
    }

    public func withdrawLink(id: String, at now: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.write { tables in
            // Expired now rather than deleted: the record stays, as every sign-in record does, for the audit trail.
            guard let hash = tables.links.first(where: { $0.value.id == id && $0.value.usedAt == nil && $0.value.expiresAt > now })?.key else {
                return false
            }
            tables.links[hash]?.expiresAt = now
            tables.keep(activity)
            return true
        }
    }

    private static func insert(_ session: WebSession, hash: String, into tables: inout MemoryTables) throws {
        guard tables.tokens.contains(where: { $0.record.id == session.tokenID }) else {
            throw ServiceStoreError.notFound(kind: "token", id: session.tokenID)
        }
        guard tables.sessions[hash] == nil, !tables.sessions.values.contains(where: { $0.id == session.id }) else {
            throw ServiceStoreError.alreadyExists(kind: "web session", id: session.id)
        }
        tables.sessions[hash] = session
    }

    private static func usableLink(hash: String, at now: Date, in tables: MemoryTables) -> (link: SignInLink, token: TokenRecord)? {
        guard let link = tables.links[hash], link.usedAt == nil, link.expiresAt > now, let token = tables.liveToken(link.tokenID) else { return nil }
        return (link, token)
    }
}
