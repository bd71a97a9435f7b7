import GRDB

extension Migrations {
    /// The daemon's tables: survey schedules, supply uploads, rounds and their proposals, reviewers, conflicts,
    /// assignments, reviews, runs, decisions and API tokens. Times are REAL Unix seconds, JSON is TEXT.
    static let v3Service = Migration(identifier: "v3-service") { db in
        try db.execute(sql: """
            CREATE TABLE survey_schedule (
                survey TEXT PRIMARY KEY NOT NULL,
                title TEXT,
                year TEXT,
                opens_at REAL,
                closes_at REAL,
                closed_at REAL,
                created_at REAL NOT NULL
            );
            CREATE TABLE supply_upload (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                kind TEXT NOT NULL,
                file_name TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                body BLOB NOT NULL,
                rows INTEGER NOT NULL,
                uploaded_at REAL NOT NULL
            );
            CREATE INDEX supply_upload_kind ON supply_upload (kind, id);
            CREATE TABLE round (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                state TEXT NOT NULL,
                settings TEXT NOT NULL,
                created_at REAL NOT NULL,
                updated_at REAL NOT NULL
            );
            CREATE TABLE round_proposal (
                round TEXT NOT NULL REFERENCES round(id),
                id TEXT NOT NULL,
                applicant TEXT NOT NULL,
                title TEXT NOT NULL,
                requested REAL NOT NULL,
                body TEXT NOT NULL,
                position INTEGER NOT NULL,
                PRIMARY KEY (round, id)
            ) WITHOUT ROWID;
            CREATE TABLE reviewer (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                email TEXT,
                created_at REAL NOT NULL
            );
            CREATE TABLE round_conflict (
                round TEXT NOT NULL REFERENCES round(id),
                reviewer TEXT NOT NULL,
                applicant TEXT NOT NULL,
                applicant_key TEXT NOT NULL,
                PRIMARY KEY (round, reviewer, applicant_key)
            ) WITHOUT ROWID;
            CREATE TABLE round_assignment (
                round TEXT NOT NULL REFERENCES round(id),
                proposal TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                assigned_at REAL NOT NULL,
                PRIMARY KEY (round, proposal, reviewer)
            ) WITHOUT ROWID;
            CREATE INDEX round_assignment_reviewer ON round_assignment (round, reviewer);
            CREATE TABLE round_review (
                round TEXT NOT NULL REFERENCES round(id),
                proposal TEXT NOT NULL,
                reviewer TEXT NOT NULL,
                criterion TEXT NOT NULL,
                score REAL NOT NULL,
                comment TEXT,
                submitted_at REAL NOT NULL,
                PRIMARY KEY (round, proposal, reviewer, criterion)
            ) WITHOUT ROWID;
            CREATE TABLE round_run (
                id TEXT PRIMARY KEY NOT NULL,
                round TEXT NOT NULL REFERENCES round(id),
                trigger TEXT NOT NULL,
                status TEXT NOT NULL,
                started_at REAL NOT NULL,
                finished_at REAL,
                inputs TEXT NOT NULL,
                config TEXT NOT NULL,
                code_version TEXT NOT NULL,
                result BLOB,
                result_csv BLOB,
                error TEXT
            );
            CREATE INDEX round_run_round ON round_run (round, started_at);
            CREATE TABLE round_decision (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                round TEXT NOT NULL REFERENCES round(id),
                proposal TEXT NOT NULL,
                decision TEXT NOT NULL,
                amount REAL,
                reason TEXT,
                decided_by TEXT NOT NULL,
                run_id TEXT,
                recommended_fund INTEGER,
                recommended_amount REAL,
                departed INTEGER NOT NULL,
                decided_at REAL NOT NULL
            );
            CREATE INDEX round_decision_round ON round_decision (round, proposal);
            CREATE TABLE api_token (
                id TEXT PRIMARY KEY NOT NULL,
                hash TEXT NOT NULL UNIQUE,
                name TEXT NOT NULL,
                role TEXT NOT NULL,
                reviewer_id TEXT,
                created_at REAL NOT NULL,
                revoked_at REAL
            );
            """)
    }
}
