import AllotCore
import Foundation
import PostgresNIO

/// A round's proposals on PostgreSQL (`round_proposal`).
extension PostgresRoundRepository {
    static let proposalColumns = "round, id, applicant, title, requested, body, withdrawn_at"

    /// Adds or replaces proposals by id, in one transaction with the entries. A new proposal goes after the round's
    /// last (`position`); a known one keeps its place and stays withdrawn if it was.
    ///
    /// The next position is read from the table, which two instances loading proposals into one round at once would
    /// both read alike: so the rounds' rows are locked first (FOR UPDATE, in id order so two loads never wait on each
    /// other crosswise), and loads into one round take turns, as SQLite's single writer makes them.
    func saveProposals(_ proposals: [StoredProposal], activity: [ActivityEntry]) async throws {
        try await store.transaction { connection in
            for round in Set(proposals.map(\.round)).sorted() {
                try await connection.query("SELECT id FROM round WHERE id = \(round) FOR UPDATE", logger: store.logger)
            }
            for p in proposals {
                // An upsert, as SQLite's: the conflict branch leaves position and withdrawn_at alone.
                try await connection.query("""
                    INSERT INTO round_proposal (round, id, applicant, title, requested, body, position)
                    VALUES (\(p.round), \(p.id), \(p.applicant), \(p.title), \(p.requested), \(p.json),
                            (SELECT COALESCE(MAX(position), 0) + 1 FROM round_proposal WHERE round = \(p.round)))
                    ON CONFLICT (round, id) DO UPDATE SET applicant = excluded.applicant, title = excluded.title,
                        requested = excluded.requested, body = excluded.body
                    """, logger: store.logger)
            }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
        }
    }

    /// In the order they were loaded.
    func proposals(round: String) async throws -> [StoredProposal] {
        try await store.rows("SELECT \(unescaped: Self.proposalColumns) FROM round_proposal WHERE round = \(round) ORDER BY position")
            .map(Self.proposal)
    }

    func proposal(round: String, id: String) async throws -> StoredProposal? {
        try await store.rows("SELECT \(unescaped: Self.proposalColumns) FROM round_proposal WHERE round = \(round) AND id = \(id)")
            .first.map(Self.proposal)
    }

    /// One conditional UPDATE: of two instances withdrawing one proposal at once, one changes the row and keeps its
    /// entries; the other (waiting on the row, then finding it withdrawn) gets false.
    func withdrawProposal(round: String, id: String, at: Date, activity: [ActivityEntry]) async throws -> Bool {
        try await store.transaction { connection in
            let withdrawn = try await connection.query("""
                UPDATE round_proposal SET withdrawn_at = \(at.postgres)
                WHERE round = \(round) AND id = \(id) AND withdrawn_at IS NULL RETURNING id
                """, logger: store.logger).collect()
            guard withdrawn.count == 1 else { return false }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return true
        }
    }

    static func proposal(_ row: PostgresRow) throws -> StoredProposal {
        let (round, id, applicant, title, requested, body, withdrawnAt) = try row.decode(
            (String, String, String, String, Double, String, PostgresTime?).self)
        return StoredProposal(round: round, id: id, applicant: applicant, title: title, requested: requested, json: body,
                              withdrawnAt: withdrawnAt?.date)
    }
}
