import AllotCore
import Foundation
import PostgresNIO

/// `RunRepository` on the PostgreSQL store (`round_run`): starting and reading runs here; a run's end (with its
/// webhook event) in `PostgresRunRepository+Finish`, and failing abandoned runs in `PostgresRunRepository+Abandon`.
///
/// Instances of the daemon share the database, so its promises are kept by the database rather than by reading
/// first: a round has at most one running run (a unique partial index), a result is kept only while its round is not
/// closed (the round's row is locked while the run's end is written), and an abandoned run is failed once, by one
/// instance (a conditional UPDATE).
public struct PostgresRunRepository: RunRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func start(_ run: RoundRunRecord) throws {
        try store.wait { try await start(run) }
    }

    public func runs(round: String) throws -> [RoundRunRecord] {
        try store.wait { try await runs(round: round) }
    }

    public func run(round: String, id: String) throws -> RoundRunRecord? {
        try store.wait { try await run(round: round, id: id) }
    }

    public func latestResult(round: String) throws -> (run: RoundRunRecord, json: Data, csv: Data)? {
        try store.wait { try await latestResult(round: round) }
    }

    public func latestSucceededRun(round: String) throws -> String? {
        try store.wait { try await latestSucceededRun(round: round) }
    }

    public func abandonRunning(at: Date, reason: String, retryReason: String) throws -> [RoundRunRecord] {
        try store.wait { try await abandonRunning(at: at, reason: reason, retryReason: retryReason) }
    }
}

extension PostgresRunRepository {
    /// The columns of a run record (not its result bytes).
    static let columns = "id, round, trigger, status, started_at, finished_at, inputs, config, code_version, error, attempt"

    /// The unique partial index that lets a round have one running run only (`pg-v4-service`).
    static let oneRunningIndex = "round_run_one_running"

    /// Stores a started run. A running run while the round already has one (another instance's, started despite the
    /// run lease, or one left by a stopped instance and not yet failed by `abandonRunning`) is refused by the
    /// database as `ServiceStoreError.alreadyExists(kind: "running run of round", id: round)`; SQLite stores both.
    func start(_ r: RoundRunRecord) async throws {
        let inputs = try Self.inputsJSON(r.inputs)
        do {
            try await store.rows("""
                INSERT INTO round_run (id, round, trigger, status, started_at, finished_at, inputs, config, code_version, error, attempt)
                VALUES (\(r.id), \(r.round), \(r.trigger), \(r.status.rawValue), \(r.startedAt.postgres), \(r.finishedAt.postgres),
                        \(inputs), \(r.config), \(r.codeVersion), \(r.error), \(r.attempt))
                """)
        } catch let error as PostgresStoreError {
            if case let .server(state, message) = error, state == "23505", message.contains(Self.oneRunningIndex) {
                throw ServiceStoreError.alreadyExists(kind: "running run of round", id: r.round)
            }
            throw error
        }
    }

    /// Newest first (by start, then id in byte order descending, as SQLite orders them).
    func runs(round: String) async throws -> [RoundRunRecord] {
        try await store.rows("""
            SELECT \(unescaped: Self.columns) FROM round_run WHERE round = \(round) ORDER BY started_at DESC, id COLLATE "C" DESC
            """).map(Self.run)
    }

    func run(round: String, id: String) async throws -> RoundRunRecord? {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM round_run WHERE round = \(round) AND id = \(id)")
            .first.map(Self.run)
    }

    /// The latest successful run by its end (NULLS LAST: SQLite sorts a missing time lowest, so last when descending;
    /// PostgreSQL would put it first).
    func latestResult(round: String) async throws -> (run: RoundRunRecord, json: Data, csv: Data)? {
        guard let row = try await store.rows("""
            SELECT \(unescaped: Self.columns), result, result_csv FROM round_run WHERE round = \(round) AND status = 'succeeded'
            ORDER BY finished_at DESC NULLS LAST, id COLLATE "C" DESC LIMIT 1
            """).first else { return nil }
        let cells = row.makeRandomAccess()
        let (json, csv) = try (cells[11].decode(Data?.self), cells[12].decode(Data?.self))
        return (try Self.run(row), json ?? Data(), csv ?? Data())
    }

    /// The run `latestResult` gives, by id only.
    func latestSucceededRun(round: String) async throws -> String? {
        try await store.rows("""
            SELECT id FROM round_run WHERE round = \(round) AND status = 'succeeded'
            ORDER BY finished_at DESC NULLS LAST, id COLLATE "C" DESC LIMIT 1
            """).first?.decode(String.self)
    }

    /// The inputs' hashes as SQLite keeps them: JSON text with sorted keys.
    static func inputsJSON(_ inputs: [String: String]) throws -> String {
        try SQLiteRunRepository.inputsJSON(inputs)
    }

    /// A run from the first eleven columns of a row (`columns`, in order).
    static func run(_ row: PostgresRow) throws -> RoundRunRecord {
        let cells = row.makeRandomAccess()
        guard cells.count >= 11 else { throw ServiceStoreError.corrupt("round_run row of \(cells.count) columns") }
        let id = try cells[0].decode(String.self)
        guard let status = RunStatus(rawValue: try cells[3].decode(String.self)) else { throw ServiceStoreError.corrupt("round_run.status of \(id)") }
        // The inputs' hashes are the run's audit record: unreadable ones are a corrupt store, never an empty list.
        guard let inputs = try? JSONDecoder().decode([String: String].self, from: Data(try cells[6].decode(String.self).utf8)) else {
            throw ServiceStoreError.corrupt("round_run.inputs of \(id)")
        }
        return RoundRunRecord(id: id, round: try cells[1].decode(String.self), trigger: try cells[2].decode(String.self), status: status,
                              startedAt: try cells[4].decode(PostgresTime.self).date, finishedAt: try cells[5].decode(PostgresTime?.self)?.date,
                              inputs: inputs, config: try cells[7].decode(String.self), codeVersion: try cells[8].decode(String.self),
                              error: try cells[9].decode(String?.self), attempt: try cells[10].decode(Int.self))
    }
}
