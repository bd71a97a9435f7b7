import Foundation

/// An assigned review not yet submitted.
public struct OutstandingReview: Sendable, Hashable, Codable {
    public var round: String
    public var reviewer: String
    public var proposal: String

    public init(round: String, reviewer: String, proposal: String) {
        self.round = round
        self.reviewer = reviewer
        self.proposal = proposal
    }
}

/// A reminder already sent to a reviewer about a round.
public struct SentReminder: Sendable, Hashable, Codable {
    public var round: String
    public var reviewer: String
    public var at: Date

    public init(round: String, reviewer: String, at: Date) {
        self.round = round
        self.reviewer = reviewer
        self.at = at
    }
}

/// A reminder to send now: one reviewer, one round, the reviews still outstanding.
public struct DueReminder: Sendable, Hashable, Codable {
    public var round: String
    public var reviewer: String
    /// Proposal ids, sorted.
    public var proposals: [String]
    public var deadline: Date
    /// In words, for logs and the message.
    public var reason: String

    public init(round: String, reviewer: String, proposals: [String], deadline: Date, reason: String) {
        self.round = round
        self.reviewer = reviewer
        self.proposals = proposals
        self.deadline = deadline
        self.reason = reason
    }
}
