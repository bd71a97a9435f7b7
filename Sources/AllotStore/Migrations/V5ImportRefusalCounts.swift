import GRDB

extension Migrations {
    /// An import's refusals already recorded by an earlier import, counted apart from the responses already stored (a
    /// file ingested twice used to report its refusals as "already stored" responses). Earlier imports keep 0: their
    /// `unchanged` count cannot be split after the fact.
    static let v5ImportRefusalCounts = Migration(identifier: "v5-import-refusal-counts") { db in
        try db.execute(sql: "ALTER TABLE survey_import ADD COLUMN refusals_unchanged INTEGER NOT NULL DEFAULT 0")
    }
}
