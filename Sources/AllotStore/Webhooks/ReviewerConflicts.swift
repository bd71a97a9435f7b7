import GRDB

/// Declared conflicts of interest between reviewers and applicants (`reviewer_conflict`).
/// Webhook dispatch reads them at send time, so a conflict declared after an event was queued still withholds it.
public enum ReviewerConflicts {
    /// Records that `reviewerID` must see nothing about `applicantID`.
    public static func declare(reviewerID: String, applicantID: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO reviewer_conflict (reviewer_id, applicant_id) VALUES (?, ?)",
            arguments: [reviewerID, applicantID])
    }

    /// The applicants among `applicantIDs` that `reviewerID` is conflicted with.
    public static func conflicts(reviewerID: String, among applicantIDs: [String], in db: Database) throws -> [String] {
        guard !applicantIDs.isEmpty else { return [] }
        let placeholders = Array(repeating: "?", count: applicantIDs.count).joined(separator: ", ")
        return try String.fetchAll(
            db,
            sql: """
                SELECT applicant_id FROM reviewer_conflict
                WHERE reviewer_id = ? AND applicant_id IN (\(placeholders)) ORDER BY applicant_id
                """,
            arguments: StatementArguments([reviewerID] + applicantIDs))
    }
}
