extension PostgresMigrations {
    /// Leases on shared work (SQLite's `v8-leases`), the web app's sessions and one-time sign-in links (`v6-web-sign-in`),
    /// and the surveys: their consented responses (multi-select answers as bitsets), refusals, imports and the meaning
    /// of each bit (`v1-surveys` with `v5-hash-version` and `v5-import-refusal-counts`). Times are TIMESTAMPTZ (SQLite
    /// keeps the survey tables' as ISO 8601 text). Shipped: never edit; add a step instead.
    static let pgV5SurveysSessions = PostgresMigration(identifier: "pg-v5-surveys-sessions", statements: [
        """
        CREATE TABLE lease (
            name TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE web_session (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            token_id TEXT NOT NULL REFERENCES api_token (id),
            csrf TEXT NOT NULL,
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            revoked_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX web_session_token ON web_session (token_id)",
        """
        CREATE TABLE sign_in_link (
            id TEXT PRIMARY KEY,
            hash TEXT NOT NULL UNIQUE,
            token_id TEXT NOT NULL REFERENCES api_token (id),
            created_at TIMESTAMPTZ NOT NULL,
            expires_at TIMESTAMPTZ NOT NULL,
            used_at TIMESTAMPTZ
        )
        """,
        "CREATE INDEX sign_in_link_token ON sign_in_link (token_id)",
        """
        CREATE TABLE taxonomy_code (
            question TEXT NOT NULL,
            position BIGINT NOT NULL,
            code TEXT NOT NULL,
            PRIMARY KEY (question, position)
        )
        """,
        """
        CREATE TABLE survey (
            id TEXT PRIMARY KEY,
            kind TEXT,
            academic_year TEXT,
            created_at TIMESTAMPTZ NOT NULL
        )
        """,
        """
        CREATE TABLE survey_import (
            id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            mapping TEXT NOT NULL,
            imported_at TIMESTAMPTZ NOT NULL,
            inserted BIGINT NOT NULL,
            unchanged BIGINT NOT NULL,
            refusals BIGINT NOT NULL,
            refusals_unchanged BIGINT NOT NULL DEFAULT 0,
            rejected BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE survey_response (
            survey TEXT NOT NULL REFERENCES survey (id),
            response_id TEXT NOT NULL,
            sector TEXT NOT NULL,
            role TEXT,
            learner_group TEXT NOT NULL,
            council TEXT,
            postcode TEXT,
            postcode_valid BIGINT NOT NULL,
            data_zone TEXT,
            simd_rank BIGINT,
            simd_decile BIGINT,
            simd_quintile BIGINT,
            urban_rural_6 BIGINT,
            pl_hours_milli BIGINT,
            hours_vs_last_year TEXT,
            pl_types BIGINT,
            providers BIGINT,
            ease_of_access TEXT,
            choice_sufficient TEXT,
            barriers BIGINT,
            priorities BIGINT,
            confidence TEXT,
            flags BIGINT NOT NULL,
            content_hash TEXT NOT NULL,
            hash_version BIGINT NOT NULL,
            import_id BIGINT NOT NULL REFERENCES survey_import (id),
            PRIMARY KEY (survey, response_id)
        )
        """,
        """
        CREATE TABLE survey_refusal (
            survey TEXT NOT NULL,
            response_id TEXT NOT NULL,
            import_id BIGINT NOT NULL REFERENCES survey_import (id),
            PRIMARY KEY (survey, response_id)
        )
        """,
    ])
}
