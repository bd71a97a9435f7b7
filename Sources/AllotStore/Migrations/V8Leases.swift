import GRDB

extension Migrations {
    /// Leases: which instance of the daemon holds a piece of work (a round's run, a survey's close, a cron fire time)
    /// and until when, so several instances on one store do each once. Only a new table, so an instance still on the
    /// previous version keeps working against the upgraded store (it just does not take leases).
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
