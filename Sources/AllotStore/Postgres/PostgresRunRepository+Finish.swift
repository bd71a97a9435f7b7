import AllotCore
import Foundation
import PostgresNIO

/// A run's end on PostgreSQL, with its webhook event.
extension PostgresRunRepository {
    public func finish(_ run: RoundRunRecord, result: Data?, csv: Data?, roundState: RoundState?, event: OutboxEvent?) throws {
        try store.wait { try await finish(run, result: result, csv: csv, roundState: roundState, event: event) }
    }

    /// Records the run's end, moves the round to `roundState` (only from open or reviewing) and enqueues `event`, in
    /// one transaction; the outbox bell rings once it has committed, if the event found a receiver.
    ///
    /// A result is kept only while its round is not closed. SQLite reads the state inside its single writer's
    /// transaction; here a close could commit between that read and this write, so the round's row is locked
    /// (FOR UPDATE) before it is read: a close waits for this transaction, or this one sees the close and throws
    /// `ServiceStoreError.roundClosed`, keeping nothing.
    func finish(_ r: RoundRunRecord, result: Data?, csv: Data?, roundState: RoundState?, event: OutboxEvent?) async throws {
        let inputs = try Self.inputsJSON(r.inputs)
        let finishedAt = r.finishedAt ?? Date()
        let queued = try await store.transaction { connection in
            if result != nil {
                let state = try await connection.query("SELECT state FROM round WHERE id = \(r.round) FOR UPDATE", logger: store.logger)
                    .collect().first?.decode(String.self)
                if state == RoundState.closed.rawValue { throw ServiceStoreError.roundClosed(r.round) }
            }
            try await connection.query("""
                UPDATE round_run SET status = \(r.status.rawValue), finished_at = \(r.finishedAt.postgres), inputs = \(inputs),
                    config = \(r.config), result = \(result), result_csv = \(csv), error = \(r.error)
                WHERE id = \(r.id)
                """, logger: store.logger)
            if let roundState {
                try await connection.query("""
                    UPDATE round SET state = \(roundState.rawValue), updated_at = \(finishedAt.postgres)
                    WHERE id = \(r.round) AND state IN ('open', 'reviewing')
                    """, logger: store.logger)
            }
            guard let event else { return 0 }
            return try await PostgresOutbox.enqueue(event, on: connection, now: finishedAt, logger: store.logger)
        }
        if queued > 0 { OutboxBell.shared.ring() }
    }
}
