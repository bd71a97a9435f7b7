import Foundation
import Logging
import PostgresNIO

/// `ActivityRepository` on the PostgreSQL store.
public struct PostgresActivityRepository: ActivityRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func record(_ entries: [ActivityEntry]) throws {
        guard !entries.isEmpty else { return }
        try store.wait { try await store.transaction { connection in try await PostgresActivityLog.insert(entries, on: connection, logger: store.logger) } }
    }

    public func entries(_ filter: ActivityFilter) throws -> [ActivityEntry] {
        try store.wait { try await entries(filter) }
    }

    /// The entries `filter` selects, newest first.
    func entries(_ filter: ActivityFilter) async throws -> [ActivityEntry] {
        var conditions: [String] = []
        var binds = PostgresBindings()
        func bind(_ value: some PostgresNonThrowingEncodable) -> String {
            binds.append(value)
            return "$\(binds.count)"
        }
        if let action = filter.action { conditions.append("action = \(bind(action.rawValue))") }
        if let round = filter.round { conditions.append("round = \(bind(round))") }
        if let actor = filter.actor, !actor.isEmpty {
            // strpos on lower-cased text: a literal match (LIKE would treat % and _ in the filter as wildcards).
            conditions.append("strpos(lower(actor), lower(\(bind(actor)))) > 0")
        }
        if let since = filter.since { conditions.append("at >= \(bind(since.postgres))") }
        if let until = filter.until { conditions.append("at < \(bind(until.postgres))") }
        if let older = filter.olderThan { conditions.append("id < \(bind(older))") }
        let limit = bind(Int64(max(0, filter.limit)))
        let sql = "SELECT id, at, actor, action, round, subject, summary, before, after FROM activity"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY id DESC LIMIT \(limit)"
        return try await store.rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(PostgresActivityLog.entry)
    }
}

/// Keeps entries inside a caller's transaction, beside the change they record (PostgreSQL's `ActivityLog`).
enum PostgresActivityLog {
    /// Inserts `entries` in order on `connection`; the store numbers them (an entry's own `id` is not kept).
    static func insert(_ entries: [ActivityEntry], on connection: PostgresConnection, logger: Logger) async throws {
        for e in entries {
            try await connection.query("""
                INSERT INTO activity (at, actor, action, round, subject, summary, before, after)
                VALUES (\(e.at.postgres), \(e.actor), \(e.action.rawValue), \(e.round), \(e.subject), \(e.summary), \(e.before), \(e.after))
                """, logger: logger)
        }
    }

    static func entry(_ row: PostgresRow) throws -> ActivityEntry {
        let (id, at, actor, action, round, subject, summary, before, after) = try row.decode(
            (Int64, PostgresTime, String, String, String?, String, String, String?, String?).self)
        guard let kind = ActivityAction(rawValue: action) else { throw ServiceStoreError.corrupt("activity.action \(id)") }
        return ActivityEntry(id: id, at: at.date, actor: actor, action: kind, round: round, subject: subject, summary: summary,
                             before: before, after: after)
    }
}
