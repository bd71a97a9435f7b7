import AllotCore
import Foundation
import GRDB

/// The one SQLite store of a data directory: owns the connection and the migrations.
public final class AppDatabase: Sendable {
    /// Reads and writes; a `DatabasePool` (WAL) on disk, a `DatabaseQueue` in memory for tests.
    public let writer: any DatabaseWriter

    /// Opens `writer`, brings its schema up to date, and checks that the stored multi-select bits still mean what
    /// `taxonomy` says (tests pass a changed taxonomy; see `TaxonomyMeanings`).
    public init(_ writer: any DatabaseWriter, taxonomy: [Codebook] = TaxonomyMeanings.live) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
        try writer.write { db in try TaxonomyMeanings.reconcile(db, books: taxonomy) }
    }

    /// Opens (creating if needed) `allot.sqlite` in `directory`.
    public static func open(dataDirectory directory: String) throws -> AppDatabase {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw StoreError.dataDirectory(path: directory, reason: "\(error.localizedDescription)")
        }
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 64 MiB of page cache: a large import's index pages stay in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        let path = (directory as NSString).appendingPathComponent("allot.sqlite")
        return try AppDatabase(DatabasePool(path: path, configuration: config))
    }

    /// A private in-memory store.
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue())
    }

    /// Every migration in order. Shipped migrations are never edited: add a new one instead.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in Migrations.all {
            migrator.registerMigration(migration.identifier, migrate: migration.migrate)
        }
        return migrator
    }
}

/// A named schema step.
struct Migration: Sendable {
    let identifier: String
    let migrate: @Sendable (Database) throws -> Void
}

/// What the store can fail with.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case dataDirectory(path: String, reason: String)
    case conflictingResponse(survey: String, responseID: String)
    case unknownSurvey(String)
    case corrupt(String)
    /// A stored multi-select bit no longer means what the taxonomy says: the code at `position` of `question` was
    /// `stored` when answers were kept and is `live` now (nil: absent on that side).
    case taxonomyChanged(question: String, position: Int, stored: String?, live: String?)

    public var description: String {
        switch self {
        case let .dataDirectory(path, reason): "cannot use data directory \(path): \(reason)"
        case let .conflictingResponse(survey, id):
            "response \(id) of survey \(survey) is already stored with different answers"
        case let .unknownSurvey(id): "no survey \(id) in the store"
        case let .corrupt(what): "the store holds a value it cannot read: \(what)"
        case let .taxonomyChanged(question, position, stored, live):
            "the store cannot be opened: stored answers to '\(question)' use bit \(position) for "
                + (stored.map { "code '\($0)'" } ?? "no code")
                + ", but the taxonomy now has " + (live.map { "'\($0)'" } ?? "no code") + " there (taxonomy_code, question '\(question)', "
                + "code '\(stored ?? live ?? "")'). Codes may only be added at the end of a list; put the list back as it was "
                + "and append the new code, or every stored answer to '\(question)' would change its meaning"
        }
    }
}

extension AppDatabase {
    /// Reads one row, so `/ready` can tell a load balancer whether this instance can reach its store.
    public func checkReachable() async throws {
        _ = try await writer.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}
