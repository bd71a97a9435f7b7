import GRDB

extension Migrations {
    /// The version of each stored `content_hash` (`ContentHashVersion`), so a re-ingest compares a response with the
    /// hash of the version it was stored with. Every hash stored before this column existed is version 1.
    static let v5HashVersion = Migration(identifier: "v5-hash-version") { db in
        try db.execute(sql: "ALTER TABLE survey_response ADD COLUMN hash_version INTEGER NOT NULL DEFAULT 1")
    }
}
