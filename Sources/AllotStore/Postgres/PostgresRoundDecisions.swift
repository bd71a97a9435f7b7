import Foundation
import Logging
import PostgresNIO

/// A round's decisions on PostgreSQL (`round_decision`): the audit trail, appended to and read oldest first. Recording
/// them (which enqueues a webhook event) is in `PostgresRoundRepository+Events`.
extension PostgresRoundRepository {
    static let decisionColumns = """
        id, proposal, decision, amount, reason, decided_by, run_id, recommended_fund, recommended_amount, departed, decided_at
        """

    /// Oldest first (the identity column numbers them in insertion order).
    func decisions(round: String) async throws -> [DecisionRecord] {
        try await store.rows("SELECT \(unescaped: Self.decisionColumns) FROM round_decision WHERE round = \(round) ORDER BY id")
            .map { row in
                let (id, proposal, decision, amount, reason, decidedBy, runID, recommendedFund, recommendedAmount, departed, decidedAt) =
                    try row.decode((Int64, String, String, Double?, String?, String, String?, Bool?, Double?, Bool, PostgresTime).self)
                // An unreadable outcome is a corrupt audit trail, never silently a decline.
                guard let outcome = DecisionRecord.Outcome(rawValue: decision) else {
                    throw ServiceStoreError.corrupt("round_decision.decision \(id) of round \(round)")
                }
                return DecisionRecord(proposal: proposal, decision: outcome, amount: amount, reason: reason, decidedBy: decidedBy,
                                      runID: runID, recommendedFund: recommendedFund, recommendedAmount: recommendedAmount,
                                      departed: departed, decidedAt: decidedAt.date)
            }
    }

    /// Appends one decision on `connection` (inside `recordDecisions`'s transaction).
    static func insertDecision(_ d: DecisionRecord, round: String, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("""
            INSERT INTO round_decision (round, proposal, decision, amount, reason, decided_by, run_id, recommended_fund,
                                        recommended_amount, departed, decided_at)
            VALUES (\(round), \(d.proposal), \(d.decision.rawValue), \(d.amount), \(d.reason), \(d.decidedBy), \(d.runID),
                    \(d.recommendedFund), \(d.recommendedAmount), \(d.departed), \(d.decidedAt.postgres))
            """, logger: logger)
    }
}
