import AllotCore
import Foundation
import GRDB

extension Migrations {
    /// One applicant key everywhere (`ApplicantKey`): the round's conflicts are keyed again by it (they were trimmed
    /// and lower-cased only, so two rows may now be one), and each webhook event records the round and the applicant
    /// keys its audience gate checks at send time (reviewer events queued before this step are filled in from their
    /// stored bodies, so a conflict declared after the upgrade still withholds them). `applicant_ids` is no longer
    /// written: it held proposal ids for `review.assigned`, which never matched a declared applicant.
    static let v5ApplicantKey = Migration(identifier: "v5-applicant-key") { db in
        let conflicts = try Row.fetchAll(db, sql: "SELECT round, reviewer, applicant, applicant_key FROM round_conflict ORDER BY round, reviewer, applicant")
        try db.execute(sql: "DELETE FROM round_conflict")
        for row in conflicts {
            let applicant: String = row["applicant"]
            try db.execute(sql: "INSERT OR IGNORE INTO round_conflict (round, reviewer, applicant, applicant_key) VALUES (?, ?, ?, ?)",
                           arguments: [row["round"], row["reviewer"], applicant, ApplicantKey(applicant).value])
        }

        try db.execute(sql: """
            ALTER TABLE webhook_event ADD COLUMN round_id TEXT;
            ALTER TABLE webhook_event ADD COLUMN applicant_keys TEXT NOT NULL DEFAULT '';
            """)
        for row in try Row.fetchAll(db, sql: "SELECT id, body FROM webhook_event WHERE reviewer_id IS NOT NULL") {
            let body: Data = row["body"]
            let id: String = row["id"]
            // A reviewer event whose body cannot be read could not be gated: stop rather than let it through.
            guard let audience = StoredReviewerEvent(body) else { throw StoreError.corrupt("webhook_event.body of \(id)") }
            let keys = audience.applicants.map { ApplicantKey($0).value }
            let column = keys.isEmpty ? "" : String(decoding: try JSONEncoder().encode(keys), as: UTF8.self)
            try db.execute(sql: "UPDATE webhook_event SET round_id = ?, applicant_keys = ? WHERE id = ?",
                           arguments: [audience.round, column, id])
        }
    }
}

/// The audience of a reviewer notification as its stored envelope says it (`review.assigned`, `review.reminder`).
private struct StoredReviewerEvent {
    let round: String?
    let applicants: [String]

    init?(_ body: Data) {
        guard let object = try? JSONSerialization.jsonObject(with: body), let envelope = object as? [String: Any],
              let data = envelope["data"] as? [String: Any] else { return nil }
        round = data["round_id"] as? String
        if let name = data["applicant_name"] as? String {
            applicants = [name]
        } else {
            applicants = data["applicants"] as? [String] ?? []
        }
    }
}
