import Logging
import PostgresNIO

/// A named PostgreSQL schema step: its statements run in order in one transaction (one statement each, since
/// postgres-nio sends every query as a prepared statement, which holds one command).
struct PostgresMigration: Sendable {
    let identifier: String
    let statements: [String]
}

/// Applies the schema steps a database has not had yet, in order, each in its own transaction together with its row
/// in `allot_migration`, so a step is either wholly applied and recorded or not at all. Instances starting together
/// take turns: each step's transaction first takes a transaction-scoped advisory lock.
///
/// The PostgreSQL history is its own (`PostgresMigrations.all`, identifiers `pg-vN-...`), not a copy of the SQLite
/// one: a new store starts from the current shape. Like the SQLite history, shipped steps are never edited.
struct PostgresMigrator {
    let migrations: [PostgresMigration]
    let logger: Logger

    /// The advisory lock key the steps take turns on ("allot" in ASCII).
    static let lockKey: Int64 = 0x616C_6C6F_74

    func migrate(_ store: PostgresStore) async throws {
        try await store.transaction { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS allot_migration (
                    identifier TEXT PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: logger)
        }
        let known = Set(migrations.map(\.identifier))
        let applied = try await store.rows("SELECT identifier FROM allot_migration ORDER BY applied_at, identifier")
            .map { try $0.decode(String.self) }
        let unknown = applied.filter { !known.contains($0) }
        if !unknown.isEmpty {
            // A newer build has upgraded this database. Its steps only add (see each step), so this build carries on.
            logger.notice("PostgreSQL store has schema steps this build does not know", metadata: ["steps": "\(unknown)"])
        }
        for migration in migrations where !applied.contains(migration.identifier) {
            try await apply(migration, in: store)
        }
    }

    private func apply(_ migration: PostgresMigration, in store: PostgresStore) async throws {
        do {
            let ran = try await store.transaction { connection in
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.lockKey))", logger: logger)
                // Another instance may have applied it while this one waited for the lock.
                let rows = try await connection.query(
                    "SELECT 1 FROM allot_migration WHERE identifier = \(migration.identifier)", logger: logger).collect()
                guard rows.isEmpty else { return false }
                for statement in migration.statements {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query("INSERT INTO allot_migration (identifier) VALUES (\(migration.identifier))", logger: logger)
                return true
            }
            if ran { logger.info("PostgreSQL schema step applied", metadata: ["step": "\(migration.identifier)"]) }
        } catch {
            throw PostgresStoreError.migrationFailed(identifier: migration.identifier, reason: "\(PostgresStoreError.from(error))")
        }
    }
}
