import AllotCore
import Foundation

/// `RunRepository` in memory.
public struct MemoryRunRepository: RunRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func start(_ run: RoundRunRecord) throws {
        try store.write { tables in
            _ = try tables.requireRound(run.round)
            guard tables.runs[run.id] == nil else { throw ServiceStoreError.alreadyExists(kind: "run", id: run.id) }
            tables.runs[run.id] = MemoryRun(record: run)
        }
    }

    public func finish(_ run: RoundRunRecord, result: Data?, csv: Data?, roundState: RoundState?, event: OutboxEvent?) throws {
        try store.write { tables in
            // As on SQLite: a round closed while the run was solving never gets a result, nor is it reopened as scored.
            if result != nil, tables.rounds[run.round]?.state == .closed { throw ServiceStoreError.roundClosed(run.round) }
            // The fields the SQL stores' UPDATE sets; the run's round, trigger, start, code version and attempt stay.
            if var stored = tables.runs[run.id] {
                stored.record.status = run.status
                stored.record.finishedAt = run.finishedAt
                stored.record.inputs = run.inputs
                stored.record.config = run.config
                stored.record.error = run.error
                stored.result = result
                stored.csv = csv
                tables.runs[run.id] = stored
            }
            let at = run.finishedAt ?? Date()
            if let roundState, var round = tables.rounds[run.round], round.state == .open || round.state == .reviewing {
                round.state = roundState
                round.updatedAt = at
                tables.rounds[run.round] = round
            }
            if let event { try tables.enqueue(event, now: at) }
        }
    }

    public func runs(round: String) throws -> [RoundRunRecord] {
        store.read { tables in
            tables.runs.values.map(\.record).filter { $0.round == round }.sorted { a, b in
                a.startedAt != b.startedAt ? a.startedAt > b.startedAt : ByteOrder.less(b.id, a.id)
            }
        }
    }

    public func run(round: String, id: String) throws -> RoundRunRecord? {
        store.read { $0.runs[id].map(\.record).flatMap { $0.round == round ? $0 : nil } }
    }

    public func latestResult(round: String) throws -> (run: RoundRunRecord, json: Data, csv: Data)? {
        store.read { tables in
            Self.latestSucceeded(round, in: tables).map { ($0.record, $0.result ?? Data(), $0.csv ?? Data()) }
        }
    }

    public func latestSucceededRun(round: String) throws -> String? {
        store.read { Self.latestSucceeded(round, in: $0)?.record.id }
    }

    public func abandonRunning(at: Date, reason: String, retryReason: String) throws -> [RoundRunRecord] {
        try store.write { tables in
            let held: Set<String> = Set(tables.leases.filter { $0.value.expiresAt > at }.map(\.key))
            let running: [RoundRunRecord] = tables.runs.values.map(\.record).filter { run in
                run.status == .running && !held.contains(LeaseName.roundRun(round: run.round).key)
            }
            var abandoned = running.sorted { (a: RoundRunRecord, b: RoundRunRecord) -> Bool in
                a.startedAt != b.startedAt ? a.startedAt < b.startedAt : ByteOrder.less(a.id, b.id)
            }
            for i in abandoned.indices {
                abandoned[i].status = .failed
                abandoned[i].finishedAt = at
                abandoned[i].error = abandoned[i].attempt >= 2 ? retryReason : reason
                tables.runs[abandoned[i].id]?.record = abandoned[i]
            }
            return abandoned
        }
    }

    /// The latest successful run of `round`: the latest finish, then the greatest id, as the SQL stores order it.
    private static func latestSucceeded(_ round: String, in tables: MemoryTables) -> MemoryRun? {
        tables.runs.values.filter { $0.record.round == round && $0.record.status == .succeeded }.max { a, b in
            let (x, y) = (a.record.finishedAt ?? .distantPast, b.record.finishedAt ?? .distantPast)
            return x != y ? x < y : ByteOrder.less(a.record.id, b.record.id)
        }
    }
}
