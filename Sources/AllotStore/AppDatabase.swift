import Foundation
import GRDB

/// The one SQLite store of a data directory: owns the connection and the migrations.
public final class AppDatabase: Sendable {
    /// Reads and writes; a `DatabasePool` (WAL) on disk, a `DatabaseQueue` in memory for tests.
    public let writer: any DatabaseWriter

    /// Opens `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        try Self.migrator.migrate(writer)
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

    public var description: String {
        switch self {
        case let .dataDirectory(path, reason): "cannot use data directory \(path): \(reason)"
        case let .conflictingResponse(survey, id):
            "response \(id) of survey \(survey) is already stored with different answers"
        case let .unknownSurvey(id): "no survey \(id) in the store"
        case let .corrupt(what): "the store holds a value it cannot read: \(what)"
        }
    }
}
