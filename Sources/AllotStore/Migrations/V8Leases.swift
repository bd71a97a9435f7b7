import GRDB

extension Migrations {
    /// Leases: which instance of the daemon holds a piece of work (a round's run) and until when, so several instances
    /// on one store do it once. Only a new table, so an older instance can still open the upgraded store; but it takes
    /// no leases, so instances sharing a store are upgraded to this version together (docs/server.md, Runs).
    static let v8Leases = Migration(identifier: "v8-leases") { db in
        try db.execute(sql: """
            CREATE TABLE lease (
                name TEXT PRIMARY KEY NOT NULL,
                holder TEXT NOT NULL,
                expires_at REAL NOT NULL
            ) WITHOUT ROWID;
            """)
    }
}
