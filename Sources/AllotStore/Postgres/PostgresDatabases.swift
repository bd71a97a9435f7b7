import Foundation
import Logging
import PostgresNIO

/// Makes and removes whole databases on a server, over one connection of its own to the database `url` names (which
/// must be allowed to create databases). The tests give each test a database of its own this way.
enum PostgresDatabases {
    /// Creates the empty database `name` (lower-case letters, digits and underscores) and returns `url` pointing at it.
    static func create(_ name: String, on url: PostgresURL) throws -> PostgresURL {
        try run("CREATE DATABASE \(try quoted(name))", on: url)
        var created = url
        created.database = name
        return created
    }

    /// Drops `name`, closing whatever connections it still has; nothing when there is no such database.
    static func drop(_ name: String, on url: PostgresURL) throws {
        try run("DROP DATABASE IF EXISTS \(try quoted(name)) WITH (FORCE)", on: url)
    }

    private static func quoted(_ name: String) throws -> String {
        guard !name.isEmpty, name.count <= 63, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else {
            throw PostgresStoreError.badDatabaseURL("database name '\(name)' is not lower-case letters, digits and underscores")
        }
        return "\"\(name)\""
    }

    /// One statement outside a transaction (CREATE and DROP DATABASE refuse to run inside one).
    private static func run(_ sql: String, on url: PostgresURL) throws {
        let logger = Logger(label: "allot.store.postgres.admin")
        do {
            try PostgresExecutor().wait {
                let connection = try await PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.any(), configuration: try url.connectionConfiguration(), id: 0, logger: logger)
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
                } catch {
                    try? await connection.close()
                    throw error
                }
                try await connection.close()
            }
        } catch {
            throw PostgresStoreError.from(error)
        }
    }
}
