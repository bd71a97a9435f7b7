import Foundation
import GRDB

/// A piece of work that one instance of the daemon does at a time, named so every instance names it alike.
public enum LeaseName: Sendable, Hashable {
    /// A run of a round: one at a time across every instance.
    case roundRun(round: String)

    /// The stored key. Changing a case's spelling would let an old and a new instance hold the same work at once.
    public var key: String {
        switch self {
        case let .roundRun(round): "round-run:\(round)"
        }
    }
}

/// Who holds a lease: an instance of the daemon (a name that stays the same across its restarts) in one life of its
/// process. Two lives of one instance are different holders, so a run in this life never takes over a lease of the
/// last; but a starting instance knows the leases of its earlier lives as its own, and that those lives are over.
public struct LeaseHolder: Sendable, Hashable {
    public let instance: String
    public let life: String

    /// A new life of `instance`.
    public init(instance: String, life: String = String(UUID().uuidString.lowercased().prefix(13))) {
        self.instance = instance
        self.life = life
    }

    /// The stored form, `instance#life` (instance names may not contain '#').
    public var key: String { "\(instance)#\(life)" }

    /// The holder a stored key names, or nil for a key not of this form.
    public init?(key: String) {
        guard let cut = key.lastIndex(of: "#") else { return nil }
        instance = String(key[..<cut])
        life = String(key[key.index(after: cut)...])
    }
}

/// Leases on work shared by several instances of the daemon on one store. A lease is held by one holder until it
/// expires; its holder renews it while working and releases it when done, and another holder can take it only once it
/// has expired, so work whose holder died passes to another instance within the lease's length.
public protocol LeaseRepository: Sendable {
    /// Takes `name` for `holder` until `until`: true when it was free, expired at `now`, or already this holder's
    /// (then it is renewed); false while another holder's lease runs.
    func acquire(_ name: LeaseName, holder: String, until: Date, now: Date) throws -> Bool
    /// Extends `holder`'s lease on `name` to `until`; false when the lease is no longer this holder's (it expired and
    /// another took it, or it was released).
    func renew(_ name: LeaseName, holder: String, until: Date) throws -> Bool
    /// Gives `name` up, if `holder` still holds it.
    func release(_ name: LeaseName, holder: String) throws
    /// Who holds `name` at `now`, or nil when nobody does.
    func holder(of name: LeaseName, now: Date) throws -> String?
    /// Gives up every lease held by an earlier life of `holder`'s instance (its process died without releasing them);
    /// returns how many.
    func releaseEarlierLives(of holder: LeaseHolder) throws -> Int
}

extension LeaseRepository {
    /// Whether a stored holder key is an earlier life of `holder`'s instance.
    static func isEarlierLife(_ key: String, of holder: LeaseHolder) -> Bool {
        guard let stored = LeaseHolder(key: key) else { return false }
        return stored.instance == holder.instance && stored.life != holder.life
    }
}

/// `LeaseRepository` on the SQLite store: one row per lease, taken with an upsert whose condition is the rule, so two
/// instances racing for one lease are decided by SQLite's single writer.
public struct SQLiteLeaseRepository: LeaseRepository {
    public let database: AppDatabase
    public init(_ database: AppDatabase) { self.database = database }

    public func acquire(_ name: LeaseName, holder: String, until: Date, now: Date) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO lease (name, holder, expires_at) VALUES (?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE lease.expires_at <= ? OR lease.holder = excluded.holder
                """, arguments: [name.key, holder, until.timeIntervalSince1970, now.timeIntervalSince1970])
            return db.changesCount > 0
        }
    }

    public func renew(_ name: LeaseName, holder: String, until: Date) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE lease SET expires_at = ? WHERE name = ? AND holder = ?",
                           arguments: [until.timeIntervalSince1970, name.key, holder])
            return db.changesCount > 0
        }
    }

    public func release(_ name: LeaseName, holder: String) throws {
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [name.key, holder])
        }
    }

    public func releaseEarlierLives(of holder: LeaseHolder) throws -> Int {
        try database.writer.write { db in
            let earlier = try Row.fetchAll(db, sql: "SELECT name, holder FROM lease")
                .filter { Self.isEarlierLife($0["holder"], of: holder) }
            for row in earlier {
                try db.execute(sql: "DELETE FROM lease WHERE name = ? AND holder = ?", arguments: [row["name"] as String, row["holder"] as String])
            }
            return earlier.count
        }
    }

    public func holder(of name: LeaseName, now: Date) throws -> String? {
        try database.writer.read { db in
            try String.fetchOne(db, sql: "SELECT holder FROM lease WHERE name = ? AND expires_at > ?",
                                arguments: [name.key, now.timeIntervalSince1970])
        }
    }
}
