import AllotIngest
import AllotServer
import ArgumentParser
import Foundation

/// `allot serve`: the HTTP API, the scheduler and the webhook dispatcher until SIGTERM or SIGINT.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the daemon: HTTP API, scheduled runs and webhook delivery (stops cleanly on SIGTERM/SIGINT).")

    @Option(help: "The daemon's YAML config (default: Config/allot.yaml).") var config: String?
    @Option(name: .long, help: "Data directory holding allot.sqlite (overrides the config and $ALLOT_DATA_DIR).") var dataDir: String?
    @Option(help: "HOST:PORT to listen on; port 0 picks a free port (overrides the config and $ALLOT_LISTEN).") var listen: String?
    @Option(name: .long, help: "A PostgreSQL store, postgres://USER@HOST/DATABASE (overrides the config and $ALLOT_DATABASE_URL).")
    var databaseURL: String?
    @Option(name: .long, help: "The Config/ folder (default: $ALLOT_CONFIG_DIR, ./Config, or the repository's).") var configDir: String?

    func run() async throws {
        try await failingAsync {
            let directory = try ConfigDirectory.locate(explicit: configDir)
            let settings = try ServeSettings.load(config: config, configDir: configDir, dataDir: dataDir, listen: listen,
                                                  databaseURL: databaseURL)
            // Written unbuffered, so a parent process reading the port sees it at once.
            try await AllotDaemon.run(config: settings, configDirectory: directory) { line in
                FileHandle.standardOutput.write(Data((line + "\n").utf8))
            }
        }
    }
}

/// The daemon's settings as `allot serve` reads them: the config file, then the environment, then the flags.
enum ServeSettings {
    static func load(config: String?, configDir: String?, dataDir: String? = nil, listen: String? = nil,
                     databaseURL: String? = nil) throws -> ServerConfig {
        let directory = try ConfigDirectory.locate(explicit: configDir)
        let path = config ?? directory.file("allot.yaml")
        var environment = ProcessInfo.processInfo.environment
        // Flags win over the environment, which wins over the file.
        if let dataDir { environment["ALLOT_DATA_DIR"] = dataDir }
        if let listen { environment["ALLOT_LISTEN"] = listen }
        if let databaseURL { environment["ALLOT_DATABASE_URL"] = databaseURL }
        return try ServerConfigLoader.load(path: FileManager.default.fileExists(atPath: path) || config != nil ? path : nil, environment: environment)
    }
}
