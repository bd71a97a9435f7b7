import AllotCore
import AllotIngest
import AllotStore
import ArgumentParser
import Foundation

/// `--data-dir`: where the SQLite store lives.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "Data directory holding allot.sqlite (default: $ALLOT_DATA_DIR, else ./allot-data).")
    var dataDir: String?

    var resolvedDataDir: String {
        if let dataDir { return dataDir }
        if let env = ProcessInfo.processInfo.environment["ALLOT_DATA_DIR"], !env.isEmpty { return env }
        return "allot-data"
    }

    func open() throws -> AppDatabase { try AppDatabase.open(dataDirectory: resolvedDataDir) }
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
