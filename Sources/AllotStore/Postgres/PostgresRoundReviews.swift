import Foundation
import PostgresNIO

/// A round's submitted reviews and reviewers' saved drafts on PostgreSQL (`round_review`, `review_draft`).
extension PostgresRoundRepository {
    /// Adds or replaces reviews by (proposal, reviewer, criterion) and drops those reviewers' drafts of those
    /// proposals, in one transaction with the entries.
    func saveReviews(_ reviews: [ReviewRecord], round: String, activity: [ActivityEntry]) async throws {
        try await store.transaction { connection in
            for r in reviews {
                // SQLite's INSERT OR REPLACE: every column of the review takes the new value.
                try await connection.query("""
                    INSERT INTO round_review (round, proposal, reviewer, criterion, score, comment, submitted_at)
                    VALUES (\(round), \(r.proposal), \(r.reviewer), \(r.criterion), \(r.score), \(r.comment), \(r.submittedAt.postgres))
                    ON CONFLICT (round, proposal, reviewer, criterion) DO UPDATE SET
                        score = excluded.score, comment = excluded.comment, submitted_at = excluded.submitted_at
                    """, logger: store.logger)
            }
            for key in Set(reviews.map { [$0.proposal, $0.reviewer] }) {
                try await connection.query("""
                    DELETE FROM review_draft WHERE round = \(round) AND proposal = \(key[0]) AND reviewer = \(key[1])
                    """, logger: store.logger)
            }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
        }
    }

    /// By proposal, reviewer, then criterion, in byte order (COLLATE "C", as SQLite orders them).
    func reviews(round: String) async throws -> [ReviewRecord] {
        try await store.rows("""
            SELECT proposal, reviewer, criterion, score, comment, submitted_at FROM round_review WHERE round = \(round)
            ORDER BY proposal COLLATE "C", reviewer COLLATE "C", criterion COLLATE "C"
            """).map { row in
            let (proposal, reviewer, criterion, score, comment, submittedAt) = try row.decode(
                (String, String, String, Double, String?, PostgresTime).self)
            return ReviewRecord(proposal: proposal, reviewer: reviewer, criterion: criterion, score: score, comment: comment,
                                submittedAt: submittedAt.date)
        }
    }

    /// Keeps the draft, replacing the reviewer's earlier one of the proposal (one upsert).
    func saveDraft(_ d: ReviewDraft) async throws {
        try await store.rows("""
            INSERT INTO review_draft (round, proposal, reviewer, body, saved_at)
            VALUES (\(d.round), \(d.proposal), \(d.reviewer), \(d.body), \(d.savedAt.postgres))
            ON CONFLICT (round, proposal, reviewer) DO UPDATE SET body = excluded.body, saved_at = excluded.saved_at
            """)
    }

    func draft(round: String, proposal: String, reviewer: String) async throws -> ReviewDraft? {
        try await store.rows("""
            SELECT body, saved_at FROM review_draft WHERE round = \(round) AND proposal = \(proposal) AND reviewer = \(reviewer)
            """).first.map { row in
            let (body, savedAt) = try row.decode((String, PostgresTime).self)
            return ReviewDraft(round: round, proposal: proposal, reviewer: reviewer, body: body, savedAt: savedAt.date)
        }
    }
}
