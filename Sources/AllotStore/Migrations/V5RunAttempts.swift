import GRDB

extension Migrations {
    /// Which attempt a run is: a run whose process died is retried once (attempt 2); when that dies too the round is
    /// not owed the run again.
    static let v5RunAttempts = Migration(identifier: "v5-run-attempts") { db in
        try db.execute(sql: "ALTER TABLE round_run ADD COLUMN attempt INTEGER NOT NULL DEFAULT 1")
    }
}
