extension PostgresMigrations {
    /// Webhook endpoints, the transactional outbox (events and one message per receiving endpoint), the delivery log
    /// and reviewer-wide conflicts (SQLite's `v2-webhooks` with `v5-applicant-key`'s `round_id` and `applicant_keys`;
    /// the legacy `applicant_ids`, no longer written there, is left out). Times are TIMESTAMPTZ, so the due-message scan
    /// compares times as SQLite's compares REAL seconds. Shipped: never edit; add a step instead.
    static let pgV3Webhooks = PostgresMigration(identifier: "pg-v3-webhooks", statements: [
        """
        CREATE TABLE webhook_endpoint (
            id TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            secrets TEXT NOT NULL,
            event_types TEXT NOT NULL,
            enabled BOOLEAN NOT NULL DEFAULT TRUE,
            disabled_reason TEXT,
            concurrency BIGINT NOT NULL DEFAULT 4,
            rate_limit_per_second DOUBLE PRECISION,
            reviewer_id TEXT,
            format TEXT NOT NULL DEFAULT 'json',
            source TEXT NOT NULL DEFAULT 'store',
            updated_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE webhook_event (
            id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            occurred_at TIMESTAMPTZ NOT NULL,
            body BYTEA NOT NULL,
            text TEXT NOT NULL,
            reviewer_id TEXT,
            round_id TEXT,
            applicant_keys TEXT NOT NULL DEFAULT ''
        )
        """,
        """
        CREATE TABLE webhook_message (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            event_id TEXT NOT NULL REFERENCES webhook_event (id),
            endpoint_id TEXT NOT NULL REFERENCES webhook_endpoint (id),
            state TEXT NOT NULL DEFAULT 'pending',
            attempts BIGINT NOT NULL DEFAULT 0,
            enqueued_at TIMESTAMPTZ NOT NULL,
            next_attempt_at TIMESTAMPTZ,
            lease_until TIMESTAMPTZ,
            finished_at TIMESTAMPTZ,
            last_status BIGINT,
            last_error TEXT,
            UNIQUE (event_id, endpoint_id)
        )
        """,
        // The claim scan: one endpoint's pending messages by when they are due.
        "CREATE INDEX webhook_message_due ON webhook_message (endpoint_id, next_attempt_at, id) WHERE state = 'pending'",
        "CREATE INDEX webhook_message_finished ON webhook_message (state, finished_at)",
        // The foreign key to webhook_endpoint is checked on delete (config sync removes unused endpoints).
        "CREATE INDEX webhook_message_endpoint ON webhook_message (endpoint_id)",
        """
        CREATE TABLE webhook_attempt (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            message_id BIGINT NOT NULL REFERENCES webhook_message (id),
            started_at TIMESTAMPTZ NOT NULL,
            duration_ms DOUBLE PRECISION NOT NULL,
            status_code BIGINT,
            outcome TEXT NOT NULL,
            error TEXT,
            response_snippet TEXT
        )
        """,
        "CREATE INDEX webhook_attempt_message ON webhook_attempt (message_id, id)",
        """
        CREATE TABLE reviewer_conflict (
            reviewer_id TEXT NOT NULL,
            applicant_id TEXT NOT NULL,
            PRIMARY KEY (reviewer_id, applicant_id)
        )
        """,
    ])
}
