import Foundation
import GRDB

/// What became of one delivery attempt, as the dispatcher decided it.
public enum AttemptOutcome: Sendable, Equatable {
    /// The receiver accepted it (2xx).
    case delivered
    /// Failed; try again at the given time.
    case retry(at: Date)
    /// Dead-lettered: no more automatic attempts.
    case failed(reason: String)
    /// Not sent: the endpoint's reviewer may not see it.
    case suppressed(reason: String)

    var logName: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "retry"
        case .failed: "failed"
        case .suppressed: "suppressed"
        }
    }
}

/// One attempt to record in the delivery log.
public struct AttemptRecord: Sendable, Equatable {
    /// Row id in `webhook_message`.
    public var messageID: Int64
    /// When the request started.
    public var startedAt: Date
    /// Wall time of the request.
    public var durationMS: Double
    /// HTTP status, nil when no response arrived (refused, timed out, blocked target).
    public var statusCode: Int?
    /// Transport error or refusal, if any.
    public var error: String?
    /// The start of the response body, already capped.
    public var responseSnippet: String?
    /// The dispatcher's decision.
    public var outcome: AttemptOutcome

    /// Creates an attempt record.
    public init(
        messageID: Int64, startedAt: Date, durationMS: Double, statusCode: Int?, error: String?,
        responseSnippet: String?, outcome: AttemptOutcome
    ) {
        self.messageID = messageID
        self.startedAt = startedAt
        self.durationMS = durationMS
        self.statusCode = statusCode
        self.error = error
        self.responseSnippet = responseSnippet
        self.outcome = outcome
    }
}

extension Outbox {
    /// Appends the attempt to the log and moves its message on (delivered, rescheduled, dead-lettered or
    /// suppressed), releasing the lease. A message no longer pending (redelivered meanwhile) only gains the log row.
    public static func record(_ attempt: AttemptRecord, now: Date, in db: Database) throws {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO webhook_attempt (message_id, started_at, duration_ms, status_code, outcome, error,
                response_snippet) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        try insert.execute(arguments: [
            attempt.messageID, attempt.startedAt.timeIntervalSince1970, attempt.durationMS, attempt.statusCode,
            attempt.outcome.logName, attempt.error, attempt.responseSnippet,
        ])
        let next = MessageTransition(attempt, now: now)
        let update = try db.cachedStatement(sql: """
            UPDATE webhook_message SET state = ?, attempts = attempts + ?, next_attempt_at = ?, lease_until = NULL,
                finished_at = ?, last_status = ?, last_error = ?
            WHERE id = ? AND state = 'pending'
            """)
        try update.execute(arguments: [
            next.state.rawValue, next.counted, next.nextAttemptAt?.timeIntervalSince1970, next.finishedAt?.timeIntervalSince1970,
            attempt.statusCode, next.lastError, attempt.messageID,
        ])
    }
}

/// Where one attempt moves its message, whichever store records it: delivered, rescheduled, dead-lettered or
/// suppressed, and whether the attempt counts against the message's attempts (a suppressed one does not).
struct MessageTransition {
    let state: MessageState
    let nextAttemptAt: Date?
    let finishedAt: Date?
    let lastError: String?
    let counted: Int64

    init(_ attempt: AttemptRecord, now: Date) {
        var nextAttemptAt: Date?
        var finishedAt: Date? = now
        var lastError = attempt.error
        switch attempt.outcome {
        case .delivered:
            state = .delivered
        case let .retry(at):
            state = .pending
            nextAttemptAt = at
            finishedAt = nil
        case let .failed(reason):
            state = .failed
            lastError = reason
        case let .suppressed(reason):
            state = .suppressed
            lastError = reason
        }
        self.nextAttemptAt = nextAttemptAt
        self.finishedAt = finishedAt
        self.lastError = lastError
        counted = if case .suppressed = attempt.outcome { 0 } else { 1 }
    }
}
