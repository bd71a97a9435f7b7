import AllotCore
import AllotRounds
import AllotStore
import AllotWebhooks
import Foundation

/// The webhook payloads of a run's end.
enum RunEvents {
    /// How many rows of the ranking `round.completed` carries.
    static let rankingRows = 10

    static func completed(_ result: RoundResult, round: RoundRecord) -> RoundCompleted {
        let ranked = result.proposals.sorted { $0.scored.rank < $1.scored.rank }
        let ranking = ranked.prefix(rankingRows).map {
            RoundCompleted.RankedApplicant(rank: $0.scored.rank, applicantID: $0.scored.id, name: $0.scored.applicant, score: $0.scored.score)
        }
        let awards = ranked.compactMap { p -> RoundCompleted.Award? in
            guard p.recommended == true, let award = p.award else { return nil }
            return RoundCompleted.Award(applicantID: p.scored.id, amount: Int(award.rounded()))
        }
        return RoundCompleted(roundID: round.id, applicantsRanked: result.proposals.count, ranking: Array(ranking),
                              budget: Int((result.budget ?? 0).rounded()), currency: "GBP", awards: awards)
    }

    /// The stage and reason of a failed run.
    static func failure(_ error: any Error) -> (String, String) {
        if let f = error as? RunSettings.Failure { return (f.stage, f.description) }
        if case let ServiceStoreError.roundClosed(round)? = error as? ServiceStoreError {
            return ("closed", ServiceStoreError.roundClosed(round).description)
        }
        return ("inputs", ErrorMapping.apiError(error).detail)
    }
}
