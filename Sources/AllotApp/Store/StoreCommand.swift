import AllotStore
import ArgumentParser
import Foundation
import Logging

/// `allot store`: moving the store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Move the store: copy the embedded SQLite store into PostgreSQL.",
                                                    subcommands: [StoreCopyCommand.self])
}

/// `allot store copy --to postgres://...`: the data directory's SQLite store into an empty PostgreSQL database,
/// verified table by table, so an analyst's machine can become the service.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy the SQLite store of the data directory into an empty PostgreSQL database, verifying rows and checksums per table.",
        discussion: "One transaction: if any table's count or checksum differs, or a value does not fit, nothing is kept. "
            + "Stop allot serve on the SQLite store first, so nothing changes during the copy.")

    @Option(name: .long, help: ArgumentHelp("The empty PostgreSQL database, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...].",
                                            valueName: "url"))
    var to: String
    @Option(name: .long, help: "Data directory holding allot.sqlite (default: $ALLOT_DATA_DIR, else ./allot-data).")
    var dataDir: String?

    func run() throws {
        try failing {
            let url: PostgresURL
            do throws(PostgresStoreError) { url = try PostgresURL(parsing: to) } catch {
                // The value is not quoted: it may hold a password.
                let reason = if case let .badDatabaseURL(why) = error { why } else { "\(error)" }
                throw ValidationError("--to: \(reason); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...]")
            }
            let directory = dataDir ?? StoreOptions.defaultDataDirectory
            let path = (directory as NSString).appendingPathComponent("allot.sqlite")
            guard FileManager.default.fileExists(atPath: path) else {
                throw ValidationError("no SQLite store at \(path): --data-dir names the folder holding allot.sqlite")
            }
            var logger = Logger(label: "allot.store.copy")
            logger.logLevel = .warning
            let reports = try StoreCopy.copy(from: try AppDatabase.open(dataDirectory: directory), to: url, logger: logger)
            print(["table", "rows", "sha256"].joined(separator: "\t"))
            for report in reports { print("\(report.table)\t\(report.rows)\t\(report.checksum)") }
            print("copied \(reports.reduce(0) { $0 + $1.rows }) row(s) in \(reports.count) table(s) from \(path) to \(url.redacted); "
                + "every table's rows and checksum agree")
        }
    }
}
