import AllotCore
import AllotIngest
import AllotServer
import AllotStore
import ArgumentParser
import Foundation

/// `--data-dir` and `--database-url`: which store a command uses. PostgreSQL when a database URL is given (the flag,
/// else `ALLOT_DATABASE_URL`, else `database_url` in Config/allot.yaml, the same resolution as `allot serve`), else
/// the SQLite file in the data directory.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory holding allot.sqlite (default: $ALLOT_DATA_DIR, else ./allot-data).")
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL store, postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...] (default: $ALLOT_DATABASE_URL, "
            + "else database_url in Config/allot.yaml, else the SQLite file in the data directory).",
        valueName: "url"))
    var databaseURL: String?

    var resolvedDataDir: String { dataDir ?? Self.defaultDataDirectory }

    /// `$ALLOT_DATA_DIR`, else ./allot-data.
    static var defaultDataDirectory: String {
        if let env = ProcessInfo.processInfo.environment["ALLOT_DATA_DIR"], !env.isEmpty { return env }
        return "allot-data"
    }

    /// The store the flags, the environment and Config/allot.yaml name. A bad URL is an error naming where it came from.
    func location(config: String? = nil, configDir: String?) throws -> StoreLocation {
        if let databaseURL {
            do throws(PostgresStoreError) { return .postgres(try PostgresURL(parsing: databaseURL)) } catch {
                // The value is not quoted: it may hold a password.
                let reason = if case let .badDatabaseURL(why) = error { why } else { "\(error)" }
                throw ValidationError("--database-url: \(reason); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...]")
            }
        }
        let settings = try ServeSettings.load(config: config, configDir: configDir, dataDir: resolvedDataDir, databaseURL: databaseURL)
        if let url = settings.databaseURL { return .postgres(url) }
        return .sqlite(dataDirectory: resolvedDataDir)
    }

    /// Opens the store, runs `body` on its repositories, and closes it. `config` is the daemon's YAML file when a
    /// command takes `--config`; else Config/allot.yaml in `configDir`.
    func withStore<T>(config: String? = nil, configDir: String?, _ body: (any StoreRepositories) throws -> T) throws -> T {
        let location = try location(config: config, configDir: configDir)
        do { return try StoreOpener.withStore(location, body) } catch let error as PostgresStoreError {
            throw naming(error, config: config)
        }
    }

    /// `withStore` for async commands.
    func withStore<T>(config: String? = nil, configDir: String?, _ body: (any StoreRepositories) async throws -> T) async throws -> T {
        let location = try location(config: config, configDir: configDir)
        do { return try await StoreOpener.withStore(location, body) } catch let error as PostgresStoreError {
            throw naming(error, config: config)
        }
    }

    /// A PostgreSQL server that cannot be reached, with the setting that named it (the URL itself is not quoted: it
    /// may hold a password); other errors as they are.
    private func naming(_ error: PostgresStoreError, config: String?) -> any Error {
        guard case let .connection(reason) = error else { return error }
        let setting = if databaseURL != nil { "--database-url" }
            else if let env = ProcessInfo.processInfo.environment["ALLOT_DATABASE_URL"], !env.isEmpty { "ALLOT_DATABASE_URL" }
            else { "database_url in \(config ?? "Config/allot.yaml")" }
        return ValidationError("cannot reach the PostgreSQL store that \(setting) names: \(reason)")
    }
}

/// `--config-dir` and `--lookups`: where mappings, need settings and postcode lookups come from.
struct ConfigOptions: ParsableArguments {
    @Option(name: .long, help: "The Config/ folder (default: $ALLOT_CONFIG_DIR, ./Config, or the repository's).")
    var configDir: String?

    @Option(name: .long, help: "A postcode-lookups YAML file (default: Config/lookups.yaml).")
    var lookups: String?

    func directory() throws -> ConfigDirectory { try ConfigDirectory.locate(explicit: configDir) }

    func catalogue() throws -> MappingCatalogue { try MappingCatalogue.load(from: try directory()) }

    func needConfig() throws -> NeedConfig { try NeedConfigLoader.load(from: try directory()) }

    /// The loaded postcode lookup, or nil when none is configured.
    func postcodeLookup() throws -> PostcodeLookup? {
        let path = try lookups ?? directory().file("lookups.yaml")
        guard FileManager.default.fileExists(atPath: path) else {
            if lookups != nil { throw ConfigError(file: path, key: "", message: "no such file") }
            return nil
        }
        return try PostcodeLookupLoader.load(configFile: path)
    }
}

/// Stable, readable JSON: sorted keys, so the same inputs give byte-identical output.
enum JSONOutput {
    static func string<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Prints a user-facing error (file, line, column, what was expected) and exits non-zero.
func failing<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch let error as ExitCode { throw error } catch let error as CleanExit { throw error } catch {
        FileHandle.standardError.write(Data("error: \(describe(error))\n".utf8))
        throw ExitCode(65)
    }
}

/// Every error type of the project describes itself for people (file, line, column, what was expected).
func describe(_ error: any Error) -> String { String(describing: error) }
