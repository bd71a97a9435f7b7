import AllotCore
import Foundation
import Logging
import PostgresNIO

/// A round's declared conflicts and its reviewer assignments on PostgreSQL (`round_conflict`, `round_assignment`).
/// The changes that enqueue webhook events are in `PostgresRoundRepository+Events`.
extension PostgresRoundRepository {
    /// Adds conflicts keyed by `ApplicantKey`; repeats are ignored (ON CONFLICT DO NOTHING, SQLite's INSERT OR IGNORE).
    func addConflicts(_ conflicts: [ConflictRecord], round: String, activity: [ActivityEntry]) async throws {
        try await store.transaction { connection in
            for c in conflicts {
                // The webhook audience gate reads these rows at send time: a conflicted reviewer is never notified
                // about the applicant, even by a message queued before the conflict.
                try await Self.insertConflict(c, round: round, on: connection, logger: store.logger)
            }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
        }
    }

    /// By reviewer, then applicant key, in byte order (COLLATE "C", as SQLite orders them).
    func conflicts(round: String) async throws -> [ConflictRecord] {
        try await store.rows("""
            SELECT reviewer, applicant FROM round_conflict WHERE round = \(round)
            ORDER BY reviewer COLLATE "C", applicant_key COLLATE "C"
            """).map { row in
            let (reviewer, applicant) = try row.decode((String, String).self)
            return ConflictRecord(reviewer: reviewer, applicant: applicant)
        }
    }

    /// Removes the conflict (applicant by `ApplicantKey`, reviewer as `ConflictKey` compares it); false, and no
    /// entries kept, when there was none.
    func removeConflict(_ c: ConflictRecord, round: String, activity: [ActivityEntry]) async throws -> Bool {
        try await store.transaction { connection in
            // Reviewer ids compare as `ConflictKey` does, in Swift, as on SQLite: SQL's lower and trim depend on the
            // collation and the kind of space, and would miss a reviewer named with an accent or padded with a tab.
            let key = ApplicantKey(c.applicant).value
            let reviewers = try await connection.query("""
                SELECT reviewer FROM round_conflict WHERE round = \(round) AND applicant_key = \(key)
                """, logger: store.logger).collect().map { try $0.decode(String.self) }
                .filter { ConflictKey.reviewer($0) == ConflictKey.reviewer(c.reviewer) }
            guard !reviewers.isEmpty else { return false }
            try await connection.query("""
                DELETE FROM round_conflict WHERE round = \(round) AND applicant_key = \(key) AND reviewer = ANY(\(reviewers)::text[])
                """, logger: store.logger)
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return true
        }
    }

    /// By proposal, then reviewer, in byte order.
    func assignments(round: String) async throws -> [AssignmentRecord] {
        try await store.rows("""
            SELECT proposal, reviewer FROM round_assignment WHERE round = \(round)
            ORDER BY proposal COLLATE "C", reviewer COLLATE "C"
            """).map { row in
            let (proposal, reviewer) = try row.decode((String, String).self)
            return AssignmentRecord(proposal: proposal, reviewer: reviewer)
        }
    }

    /// One conflict row, a repeat ignored (shared by `addConflicts` and `declareConflict`).
    static func insertConflict(_ c: ConflictRecord, round: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO round_conflict (round, reviewer, applicant, applicant_key)
            VALUES (\(round), \(c.reviewer), \(c.applicant), \(ApplicantKey(c.applicant).value))
            ON CONFLICT DO NOTHING
            """, logger: logger)
    }
}
