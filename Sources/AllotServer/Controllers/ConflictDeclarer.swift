import AllotCore
import AllotStore
import AllotWebhooks
import Foundation
import Logging

/// A reviewer's "I have a conflict with this applicant": the conflict is recorded for the round, the assignment
/// dropped and the administrators told (`review.conflict_declared`), in one transaction. The one place it happens:
/// `POST /v1/rounds/{round}/proposals/{proposal}/conflict` and the review page's button both call it.
struct ConflictDeclarer<Rounds: RoundRepository>: Sendable {
    let rounds: Rounds
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.conflicts")

    func declare(proposal id: String, in round: RoundRecord, scope: ReviewerScope, by identity: Identity) throws -> ConflictRecord {
        try RoundController<Rounds>.writable(round)
        guard scope.canSee(id), let proposal = try rounds.proposal(round: round.id, id: id) else {
            throw APIError.notFound("no proposal '\(id)' assigned to you in round '\(round.id)'")
        }
        // The assignment as stored (reviewer ids compare as `ConflictKey.reviewer` says).
        guard let assignment = try rounds.assignments(round: round.id).first(where: { $0.proposal == id && scope.isSelf($0.reviewer) }) else {
            throw APIError.notFound("no proposal '\(id)' assigned to you in round '\(round.id)'")
        }
        let conflict = ConflictRecord(reviewer: assignment.reviewer, applicant: proposal.applicant)
        let at = now()
        let event = try WebhookEvents.outboxEvent(ConflictDeclared(declaredBy: assignment.reviewer, roundID: round.id, proposalID: id,
                                                                   applicantName: proposal.applicant), occurredAt: at)
        let entry = try Activity.entry(.conflictDeclared, by: identity, at: at, round: round.id, subject: id,
                                       summary: "\(assignment.reviewer) declared a conflict with \(proposal.applicant) and left proposal \(id)",
                                       before: assignment, after: conflict)
        try rounds.declareConflict(conflict, dropping: assignment, round: round.id, at: at, event: event, activity: [entry])
        logger.info("Conflict declared by a reviewer", metadata: ["round": "\(round.id)", "proposal": "\(id)"])
        return conflict
    }
}
