import AllotCore
import AllotRounds
import Foundation

/// A round's stored result document (`GET /v1/rounds/{round}/results`) read back: the web pages show these bytes'
/// figures, so a page and its API twin cannot disagree. Only what the pages show is read.
struct ResultDocument: Decodable, Sendable {
    struct Calibration: Decodable, Sendable {
        let method: String
        let reason: String
        let dropped: [String]
        let underReviewed: [String]
        enum CodingKeys: String, CodingKey { case method, reason, dropped; case underReviewed = "under_reviewed" }
    }

    struct Robustness: Decodable, Sendable {
        let samples: Int
    }

    let round: String
    let budget: Double?
    let weights: [String: Double]
    /// The constraints the run applied (the round's own, or Config/scoring.yaml's defaults).
    let constraintSettings: RoundConstraints?
    let proposals: [RoundProposal]
    let allocated: Double?
    let objective: Double?
    let constraints: [ConstraintLine]?
    let byGroup: [MoneyLine]?
    let byRIC: [MoneyLine]?
    let solver: String?
    let robustness: Robustness?
    let calibration: Calibration
    let notes: [String]

    enum CodingKeys: String, CodingKey {
        case round, budget, weights, proposals, allocated, objective, constraints, solver, robustness, calibration, notes
        case byGroup = "by_group", byRIC = "by_ric", constraintSettings = "constraint_settings"
    }
}
