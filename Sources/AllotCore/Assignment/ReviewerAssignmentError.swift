/// Why reviewers cannot be assigned, in words a panel secretary can act on.
public enum ReviewerAssignmentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Reviews per proposal below zero.
    case invalidReviewsPerProposal(Int)
    /// A maximum load below zero.
    case invalidMaxLoad(reviewer: String, maxLoad: Int)
    case duplicateProposal(String)
    case duplicateReviewer(String)
    /// Proposals that have fewer usable reviewers than reviews needed, each on its own.
    case tooFewReviewers([ProposalShortfall])
    /// Each proposal has enough reviewers on its own, but the reviewers' maximum loads cannot cover them together.
    case loadsCannotBeMet(LoadShortfall)

    public var description: String {
        switch self {
        case let .invalidReviewsPerProposal(k): "reviews per proposal must be from 0 to \(InputLimits.maxReviewsPerProposal), not \(k)"
        case let .invalidMaxLoad(reviewer, load): "reviewer \(reviewer) has a maximum load of \(load); it must be 0 or more"
        case let .duplicateProposal(id): "proposal \(id) is listed more than once"
        case let .duplicateReviewer(id): "reviewer \(id) is listed more than once"
        case let .tooFewReviewers(shortfalls): shortfalls.map(\.description).joined(separator: "; ")
        case let .loadsCannotBeMet(shortfall): shortfall.description
        }
    }
}

/// A proposal that cannot get its reviews: how many it needs, how many reviewers it can have, and who is ruled out.
public struct ProposalShortfall: Sendable, Hashable, Codable, CustomStringConvertible {
    public var proposal: String
    public var needed: Int
    /// Reviewers already assigned plus reviewers who could still be.
    public var available: Int
    /// Reviewers ruled out, by reviewer id.
    public var excluded: [ExcludedReviewer]

    public init(proposal: String, needed: Int, available: Int, excluded: [ExcludedReviewer]) {
        self.proposal = proposal
        self.needed = needed
        self.available = available
        self.excluded = excluded
    }

    public var description: String {
        let reviewers = needed == 1 ? "reviewer" : "reviewers"
        var text = "proposal \(proposal) needs \(needed) \(reviewers) but "
        guard !excluded.isEmpty else { return text + "the panel has only \(available)" }
        let what = excluded.allSatisfy(\.reason.isConflict) ? "not conflicted" : "available"
        text += "only \(available) \(available == 1 ? "is" : "are") \(what)"
        text += " (" + excluded.map(\.description).joined(separator: "; ") + ")"
        return text
    }
}

/// A reviewer who cannot take a proposal, and why.
public struct ExcludedReviewer: Sendable, Hashable, Codable, CustomStringConvertible {
    public var reviewer: String
    public var reason: ExclusionReason

    public init(reviewer: String, reason: ExclusionReason) {
        self.reviewer = reviewer
        self.reason = reason
    }

    public var description: String { "\(reviewer) \(reason)" }
}

/// Why a reviewer cannot take a proposal.
public enum ExclusionReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Conflicted with the applicant, named as the conflict names it.
    case conflictedApplicant(String)
    /// Conflicted with this proposal itself.
    case conflictedProposal
    /// Already holds as many reviews as the maximum allows.
    case atMaxLoad(Int)

    var isConflict: Bool {
        if case .atMaxLoad = self { return false }
        return true
    }

    public var description: String {
        switch self {
        case let .conflictedApplicant(name): "conflicted: applicant \(name)"
        case .conflictedProposal: "conflicted: this proposal"
        case let .atMaxLoad(load): "already at its maximum load of \(load)"
        }
    }
}

/// A set of proposals whose remaining reviews exceed what their reviewers can still take (a Hall violation).
public struct LoadShortfall: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Proposal ids, sorted.
    public var proposals: [String]
    /// Reviews these proposals still need in all.
    public var needed: Int
    /// The most they can get.
    public var possible: Int
    /// Every reviewer who may review any of them, with how many of their reviews each can take.
    public var reviewers: [ReviewerCapacity]

    public init(proposals: [String], needed: Int, possible: Int, reviewers: [ReviewerCapacity]) {
        self.proposals = proposals
        self.needed = needed
        self.possible = possible
        self.reviewers = reviewers
    }

    public var description: String {
        let who = reviewers.isEmpty ? "no reviewer may review them" : reviewers.map(\.description).joined(separator: ", ")
        let listed = proposals.count == 1 ? "proposal \(proposals[0])" : "proposals " + proposals.joined(separator: ", ")
        return "reviewers' maximum loads cannot be met: \(listed) need \(needed) more reviews but can get at most \(possible) (\(who))"
    }
}

/// How many more reviews of a group of proposals one reviewer can take, and what limits it.
public struct ReviewerCapacity: Sendable, Hashable, Codable, CustomStringConvertible {
    public var reviewer: String
    public var more: Int
    /// Set when the reviewer's maximum load is the limit; nil when the limit is the proposals they may review.
    public var maxLoad: Int?

    public init(reviewer: String, more: Int, maxLoad: Int?) {
        self.reviewer = reviewer
        self.more = more
        self.maxLoad = maxLoad
    }

    public var description: String {
        if let maxLoad { return "\(reviewer) \(more) more before its maximum load of \(maxLoad)" }
        return "\(reviewer) \(more), every one of them it may review"
    }
}
