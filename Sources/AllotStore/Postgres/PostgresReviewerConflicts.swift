import AllotCore
import Logging
import PostgresNIO

/// Declared conflicts of interest as webhook dispatch reads them at send time, on PostgreSQL (SQLite's
/// `ReviewerConflicts`, with the same matching: reviewers as `ConflictKey.reviewer` says, applicants by `ApplicantKey`).
/// The round's conflicts are in `round_conflict`, which the rounds' schema step makes; reviewer-wide ones in
/// `reviewer_conflict` (`pg-v3-webhooks`).
enum PostgresReviewerConflicts {
    /// Records that `reviewerID` must see nothing about `applicantID` in any round (a second declaration is a no-op).
    static func declare(reviewerID: String, applicantID: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "INSERT INTO reviewer_conflict (reviewer_id, applicant_id) VALUES (\(reviewerID), \(applicantID)) ON CONFLICT DO NOTHING",
            logger: logger)
    }

    /// The applicants (as declared, sorted) among `applicantKeys` that `reviewerID` is conflicted with in `round` (when
    /// given) or reviewer-wide.
    static func conflicts(reviewerID: String, round: String?, among applicantKeys: [String], on connection: PostgresConnection,
                          logger: Logger) async throws -> [String] {
        let wanted = Set(applicantKeys)
        guard !wanted.isEmpty else { return [] }
        let reviewer = ConflictKey.reviewer(reviewerID)
        var declared: [(reviewer: String, applicant: String)] = []
        if let round {
            declared += try await connection.query("SELECT reviewer, applicant FROM round_conflict WHERE round = \(round)", logger: logger)
                .collect().map { try $0.decode((String, String).self) }
        }
        declared += try await connection.query("SELECT reviewer_id, applicant_id FROM reviewer_conflict", logger: logger)
            .collect().map { try $0.decode((String, String).self) }
        let names = declared.filter { ConflictKey.reviewer($0.reviewer) == reviewer && wanted.contains(ApplicantKey($0.applicant).value) }
            .map(\.applicant)
        return Set(names).sorted()
    }
}
