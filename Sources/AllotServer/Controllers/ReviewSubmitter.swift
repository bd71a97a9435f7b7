import AllotCore
import AllotStore
import Foundation
import Logging

/// One score a reviewer gives, with where it came from for error messages (`$` for the API's JSON body, a form
/// field's name on the review page).
struct ReviewScore: Sendable {
    let criterion: String?
    let score: Double
    let comment: String?
    let path: String
}

/// A reviewer's own scores for one proposal assigned to it: the one place they are checked and stored, called by
/// `POST /v1/rounds/{round}/reviews` (one score) and by the review page's form (every criterion at once). Nothing of a
/// submission is stored unless all of it is valid.
struct ReviewSubmitter<Rounds: RoundRepository>: Sendable {
    let rounds: Rounds
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.reviews")

    /// The criterion of a reviewer's single score when none is named.
    static var defaultCriterion: String { "overall" }

    func submit(_ scores: [ReviewScore], proposal: String, in round: RoundRecord, scope: ReviewerScope, by identity: Identity) throws -> [ReviewRecord] {
        try RoundController<Rounds>.writable(round)
        guard scope.canSee(proposal) else { throw APIError.notFound("no proposal '\(proposal)' assigned to you in round '\(round.id)'") }
        let scale = try ReviewScale.of(round)
        let known = try criteria(round: round.id)
        let at = now()
        let records = try scores.map { s in
            guard s.score.isFinite, scale.contains(s.score) else {
                throw APIError.invalid("\(s.path).score: \(s.score) is not valid: expected a score from \(scale.lowerBound) to \(scale.upperBound)",
                                       path: "\(s.path).score")
            }
            if let comment = s.comment { try TextLimits.check(comment, path: "\(s.path).comment", limit: InputLimits.maxCommentLength) }
            let criterion = try Self.criterion(s.criterion, known: known, round: round.id, path: s.path)
            return ReviewRecord(proposal: proposal, reviewer: scope.reviewer, criterion: criterion, score: s.score, comment: s.comment, submittedAt: at)
        }
        let earlier = try rounds.reviews(round: round.id).filter { $0.proposal == proposal && scope.isSelf($0.reviewer) }
        let entry = try Activity.entry(.reviewsSubmitted, by: identity, at: at, round: round.id, subject: proposal,
                                       summary: "\(scope.reviewer) submitted \(records.count) score\(records.count == 1 ? "" : "s") for \(proposal)",
                                       before: earlier.isEmpty ? nil : earlier, after: records)
        try rounds.saveReviews(records, round: round.id, activity: [entry])
        logger.info("Reviews stored", metadata: ["round": "\(round.id)", "count": "\(records.count)", "role": "reviewer"])
        return records
    }

    /// The criteria a reviewer may score in a round: `overall`, and those the panel's reviews (the admin's CSV) already
    /// use, spelled as stored, in that order (overall first, the rest by name).
    func criteria(round: String) throws -> [String] {
        var known = [WordingKey.normalise(Self.defaultCriterion): Self.defaultCriterion]
        for r in try rounds.reviews(round: round) where known[WordingKey.normalise(r.criterion)] == nil {
            known[WordingKey.normalise(r.criterion)] = r.criterion
        }
        return [Self.defaultCriterion] + known.values.filter { $0 != Self.defaultCriterion }.sorted()
    }

    /// The criterion asked for, spelled as stored; anything else is 422, so a reviewer cannot add score rows without
    /// bound.
    static func criterion(_ asked: String?, known: [String], round: String, path: String) throws -> String {
        guard let asked else { return defaultCriterion }
        guard let criterion = known.first(where: { WordingKey.normalise($0) == WordingKey.normalise(asked) }) else {
            throw APIError.invalid("\(path).criterion: '\(TextLimits.shown(asked))' is not a criterion of round \(round); expected one of \(known.sorted().joined(separator: ", "))",
                                   path: "\(path).criterion")
        }
        return criterion
    }
}

/// A round's score scale.
enum ReviewScale {
    /// The round's scale (checked when the round was stored; a stored value that fails the check now is refused, not
    /// replaced).
    static func of(_ round: RoundRecord) throws -> ClosedRange<Double> {
        guard let s = round.settings.scoreScale else { return 1...5 }
        do throws(ScoringSettingsCheck.Problem) { return try ScoringSettingsCheck.scoreScale(s) } catch {
            throw APIError.invalid("round '\(round.id)' has a stored \(error.description)", path: "$.score_scale")
        }
    }
}
