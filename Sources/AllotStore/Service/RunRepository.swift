import AllotCore
import Foundation
import GRDB

/// Round runs and their stored results.
public protocol RunRepository: Sendable {
    /// Stores a run that has started.
    func start(_ run: RoundRunRecord) throws
    /// Records a run's end: its result (JSON and CSV bytes) or error, moves the round to `state` when given, and
    /// enqueues `event`, in one transaction.
    func finish(_ run: RoundRunRecord, result: Data?, csv: Data?, roundState: RoundState?, event: OutboxEvent?) throws
    /// The round's runs, newest first.
    func runs(round: String) throws -> [RoundRunRecord]
    func run(round: String, id: String) throws -> RoundRunRecord?
    /// The latest successful run with its result JSON and CSV.
    func latestResult(round: String) throws -> (run: RoundRunRecord, json: Data, csv: Data)?
    /// The id of the latest successful run (the run `latestResult` gives), without its result: how an instance checks
    /// that its cached result is still the newest.
    func latestSucceededRun(round: String) throws -> String?
    /// Marks runs left `running` by a stopped daemon as failed, each with `reason`, or `retryReason` when it was
    /// itself the retry of an interrupted run (attempt 2 or more); returns them as stored. A run whose round's run
    /// lease is held at `at` is another instance's run in progress, and is left alone.
    func abandonRunning(at: Date, reason: String, retryReason: String) throws -> [RoundRunRecord]
}

/// `RunRepository` on the SQLite store.
public struct SQLiteRunRepository: RunRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func start(_ r: RoundRunRecord) throws {
        let inputs = try Self.inputsJSON(r.inputs)
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO round_run (id, round, trigger, status, started_at, finished_at, inputs, config, code_version, error, attempt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [r.id, r.round, r.trigger, r.status.rawValue, r.startedAt.timeIntervalSince1970,
                                 StoreTime.value(r.finishedAt), inputs, r.config, r.codeVersion, r.error, r.attempt])
        }
    }

    public func finish(_ r: RoundRunRecord, result: Data?, csv: Data?, roundState: RoundState?, event: OutboxEvent?) throws {
        let inputs = try Self.inputsJSON(r.inputs)
        try database.writer.write { db in
            // A result is kept only while its round is still open to runs, checked in the same transaction as the
            // write: a round closed while the run was solving never gets a result, nor is it reopened as scored.
            if result != nil {
                let state = try String.fetchOne(db, sql: "SELECT state FROM round WHERE id = ?", arguments: [r.round])
                if state == RoundState.closed.rawValue { throw ServiceStoreError.roundClosed(r.round) }
            }
            try db.execute(sql: """
                UPDATE round_run SET status = ?, finished_at = ?, inputs = ?, config = ?, result = ?, result_csv = ?, error = ? WHERE id = ?
                """, arguments: [r.status.rawValue, StoreTime.value(r.finishedAt), inputs, r.config, result, csv, r.error, r.id])
            if let roundState {
                try db.execute(sql: "UPDATE round SET state = ?, updated_at = ? WHERE id = ? AND state IN ('open', 'reviewing')",
                               arguments: [roundState.rawValue, (r.finishedAt ?? Date()).timeIntervalSince1970, r.round])
            }
            if let event { try Outbox.enqueue(event, in: db, now: r.finishedAt ?? Date()) }
        }
    }

    public func runs(round: String) throws -> [RoundRunRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT \(Self.columns)
                FROM round_run WHERE round = ? ORDER BY started_at DESC, id DESC
                """, arguments: [round]).map(Self.run)
        }
    }

    public func run(round: String, id: String) throws -> RoundRunRecord? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT \(Self.columns)
                FROM round_run WHERE round = ? AND id = ?
                """, arguments: [round, id]).map(Self.run)
        }
    }

    public func latestResult(round: String) throws -> (run: RoundRunRecord, json: Data, csv: Data)? {
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT * FROM round_run WHERE round = ? AND status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1
                """, arguments: [round]) else { return nil }
            return (try Self.run(row), row["result"] as Data? ?? Data(), row["result_csv"] as Data? ?? Data())
        }
    }

    public func latestSucceededRun(round: String) throws -> String? {
        try database.writer.read { db in
            try String.fetchOne(db, sql: """
                SELECT id FROM round_run WHERE round = ? AND status = 'succeeded' ORDER BY finished_at DESC, id DESC LIMIT 1
                """, arguments: [round])
        }
    }

    public func abandonRunning(at: Date, reason: String, retryReason: String) throws -> [RoundRunRecord] {
        try database.writer.write { db in
            let running = try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM round_run WHERE status = 'running' ORDER BY started_at, id")
                .map(Self.run)
            let held = Set(try String.fetchAll(db, sql: "SELECT name FROM lease WHERE expires_at > ?", arguments: [at.timeIntervalSince1970]))
            var rows = running.filter { !held.contains(LeaseName.roundRun(round: $0.round).key) }
            for i in rows.indices {
                rows[i].status = .failed
                rows[i].finishedAt = at
                rows[i].error = rows[i].attempt >= 2 ? retryReason : reason
                try db.execute(sql: "UPDATE round_run SET status = 'failed', finished_at = ?, error = ? WHERE id = ?",
                               arguments: [at.timeIntervalSince1970, rows[i].error, rows[i].id])
            }
            return rows
        }
    }

    /// The columns of a run record (not its result bytes).
    static let columns = "id, round, trigger, status, started_at, finished_at, inputs, config, code_version, error, attempt"

    static func inputsJSON(_ inputs: [String: String]) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try e.encode(inputs), as: UTF8.self)
    }

    static func run(_ row: Row) throws -> RoundRunRecord {
        let id: String = row["id"]
        guard let status = RunStatus(rawValue: row["status"] as String? ?? "") else { throw ServiceStoreError.corrupt("round_run.status of \(id)") }
        // The inputs' hashes are the run's audit record: unreadable ones are a corrupt store, never an empty list.
        guard let text = row["inputs"] as String?,
              let inputs = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
            throw ServiceStoreError.corrupt("round_run.inputs of \(id)")
        }
        return try RoundRunRecord(id: id, round: row["round"], trigger: row["trigger"], status: status,
                                  startedAt: StoreTime.required(row, "started_at", of: "round_run \(id)"),
                         finishedAt: try StoreTime.date(row, "finished_at", of: "round run"), inputs: inputs, config: row["config"],
                         codeVersion: row["code_version"], error: row["error"], attempt: row["attempt"] as Int? ?? 1)
    }
}
