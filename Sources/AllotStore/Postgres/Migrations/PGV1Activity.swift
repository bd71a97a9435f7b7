extension PostgresMigrations {
    /// The activity log every change keeps its entries in, in the change's transaction (SQLite's `v7-activity-log`).
    /// `before` and `after` stay TEXT, not JSONB: the entry keeps the exact JSON it was given (JSONB would reorder
    /// keys and respace it). Shipped: never edit; add a step instead.
    static let pgV1Activity = PostgresMigration(identifier: "pg-v1-activity", statements: [
        """
        CREATE TABLE activity (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at TIMESTAMPTZ NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            round TEXT,
            subject TEXT NOT NULL,
            summary TEXT NOT NULL,
            before TEXT,
            after TEXT
        )
        """,
        "CREATE INDEX activity_round ON activity (round, id)",
        "CREATE INDEX activity_action ON activity (action, id)",
    ])
}
