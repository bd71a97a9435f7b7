import Foundation

/// `round.decided`: the panel recorded its decisions on a round, with where it departed from the recommendation.
public struct RoundDecided: WebhookPayload, Equatable {
    public static let eventType = WebhookEventType.roundDecided

    /// One proposal's decision.
    public struct Decision: Encodable, Sendable, Equatable {
        public var proposalID: String
        /// `fund` or `decline`.
        public var decision: String
        public var amount: Double?
        /// Whether it departs from the recommended portfolio (then `reason` is the panel's).
        public var departed: Bool
        public var reason: String?

        /// Creates a decision.
        public init(proposalID: String, decision: String, amount: Double?, departed: Bool, reason: String?) {
            self.proposalID = proposalID
            self.decision = decision
            self.amount = amount
            self.departed = departed
            self.reason = reason
        }
    }

    /// Round id.
    public var roundID: String
    /// The run whose recommendation the decisions were taken against.
    public var runID: String?
    /// The token name that recorded them.
    public var decidedBy: String
    public var decisions: [Decision]
    /// Proposals funded and money awarded in the round so far.
    public var funded: Int
    public var totalAwarded: Double

    /// Creates the payload.
    public init(roundID: String, runID: String?, decidedBy: String, decisions: [Decision], funded: Int, totalAwarded: Double) {
        self.roundID = roundID
        self.runID = runID
        self.decidedBy = decidedBy
        self.decisions = decisions
        self.funded = funded
        self.totalAwarded = totalAwarded
    }

    public var plainText: String {
        let departures = decisions.filter(\.departed).count
        return "Round \(roundID): the panel recorded \(decisions.count) decision(s), \(funded) funded, GBP \(Int(totalAwarded.rounded())) awarded"
            + (departures > 0 ? ", \(departures) departing from the recommendation." : ".")
    }
}
