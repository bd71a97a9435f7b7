import AllotCore
import GRDB

/// Declared conflicts of interest between reviewers and applicants, as webhook dispatch reads them at send time: a
/// conflict declared after an event was queued still withholds it. Two sources: the round's conflicts
/// (`round_conflict`, declared with `POST /v1/rounds/{round}/conflicts`, the same ones that decide a reviewer's scope
/// and assignments) and reviewer-wide ones (`reviewer_conflict`, any round). Reviewers are matched as
/// `ConflictKey.reviewer` says, applicants by `ApplicantKey`, as everywhere else.
public enum ReviewerConflicts {
    /// Records that `reviewerID` must see nothing about `applicantID` (an applicant name) in any round.
    public static func declare(reviewerID: String, applicantID: String, in db: Database) throws {
        try db.execute(
            sql: "INSERT OR IGNORE INTO reviewer_conflict (reviewer_id, applicant_id) VALUES (?, ?)",
            arguments: [reviewerID, applicantID])
    }

    /// The applicants (as declared, sorted) among `applicantKeys` (`ApplicantKey` values) that `reviewerID` is
    /// conflicted with in `round` (when given) or reviewer-wide.
    public static func conflicts(reviewerID: String, round: String?, among applicantKeys: [String], in db: Database) throws -> [String] {
        let wanted = Set(applicantKeys)
        guard !wanted.isEmpty else { return [] }
        let reviewer = ConflictKey.reviewer(reviewerID)
        var declared: [(reviewer: String, applicant: String)] = []
        if let round {
            declared += try Row.fetchAll(db, sql: "SELECT reviewer, applicant FROM round_conflict WHERE round = ?", arguments: [round])
                .map { ($0["reviewer"], $0["applicant"]) }
        }
        declared += try Row.fetchAll(db, sql: "SELECT reviewer_id, applicant_id FROM reviewer_conflict")
            .map { ($0["reviewer_id"], $0["applicant_id"]) }
        let names = declared.filter { ConflictKey.reviewer($0.reviewer) == reviewer && wanted.contains(ApplicantKey($0.applicant).value) }
            .map(\.applicant)
        return Set(names).sorted()
    }
}
