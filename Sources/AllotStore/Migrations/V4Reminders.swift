import GRDB

extension Migrations {
    /// Review reminders sent, so a restart never sends one twice.
    static let v4Reminders = Migration(identifier: "v4-reminders") { db in
        try db.execute(sql: """
            CREATE TABLE review_reminder (
                round TEXT NOT NULL REFERENCES round(id),
                reviewer TEXT NOT NULL,
                sent_at REAL NOT NULL,
                PRIMARY KEY (round, reviewer, sent_at)
            ) WITHOUT ROWID;
            """)
    }
}
