import Foundation
import PostgresNIO

/// `LeaseRepository` on the PostgreSQL store: one row per lease, each change one statement whose condition is the
/// rule, so instances racing for a lease are decided by the row lock the statement takes (the upsert's conflict
/// check and update are atomic: a second racer waits for the first and then sees its row).
public struct PostgresLeaseRepository: LeaseRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    /// Taken when free, expired at `now`, or already `holder`'s (then renewed): the upsert's update runs only under
    /// that condition, and a row comes back only when it inserted or updated.
    public func acquire(_ name: LeaseName, holder: String, until: Date, now: Date) throws -> Bool {
        try store.wait {
            try await !store.rows("""
                INSERT INTO lease (name, holder, expires_at) VALUES (\(name.key), \(holder), \(until.postgres))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
                WHERE lease.expires_at <= \(now.postgres) OR lease.holder = excluded.holder
                RETURNING name
                """).isEmpty
        }
    }

    public func renew(_ name: LeaseName, holder: String, until: Date) throws -> Bool {
        try store.wait {
            try await !store.rows(
                "UPDATE lease SET expires_at = \(until.postgres) WHERE name = \(name.key) AND holder = \(holder) RETURNING name").isEmpty
        }
    }

    public func release(_ name: LeaseName, holder: String) throws {
        try store.wait { try await store.rows("DELETE FROM lease WHERE name = \(name.key) AND holder = \(holder)") }
    }

    /// The earlier lives are picked in Swift (`isEarlierLife`, as SQLite's), then each is deleted only if that life
    /// still holds it, in one transaction.
    public func releaseEarlierLives(of holder: LeaseHolder) throws -> Int {
        try store.wait {
            try await store.transaction { connection in
                let earlier = try await connection.query("SELECT name, holder FROM lease FOR UPDATE", logger: store.logger).collect()
                    .map { try $0.decode((String, String).self) }
                    .filter { Self.isEarlierLife($0.1, of: holder) }
                for (name, key) in earlier {
                    try await connection.query("DELETE FROM lease WHERE name = \(name) AND holder = \(key)", logger: store.logger)
                }
                return earlier.count
            }
        }
    }

    public func holder(of name: LeaseName, now: Date) throws -> String? {
        try store.wait {
            try await store.rows("SELECT holder FROM lease WHERE name = \(name.key) AND expires_at > \(now.postgres)")
                .first?.decode(String.self)
        }
    }
}
