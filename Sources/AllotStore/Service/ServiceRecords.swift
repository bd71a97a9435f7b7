import AllotCore
import Foundation

/// A survey's schedule: when it opens and closes, and when it was closed.
public struct SurveySchedule: Sendable, Equatable, Codable {
    public var id: String
    public var title: String?
    public var year: String?
    public var opensAt: Date?
    public var closesAt: Date?
    public var closedAt: Date?
    public var createdAt: Date

    /// Creates a schedule.
    public init(id: String, title: String? = nil, year: String? = nil, opensAt: Date? = nil, closesAt: Date? = nil,
                closedAt: Date? = nil, createdAt: Date) {
        self.id = id
        self.title = title
        self.year = year
        self.opensAt = opensAt
        self.closesAt = closesAt
        self.closedAt = closedAt
        self.createdAt = createdAt
    }
}

/// Where a survey is in its life: before its open time, taking responses, or closed.
public enum SurveyState: String, Sendable, Codable {
    case scheduled, open, closed
}

extension SurveySchedule {
    /// The survey's state at `now`: closed once closed (by the scheduler at its close time, or by hand), scheduled before
    /// its open time, otherwise open. The daemon's survey view and `allot survey list` both say this.
    public func state(at now: Date) -> SurveyState {
        if closedAt != nil { return .closed }
        if let opensAt, opensAt > now { return .scheduled }
        return .open
    }
}

/// The kinds of supply file the daemon keeps.
public enum SupplyKind: String, Sendable, Codable, CaseIterable {
    case participation, activity, workforce
}

/// One uploaded supply file, kept raw so the gap model can always be rebuilt from it.
public struct SupplyUpload: Sendable, Equatable, Codable {
    public var id: Int64
    public var kind: SupplyKind
    public var fileName: String
    public var sha256: String
    public var rows: Int
    public var uploadedAt: Date
}

/// A round as stored: its settings are JSON (see `RoundSettings`).
public struct RoundRecord: Sendable, Equatable {
    public var id: String
    public var name: String
    public var state: RoundState
    public var settings: RoundSettings
    public var createdAt: Date
    public var updatedAt: Date

    /// Creates a record.
    public init(id: String, name: String, state: RoundState, settings: RoundSettings, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.state = state
        self.settings = settings
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// One proposal of a round: its summary columns and its record in the proposal JSON format.
public struct StoredProposal: Sendable, Equatable {
    public var round: String
    public var id: String
    public var applicant: String
    public var title: String
    public var requested: Double
    /// The proposal as a JSON object in the format of `shared/spec/supply-and-proposals.md`.
    public var json: String
    /// When it was withdrawn; a withdrawn proposal is in no run and on no reviewer's list.
    public var withdrawnAt: Date?

    /// Creates a stored proposal.
    public init(round: String, id: String, applicant: String, title: String, requested: Double, json: String, withdrawnAt: Date? = nil) {
        self.withdrawnAt = withdrawnAt
        self.round = round
        self.id = id
        self.applicant = applicant
        self.title = title
        self.requested = requested
        self.json = json
    }
}

/// A reviewer's saved, unsubmitted scores of one proposal: the scoring form's fields as JSON text.
public struct ReviewDraft: Sendable, Equatable {
    public var round: String
    public var proposal: String
    public var reviewer: String
    public var body: String
    public var savedAt: Date

    /// Creates a draft.
    public init(round: String, proposal: String, reviewer: String, body: String, savedAt: Date) {
        self.round = round
        self.proposal = proposal
        self.reviewer = reviewer
        self.body = body
        self.savedAt = savedAt
    }
}

/// A reviewer who can be assigned proposals.
public struct ReviewerRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var email: String?
    /// Creates a reviewer.
    public init(id: String, name: String, email: String? = nil) { self.id = id; self.name = name; self.email = email }
}

/// A reviewer who must never see an applicant's proposals in a round.
public struct ConflictRecord: Sendable, Equatable, Hashable, Codable {
    public var reviewer: String
    public var applicant: String
    /// Creates a conflict.
    public init(reviewer: String, applicant: String) { self.reviewer = reviewer; self.applicant = applicant }
}

/// A reviewer asked to review a proposal.
public struct AssignmentRecord: Sendable, Equatable, Hashable, Codable {
    public var proposal: String
    public var reviewer: String
    /// Creates an assignment.
    public init(proposal: String, reviewer: String) { self.proposal = proposal; self.reviewer = reviewer }
}

/// One stored score.
public struct ReviewRecord: Sendable, Equatable, Codable {
    public var proposal: String
    public var reviewer: String
    public var criterion: String
    public var score: Double
    public var comment: String?
    public var submittedAt: Date

    /// Creates a review.
    public init(proposal: String, reviewer: String, criterion: String, score: Double, comment: String?, submittedAt: Date) {
        self.proposal = proposal
        self.reviewer = reviewer
        self.criterion = criterion
        self.score = score
        self.comment = comment
        self.submittedAt = submittedAt
    }
}

/// A run's status.
public enum RunStatus: String, Sendable, Codable {
    case running, succeeded, failed
}

/// One evaluation of a round, with what it was computed from.
public struct RoundRunRecord: Sendable, Equatable, Codable {
    public var id: String
    public var round: String
    /// `api`, `schedule`, `survey-closed`, `startup`...
    public var trigger: String
    public var status: RunStatus
    public var startedAt: Date
    public var finishedAt: Date?
    /// Input name -> SHA-256 hex of its canonical bytes.
    public var inputs: [String: String]
    /// The settings and weights the run used, as JSON text.
    public var config: String
    public var codeVersion: String
    public var error: String?
    /// 1 for a first run; 2 for the one retry of a run whose process died.
    public var attempt: Int

    /// Creates a run record.
    public init(id: String, round: String, trigger: String, status: RunStatus, startedAt: Date, finishedAt: Date? = nil,
                inputs: [String: String], config: String, codeVersion: String, error: String? = nil, attempt: Int = 1) {
        self.attempt = attempt
        self.id = id
        self.round = round
        self.trigger = trigger
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.inputs = inputs
        self.config = config
        self.codeVersion = codeVersion
        self.error = error
    }
}

/// The panel's decision on one proposal, kept as an audit trail (every decision is a new row).
public struct DecisionRecord: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable { case fund, decline }
    public var proposal: String
    public var decision: Outcome
    public var amount: Double?
    public var reason: String?
    public var decidedBy: String
    /// The run whose recommendation it was measured against.
    public var runID: String?
    public var recommendedFund: Bool?
    public var recommendedAmount: Double?
    /// True when the decision departs from the recommendation.
    public var departed: Bool
    public var decidedAt: Date

    /// Creates a decision.
    public init(proposal: String, decision: Outcome, amount: Double?, reason: String?, decidedBy: String, runID: String?,
                recommendedFund: Bool?, recommendedAmount: Double?, departed: Bool, decidedAt: Date) {
        self.proposal = proposal
        self.decision = decision
        self.amount = amount
        self.reason = reason
        self.decidedBy = decidedBy
        self.runID = runID
        self.recommendedFund = recommendedFund
        self.recommendedAmount = recommendedAmount
        self.departed = departed
        self.decidedAt = decidedAt
    }
}

/// A role an API token carries.
public enum TokenRole: String, Sendable, Codable, CaseIterable {
    case admin, analyst, reviewer
}

/// An API token as stored: only its SHA-256 hash, never the token.
public struct TokenRecord: Sendable, Equatable, Codable {
    public var id: String
    public var name: String
    public var role: TokenRole
    public var reviewerID: String?
    public var createdAt: Date
    public var revokedAt: Date?
    /// When it last signed a request or a page in (kept to the minute, so a busy token costs no write per request).
    public var lastUsedAt: Date?

    /// Creates a record.
    public init(id: String, name: String, role: TokenRole, reviewerID: String?, createdAt: Date, revokedAt: Date? = nil,
                lastUsedAt: Date? = nil) {
        self.lastUsedAt = lastUsedAt
        self.id = id
        self.name = name
        self.role = role
        self.reviewerID = reviewerID
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// What the service store can fail with.
public enum ServiceStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(kind: String, id: String)
    case alreadyExists(kind: String, id: String)
    case corrupt(String)
    /// A run finished after its round was closed: its result is not kept.
    case roundClosed(String)

    public var description: String {
        switch self {
        case let .notFound(kind, id): "no \(kind) '\(id)'"
        case let .alreadyExists(kind, id): "\(kind) '\(id)' already exists"
        case let .corrupt(what): "the store holds a value it cannot read: \(what)"
        case let .roundClosed(round): "round \(round) was closed during the run; its result was not kept"
        }
    }
}
