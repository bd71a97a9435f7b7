import GRDB

/// The schema history, oldest first. Append new steps; never edit or reorder shipped ones.
enum Migrations {
    static let all: [Migration] = [
        v1Surveys,
        v2Webhooks,
        v3Service,
        v4Reminders,
        v5ApplicantKey,
        v5ImportRefusalCounts,
        v5HashVersion,
        v5RunAttempts,
        v6WebSignIn,
        v7ActivityLog,
        v8Leases,
    ]
}
