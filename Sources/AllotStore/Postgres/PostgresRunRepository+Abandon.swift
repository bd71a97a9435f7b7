import Foundation
import PostgresNIO

/// Failing the runs a stopped instance left running (`RunRepository.abandonRunning`) on PostgreSQL.
extension PostgresRunRepository {
    /// One statement, where SQLite reads the running runs and the held leases and then writes in its single writer's
    /// transaction. Here several instances may abandon at once, and another may be taking a round's lease and starting
    /// its run meanwhile, so:
    /// - the UPDATE's `status = 'running'` is checked again on each row once any concurrent writer of it has
    ///   committed (READ COMMITTED re-evaluates an updated row), so of two instances abandoning at once each run is
    ///   failed, and returned, by one only; nor is a run that has just finished made failed;
    /// - the lease test is in the same statement, so it reads the same snapshot as the runs: a run is started only
    ///   after its instance took the lease, so any snapshot that sees the run also sees the lease (a live run's lease
    ///   is renewed long before it expires), and a run in progress elsewhere is never failed.
    /// The lease's name is `LeaseName.roundRun`'s key, its prefix bound from Swift so the spelling lives in one place.
    func abandonRunning(at: Date, reason: String, retryReason: String) async throws -> [RoundRunRecord] {
        let prefix = LeaseName.roundRun(round: "").key
        return try await store.rows("""
            WITH failed AS (
                UPDATE round_run SET status = 'failed', finished_at = \(at.postgres),
                    error = CASE WHEN attempt >= 2 THEN \(retryReason) ELSE \(reason) END
                WHERE status = 'running' AND NOT EXISTS (
                    SELECT 1 FROM lease WHERE lease.name = \(prefix) || round_run.round AND lease.expires_at > \(at.postgres))
                RETURNING \(unescaped: Self.columns)
            )
            SELECT \(unescaped: Self.columns) FROM failed ORDER BY started_at, id COLLATE "C"
            """).map(Self.run)
    }
}
