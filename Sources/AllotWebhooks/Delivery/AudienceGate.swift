import AllotStore
import GRDB

/// Decides at dispatch time whether a reviewer's endpoint may receive an event, so a conflict declared after the
/// event was queued still withholds it.
enum AudienceGate {
    /// Why `event` must not go to `endpoint`, or nil if it may.
    static func suppression(for event: OutboxEvent, endpoint: WebhookEndpoint, in db: Database) throws -> String? {
        guard let reviewer = endpoint.reviewerID else { return nil }
        guard event.reviewerID == reviewer else { return "not a notification for reviewer \(reviewer)" }
        let conflicted = try ReviewerConflicts.conflicts(reviewerID: reviewer, among: event.applicantIDs, in: db)
        guard conflicted.isEmpty else {
            return "reviewer \(reviewer) is conflicted with applicant \(conflicted.joined(separator: ", "))"
        }
        return nil
    }
}
