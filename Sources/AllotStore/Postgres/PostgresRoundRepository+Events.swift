import AllotCore
import Foundation
import PostgresNIO

/// The round changes that enqueue webhook events, each in one transaction with its events and activity entries (the
/// outbox bell rings after the commit, when a message was queued); and `RoundRepository`, now that every method is here.
extension PostgresRoundRepository: RoundRepository {
    public func replaceAssignments(_ assignments: [AssignmentRecord], round: String, at: Date, events: [OutboxEvent],
                                   activity: [ActivityEntry]) throws {
        try store.wait { try await replaceAssignments(assignments, round: round, at: at, events: events, activity: activity) }
    }

    public func declareConflict(_ conflict: ConflictRecord, dropping assignment: AssignmentRecord, round: String, at: Date,
                                event: OutboxEvent, activity: [ActivityEntry]) throws {
        try store.wait { try await declareConflict(conflict, dropping: assignment, round: round, at: at, event: event, activity: activity) }
    }

    public func recordDecisions(_ decisions: [DecisionRecord], round: String, at: Date, event: OutboxEvent?, activity: [ActivityEntry]) throws {
        try store.wait { try await recordDecisions(decisions, round: round, at: at, event: event, activity: activity) }
    }

    /// Deletes the round's assignments and inserts the new ones (a repeat ignored), with `events` and the entries.
    func replaceAssignments(_ assignments: [AssignmentRecord], round: String, at: Date, events: [OutboxEvent],
                            activity: [ActivityEntry]) async throws {
        let queued = try await store.transaction { connection in
            try await connection.query("DELETE FROM round_assignment WHERE round = \(round)", logger: store.logger)
            for a in assignments {
                try await connection.query("""
                    INSERT INTO round_assignment (round, proposal, reviewer, assigned_at)
                    VALUES (\(round), \(a.proposal), \(a.reviewer), \(at.postgres)) ON CONFLICT DO NOTHING
                    """, logger: store.logger)
            }
            var queued = 0
            for event in events { queued += try await PostgresOutbox.enqueue(event, on: connection, now: at, logger: store.logger) }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return queued
        }
        if queued > 0 { OutboxBell.shared.ring() }
    }

    /// A reviewer's own conflict: the conflict (a repeat ignored), that one assignment dropped, and `event`.
    func declareConflict(_ c: ConflictRecord, dropping a: AssignmentRecord, round: String, at: Date, event: OutboxEvent,
                         activity: [ActivityEntry]) async throws {
        let queued = try await store.transaction { connection in
            try await Self.insertConflict(c, round: round, on: connection, logger: store.logger)
            try await connection.query("""
                DELETE FROM round_assignment WHERE round = \(round) AND proposal = \(a.proposal) AND reviewer = \(a.reviewer)
                """, logger: store.logger)
            let queued = try await PostgresOutbox.enqueue(event, on: connection, now: at, logger: store.logger)
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return queued
        }
        if queued > 0 { OutboxBell.shared.ring() }
    }

    /// Appends the decisions, moves the round to `decided` (whatever its state, as SQLite does), and enqueues `event`.
    func recordDecisions(_ decisions: [DecisionRecord], round: String, at: Date, event: OutboxEvent?, activity: [ActivityEntry]) async throws {
        let queued = try await store.transaction { connection in
            for d in decisions { try await Self.insertDecision(d, round: round, on: connection, logger: store.logger) }
            try await connection.query("""
                UPDATE round SET state = \(RoundState.decided.rawValue), updated_at = \(at.postgres) WHERE id = \(round)
                """, logger: store.logger)
            var queued = 0
            if let event { queued = try await PostgresOutbox.enqueue(event, on: connection, now: at, logger: store.logger) }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return queued
        }
        if queued > 0 { OutboxBell.shared.ring() }
    }
}
