import GRDB

extension Migrations {
    /// The activity log (every change anyone made, who, when, before and after), a proposal's withdrawal, a token's
    /// last use, and reviewers' saved (unsubmitted) scores. Only new tables and nullable columns, so an instance still
    /// on the previous version keeps working against the upgraded store.
    static let v7ActivityLog = Migration(identifier: "v7-activity-log") { db in
        try db.execute(sql: """
            CREATE TABLE activity (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                at REAL NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                round TEXT,
                subject TEXT NOT NULL,
                summary TEXT NOT NULL,
                before TEXT,
                after TEXT
            );
            CREATE INDEX activity_round ON activity (round, id);
            CREATE INDEX activity_action ON activity (action, id);
            ALTER TABLE round_proposal ADD COLUMN withdrawn_at REAL;
            ALTER TABLE api_token ADD COLUMN last_used_at REAL;
            CREATE TABLE review_draft (
                round TEXT NOT NULL REFERENCES round(id),
                proposal TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                body TEXT NOT NULL,
                saved_at REAL NOT NULL,
                PRIMARY KEY (round, proposal, reviewer)
            ) WITHOUT ROWID;
            """)
    }
}
