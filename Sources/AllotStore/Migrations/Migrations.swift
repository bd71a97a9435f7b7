import GRDB

/// The schema history, oldest first. Append new steps; never edit or reorder shipped ones.
enum Migrations {
    static let all: [Migration] = [
        v1Surveys,
        v2Webhooks,
        v3Service,
        v4Reminders,
        // Added on branch ingest (issue 12); renumber at merge if another branch adds a v5.
        v5ImportRefusalCounts,
        v5HashVersion,
    ]
}
