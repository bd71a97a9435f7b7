import AllotCore
import GRDB

extension Migrations {
    /// Surveys, their consented responses (multi-select answers as bitsets), refusals and imports.
    static let v1Surveys = Migration(identifier: "v1-surveys") { db in
        try db.execute(sql: """
            CREATE TABLE taxonomy_code (
                question TEXT NOT NULL,
                position INTEGER NOT NULL,
                code TEXT NOT NULL,
                PRIMARY KEY (question, position)
            );
            CREATE TABLE survey (
                id TEXT PRIMARY KEY NOT NULL,
                kind TEXT,
                academic_year TEXT,
                created_at TEXT NOT NULL
            );
            CREATE TABLE survey_import (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                file_name TEXT NOT NULL,
                file_sha256 TEXT NOT NULL,
                mapping TEXT NOT NULL,
                imported_at TEXT NOT NULL,
                inserted INTEGER NOT NULL,
                unchanged INTEGER NOT NULL,
                refusals INTEGER NOT NULL,
                rejected INTEGER NOT NULL
            );
            CREATE TABLE survey_response (
                survey TEXT NOT NULL REFERENCES survey(id),
                response_id TEXT NOT NULL,
                sector TEXT NOT NULL,
                role TEXT,
                learner_group TEXT NOT NULL,
                council TEXT,
                postcode TEXT,
                postcode_valid INTEGER NOT NULL,
                data_zone TEXT,
                simd_rank INTEGER,
                simd_decile INTEGER,
                simd_quintile INTEGER,
                urban_rural_6 INTEGER,
                pl_hours_milli INTEGER,
                hours_vs_last_year TEXT,
                pl_types INTEGER,
                providers INTEGER,
                ease_of_access TEXT,
                choice_sufficient TEXT,
                barriers INTEGER,
                priorities INTEGER,
                confidence TEXT,
                flags INTEGER NOT NULL,
                content_hash TEXT NOT NULL,
                import_id INTEGER NOT NULL REFERENCES survey_import(id),
                PRIMARY KEY (survey, response_id)
            ) WITHOUT ROWID;
            CREATE TABLE survey_refusal (
                survey TEXT NOT NULL,
                response_id TEXT NOT NULL,
                import_id INTEGER NOT NULL REFERENCES survey_import(id),
                PRIMARY KEY (survey, response_id)
            ) WITHOUT ROWID;
            """)
        // The meaning of every bit of the bitset columns, so the file explains itself.
        let insert = try db.makeStatement(sql: "INSERT INTO taxonomy_code (question, position, code) VALUES (?, ?, ?)")
        for book in [Taxonomy.plTypes, Taxonomy.providers, Taxonomy.barriers, Taxonomy.priorities] {
            for (i, code) in book.codes.enumerated() {
                try insert.execute(arguments: [book.question, i, code])
            }
        }
    }
}
