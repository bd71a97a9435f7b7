extension PostgresMigrations {
    /// API tokens by the SHA-256 hex of the token, with their last use (SQLite's `api_token`, from `v3-service` and
    /// `v7-activity-log`). Shipped: never edit; add a step instead.
    static let pgV2Tokens = PostgresMigration(identifier: "pg-v2-tokens", statements: [
        """
        CREATE TABLE api_token (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            reviewer_id TEXT,
            created_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ,
            last_used_at TIMESTAMPTZ
        )
        """,
    ])
}
