import GRDB

extension Migrations {
    /// Webhook endpoints, the transactional outbox (events and one message per endpoint), and the delivery log.
    /// Times are REAL Unix seconds so that due-row scans compare numbers.
    static let v2Webhooks = Migration(identifier: "v2-webhooks") { db in
        try db.execute(sql: """
            CREATE TABLE webhook_endpoint (
                id TEXT PRIMARY KEY NOT NULL,
                url TEXT NOT NULL,
                secrets TEXT NOT NULL,
                event_types TEXT NOT NULL,
                enabled INTEGER NOT NULL DEFAULT 1,
                disabled_reason TEXT,
                concurrency INTEGER NOT NULL DEFAULT 4,
                rate_limit_per_second REAL,
                reviewer_id TEXT,
                format TEXT NOT NULL DEFAULT 'json',
                source TEXT NOT NULL DEFAULT 'store',
                updated_at REAL NOT NULL
            );
            CREATE TABLE webhook_event (
                id TEXT PRIMARY KEY NOT NULL,
                type TEXT NOT NULL,
                occurred_at REAL NOT NULL,
                body BLOB NOT NULL,
                text TEXT NOT NULL,
                reviewer_id TEXT,
                applicant_ids TEXT NOT NULL DEFAULT ''
            );
            CREATE TABLE webhook_message (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                event_id TEXT NOT NULL REFERENCES webhook_event(id),
                endpoint_id TEXT NOT NULL REFERENCES webhook_endpoint(id),
                state TEXT NOT NULL DEFAULT 'pending',
                attempts INTEGER NOT NULL DEFAULT 0,
                enqueued_at REAL NOT NULL,
                next_attempt_at REAL,
                lease_until REAL,
                finished_at REAL,
                last_status INTEGER,
                last_error TEXT,
                UNIQUE (event_id, endpoint_id)
            );
            CREATE INDEX webhook_message_due ON webhook_message (endpoint_id, next_attempt_at)
                WHERE state = 'pending';
            CREATE INDEX webhook_message_finished ON webhook_message (state, finished_at);
            CREATE TABLE webhook_attempt (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                message_id INTEGER NOT NULL REFERENCES webhook_message(id),
                started_at REAL NOT NULL,
                duration_ms REAL NOT NULL,
                status_code INTEGER,
                outcome TEXT NOT NULL,
                error TEXT,
                response_snippet TEXT
            );
            CREATE INDEX webhook_attempt_message ON webhook_attempt (message_id);
            CREATE TABLE reviewer_conflict (
                reviewer_id TEXT NOT NULL,
                applicant_id TEXT NOT NULL,
                PRIMARY KEY (reviewer_id, applicant_id)
            ) WITHOUT ROWID;
            """)
    }
}
