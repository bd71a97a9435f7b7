import Crypto
import Foundation
import GRDB
import Logging
import PostgresNIO

/// `allot store copy --to postgres://...`: the embedded SQLite store copied into an empty PostgreSQL database, so an
/// analyst's machine can become the service. Table by table, parents first, in one PostgreSQL transaction; before it
/// commits, every table is counted and checksummed on both sides, and any difference rolls the whole copy back.
///
/// The copy is driven by the PostgreSQL schema (its migrations are applied first): each of its columns is filled from
/// the SQLite column of the same name, converted to the column's kind (`CopyKind`). A SQLite table or column that holds
/// data and has no counterpart stops the copy before anything is written, so nothing is silently left behind.
public enum StoreCopy {
    /// One table as copied: its rows and the SHA-256 both stores gave for them.
    public struct TableReport: Sendable, Equatable {
        public let table: String
        public let rows: Int64
        public let checksum: String
    }

    /// Opens (and migrates) the PostgreSQL store at `url`, copies `database` into it, and closes it.
    public static func copy(from database: AppDatabase, to url: PostgresURL, logger: Logger) throws -> [TableReport] {
        let store = try PostgresStore.open(url: url, logger: logger)
        defer { store.close() }
        return try store.wait { try await copy(from: database, to: store) }
    }

    /// `copy(from:to:logger:)` for async callers: it suspends rather than blocking a thread of the shared pool.
    public static func copy(from database: AppDatabase, to url: PostgresURL, logger: Logger) async throws -> [TableReport] {
        let store = try await PostgresStore.connect(url: url, logger: logger)
        do {
            let reports = try await withTaskExecutorPreference(store.executor) { try await copy(from: database, to: store) }
            await store.shutdown()
            return reports
        } catch {
            await store.shutdown()
            throw PostgresStoreError.from(error)
        }
    }

    /// Tables SQLite keeps for itself or for GRDB, never copied.
    static func isInternal(_ table: String) -> Bool { table.hasPrefix("sqlite_") || table.hasPrefix("grdb_") }

    static func copy(from database: AppDatabase, to store: PostgresStore) async throws -> [TableReport] {
        try await store.transaction { connection in
            let catalog = try await PostgresCatalog.read(connection, logger: store.logger)
            for table in catalog.tables {
                let rows = try await connection.query("SELECT count(*) FROM \(unescaped: quotedIdentifier(table.name))", logger: store.logger)
                    .collect().first?.decode(Int64.self) ?? 0
                if rows > 0 { throw StoreCopyError.targetNotEmpty(table: table.name, rows: rows) }
            }
            let plans = try await database.writer.read { db in try CopyPlan.make(catalog, in: db) }
            for plan in plans {
                try await plan.insert(from: database, on: connection, logger: store.logger)
            }
            var reports: [TableReport] = []
            for plan in plans {
                let source = try await database.writer.read { db in try plan.sqliteDigest(db) }
                let target = try await plan.postgresDigest(connection, logger: store.logger)
                guard source.rows == target.rows else {
                    throw StoreCopyError.verificationFailed(table: plan.table, reason: "\(source.rows) row(s) in SQLite, \(target.rows) in PostgreSQL")
                }
                guard source.checksum == target.checksum else {
                    throw StoreCopyError.verificationFailed(table: plan.table, reason: "the checksums of its \(source.rows) row(s) differ")
                }
                reports.append(TableReport(table: plan.table, rows: source.rows, checksum: source.checksum))
            }
            return reports
        }
    }
}

/// How one table is copied: its columns as both stores name them, and the SQLite key the rows are read in order of.
struct CopyPlan {
    let table: String
    let columns: [(name: String, kind: CopyKind)]
    /// SQLite's primary key, or its rowid: rows are read in pages after the last key seen.
    let key: [String]
    /// Identity columns whose sequences continue after the copied values.
    let identity: [String]

    /// A plan per PostgreSQL table; throws, before anything is written, for data the target has no place for.
    static func make(_ catalog: PostgresCatalog, in db: Database) throws -> [CopyPlan] {
        let sqliteTables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            .filter { !StoreCopy.isInternal($0) }
        let targetNames = Set(catalog.tables.map(\.name))
        for table in sqliteTables where !targetNames.contains(table) {
            let rows = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(quotedIdentifier(table))") ?? 0
            if rows > 0 { throw StoreCopyError.tableNotInTarget(table: table, rows: rows) }
        }
        var plans: [CopyPlan] = []
        for table in catalog.tables {
            let info = try Row.fetchAll(db, sql: "PRAGMA table_info(\(quotedIdentifier(table.name)))")
            guard !info.isEmpty else {
                // A PostgreSQL-only table (none yet) starts empty.
                continue
            }
            let sourceColumns = Set(info.map { $0["name"] as String })
            var columns: [(String, CopyKind)] = []
            for column in table.columns {
                guard let kind = CopyKind(postgresType: column.type) else {
                    throw StoreCopyError.unsupportedType(table: table.name, column: column.name, type: column.type)
                }
                if sourceColumns.contains(column.name) {
                    columns.append((column.name, kind))
                } else if !(column.nullable || column.hasDefault) {
                    throw StoreCopyError.columnNotInSource(table: table.name, column: column.name)
                }
            }
            let copied = Set(columns.map(\.0))
            for name in sourceColumns.sorted() where !copied.contains(name) && !Self.superseded.contains("\(table.name).\(name)") {
                let held = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(quotedIdentifier(table.name)) WHERE \(quotedIdentifier(name)) IS NOT NULL") ?? 0
                if held > 0 { throw StoreCopyError.columnNotInTarget(table: table.name, column: name) }
            }
            let primaryKey = info.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            plans.append(CopyPlan(table: table.name, columns: columns, key: primaryKey.isEmpty ? ["rowid"] : primaryKey,
                                  identity: table.columns.filter { $0.identity && copied.contains($0.name) }.map(\.name)))
        }
        return plans
    }

    /// SQLite columns that a later SQLite migration replaced and that PostgreSQL, which starts from the current shape,
    /// never had: `webhook_event.applicant_ids` gave way to `applicant_keys` in `v5-applicant-key`, which carried its
    /// values over.
    static let superseded: Set<String> = ["webhook_event.applicant_ids"]

    /// Rows per INSERT: many per round trip, within PostgreSQL's 65,535 parameters per statement.
    var batch: Int { max(1, min(1_000, 30_000 / max(1, columns.count))) }

    private var columnList: String { columns.map { quotedIdentifier($0.name) }.joined(separator: ", ") }

    func insert(from database: AppDatabase, on connection: PostgresConnection, logger: Logger) async throws {
        guard !columns.isEmpty else { return }
        let keyList = key.map(quotedIdentifier).joined(separator: ", ")
        let page = batch
        var after: [DatabaseValue]? = nil
        let overriding = identity.isEmpty ? "" : " OVERRIDING SYSTEM VALUE"
        while true {
            let start = after
            let (rows, last) = try await database.writer.read { db -> ([[CopyValue]], [DatabaseValue]?) in
                let condition = start.map { _ in "WHERE (\(keyList)) > (\(key.map { _ in "?" }.joined(separator: ", ")))" } ?? ""
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(keyList), \(columnList) FROM \(quotedIdentifier(table)) \(condition) ORDER BY \(keyList) LIMIT \(page)",
                                                 arguments: StatementArguments(start ?? []))
                var rows: [[CopyValue]] = []
                var last: [DatabaseValue]?
                while let row = try cursor.next() {
                    let keyValues = (0..<key.count).map { row[$0] as DatabaseValue }
                    var values: [CopyValue] = []
                    for (offset, column) in columns.enumerated() {
                        do throws(CopyValueError) {
                            values.append(try CopyValue(sqlite: row[key.count + offset], as: column.kind))
                        } catch {
                            throw StoreCopyError.badValue(table: table, column: column.name, row: Self.describe(key, keyValues), reason: error.reason)
                        }
                    }
                    rows.append(values)
                    last = keyValues
                }
                return (rows, last)
            }
            if rows.isEmpty { break }
            var bindings = PostgresBindings(capacity: rows.count * columns.count)
            var tuples: [String] = []
            tuples.reserveCapacity(rows.count)
            for row in rows {
                var placeholders: [String] = []
                for (value, column) in zip(row, columns) {
                    value.bind(into: &bindings, as: column.kind)
                    placeholders.append("$\(bindings.count)")
                }
                tuples.append("(" + placeholders.joined(separator: ", ") + ")")
            }
            let sql = "INSERT INTO \(quotedIdentifier(table)) (\(columnList))\(overriding) VALUES " + tuples.joined(separator: ", ")
            try await connection.query(PostgresQuery(unsafeSQL: sql, binds: bindings), logger: logger)
            after = last
            if rows.count < page { break }
        }
        for column in identity {
            // The next generated value follows the largest copied one.
            try await connection.query(PostgresQuery(unsafeSQL: """
                SELECT setval(pg_get_serial_sequence('\(quotedIdentifier(table))', '\(column)'),
                              COALESCE((SELECT max(\(quotedIdentifier(column))) FROM \(quotedIdentifier(table))), 1),
                              (SELECT max(\(quotedIdentifier(column))) FROM \(quotedIdentifier(table))) IS NOT NULL)
                """), logger: logger)
        }
    }

    static func describe(_ key: [String], _ values: [DatabaseValue]) -> String {
        zip(key, values).map { "\($0)=\($1)" }.joined(separator: ", ")
    }

    /// Rows in both stores are compared in one order: every copied column, ascending, bytes compared as bytes and
    /// NULL first (SQLite's default; PostgreSQL is told).
    private func order(postgres: Bool) -> String {
        columns.map { column in
            let name = quotedIdentifier(column.name)
            guard postgres else { return name }
            return (column.kind == .text ? "\(name) COLLATE \"C\"" : name) + " NULLS FIRST"
        }.joined(separator: ", ")
    }

    func sqliteDigest(_ db: Database) throws -> (rows: Int64, checksum: String) {
        var hash = SHA256()
        var count: Int64 = 0
        guard !columns.isEmpty else { return (0, Self.hex(hash.finalize())) }
        let cursor = try Row.fetchCursor(db, sql: "SELECT \(columnList) FROM \(quotedIdentifier(table)) ORDER BY \(order(postgres: false))")
        while let row = try cursor.next() {
            for (offset, column) in columns.enumerated() {
                // Converted as the insert converted it; a value that failed there stopped the copy before this.
                do throws(CopyValueError) { try CopyValue(sqlite: row[offset], as: column.kind).feed(&hash) } catch {
                    throw StoreCopyError.verificationFailed(table: table, reason: "column \(column.name): \(error.reason)")
                }
            }
            count += 1
        }
        return (count, Self.hex(hash.finalize()))
    }

    func postgresDigest(_ connection: PostgresConnection, logger: Logger) async throws -> (rows: Int64, checksum: String) {
        var hash = SHA256()
        var count: Int64 = 0
        guard !columns.isEmpty else { return (0, Self.hex(hash.finalize())) }
        let select = columns.map { column -> String in
            let name = quotedIdentifier(column.name)
            return switch column.kind {
            case .integer: "\(name)::bigint"
            case .real: "\(name)::double precision"
            case .text: "\(name)::text"
            case .bytes, .boolean, .time: name
            }
        }.joined(separator: ", ")
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT \(select) FROM \(quotedIdentifier(table)) ORDER BY \(order(postgres: true))"),
                                              logger: logger)
        for try await row in rows {
            for (cell, column) in zip(row, columns) {
                try CopyValue(postgres: cell, as: column.kind).feed(&hash)
            }
            count += 1
        }
        return (count, Self.hex(hash.finalize()))
    }

    static func hex(_ digest: SHA256.Digest) -> String { digest.map { String(format: "%02x", $0) }.joined() }
}
