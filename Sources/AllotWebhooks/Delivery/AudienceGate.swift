import AllotStore

/// Decides at dispatch time, on every attempt, whether a reviewer's endpoint may receive an event, so a conflict
/// declared after the event was queued (or between two attempts) still withholds it. The event carries the applicant
/// keys it concerns and its round; the conflicts are read now, for that reviewer and round, and matched by
/// `ApplicantKey` like every other applicant comparison.
enum AudienceGate {
    /// Why `event` must not go to `endpoint`, or nil if it may.
    static func suppression(for event: OutboxEvent, endpoint: WebhookEndpoint, in transaction: any OutboxTransaction) throws -> String? {
        guard let reviewer = endpoint.reviewerID else { return nil }
        guard event.reviewerID == reviewer else { return "not a notification for reviewer \(reviewer)" }
        let conflicted = try transaction.conflicts(reviewerID: reviewer, round: event.roundID, among: event.applicantKeys)
        guard conflicted.isEmpty else {
            return "reviewer \(reviewer) is conflicted with applicant \(conflicted.joined(separator: ", "))"
        }
        return nil
    }
}
