extension PostgresMigrations {
    /// The daemon's tables on PostgreSQL, as SQLite has them after `v3-service`, `v4-reminders`, `v5-run-attempts` and
    /// `v7-activity-log` (`round_proposal.withdrawn_at`, `review_draft`): survey schedules, supply uploads, rounds and
    /// their proposals, reviewers, conflicts, assignments, reviews and drafts, runs, decisions and review reminders.
    /// Same table and column names; times TIMESTAMPTZ, blobs BYTEA, flags BOOLEAN, SQLite's INTEGER BIGINT and its
    /// REAL DOUBLE PRECISION. (`survey_schedule` has no foreign key to the survey tables, which come from another
    /// step; nor has any table here a key into webhook or lease tables.) Shipped: never edit; add a step instead.
    static let pgV4Service = PostgresMigration(identifier: "pg-v4-service", statements: [
        """
        CREATE TABLE survey_schedule (
            survey TEXT PRIMARY KEY,
            title TEXT,
            year TEXT,
            opens_at TIMESTAMPTZ,
            closes_at TIMESTAMPTZ,
            closed_at TIMESTAMPTZ,
            created_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE supply_upload (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            kind TEXT NOT NULL,
            file_name TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            body BYTEA NOT NULL,
            rows BIGINT NOT NULL,
            uploaded_at TIMESTAMPTZ NOT NULL
        )
        """,
        "CREATE INDEX supply_upload_kind ON supply_upload (kind, id)",
        """
        CREATE TABLE round (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            state TEXT NOT NULL,
            settings TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            updated_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE round_proposal (
            round TEXT NOT NULL REFERENCES round(id),
            id TEXT NOT NULL,
            applicant TEXT NOT NULL,
            title TEXT NOT NULL,
            requested DOUBLE PRECISION NOT NULL,
            body TEXT NOT NULL,
            position BIGINT NOT NULL,
            withdrawn_at TIMESTAMPTZ,
            PRIMARY KEY (round, id)
        )
        """,
        """
        CREATE TABLE reviewer (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            email TEXT,
            created_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE round_conflict (
            round TEXT NOT NULL REFERENCES round(id),
            reviewer TEXT NOT NULL,
            applicant TEXT NOT NULL,
            applicant_key TEXT NOT NULL,
            PRIMARY KEY (round, reviewer, applicant_key)
        )
        """,
        """
        CREATE TABLE round_assignment (
            round TEXT NOT NULL REFERENCES round(id),
            proposal TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            assigned_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (round, proposal, reviewer)
        )
        """,
        "CREATE INDEX round_assignment_reviewer ON round_assignment (round, reviewer)",
        """
        CREATE TABLE round_review (
            round TEXT NOT NULL REFERENCES round(id),
            proposal TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            criterion TEXT NOT NULL,
            score DOUBLE PRECISION NOT NULL,
            comment TEXT,
            submitted_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (round, proposal, reviewer, criterion)
        )
        """,
        """
        CREATE TABLE review_draft (
            round TEXT NOT NULL REFERENCES round(id),
            proposal TEXT NOT NULL,
            reviewer TEXT NOT NULL,
            body TEXT NOT NULL,
            saved_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (round, proposal, reviewer)
        )
        """,
        """
        CREATE TABLE round_run (
            id TEXT PRIMARY KEY,
            round TEXT NOT NULL REFERENCES round(id),
            trigger TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TIMESTAMPTZ NOT NULL,
            finished_at TIMESTAMPTZ,
            inputs TEXT NOT NULL,
            config TEXT NOT NULL,
            code_version TEXT NOT NULL,
            result BYTEA,
            result_csv BYTEA,
            error TEXT,
            attempt BIGINT NOT NULL DEFAULT 1
        )
        """,
        "CREATE INDEX round_run_round ON round_run (round, started_at)",
        // At most one run of a round is running, whichever instance started it: the database refuses a second (the
        // run lease keeps instances from trying; this holds even when a lease was lost). SQLite has no such index.
        "CREATE UNIQUE INDEX round_run_one_running ON round_run (round) WHERE status = 'running'",
        """
        CREATE TABLE round_decision (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            round TEXT NOT NULL REFERENCES round(id),
            proposal TEXT NOT NULL,
            decision TEXT NOT NULL,
            amount DOUBLE PRECISION,
            reason TEXT,
            decided_by TEXT NOT NULL,
            run_id TEXT,
            recommended_fund BOOLEAN,
            recommended_amount DOUBLE PRECISION,
            departed BOOLEAN NOT NULL,
            decided_at TIMESTAMPTZ NOT NULL
        )
        """,
        "CREATE INDEX round_decision_round ON round_decision (round, proposal)",
        """
        CREATE TABLE review_reminder (
            round TEXT NOT NULL REFERENCES round(id),
            reviewer TEXT NOT NULL,
            sent_at TIMESTAMPTZ NOT NULL,
            PRIMARY KEY (round, reviewer, sent_at)
        )
        """,
    ])
}
