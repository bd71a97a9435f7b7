import AllotIngest
import AllotRounds
import AllotStore
import Foundation
import Logging

/// Everything the HTTP application is built from: config, store, clock, metrics, the result cache and the run service.
public struct ServerDependencies: Sendable {
    public let config: ServerConfig
    public let database: AppDatabase
    public let configDirectory: ConfigDirectory
    public let now: @Sendable () -> Date
    public let metrics: ServerMetrics
    public let results: ResultCache
    public let runs: RoundRunService

    /// Creates the dependencies; the run service uses `config.robustnessSamples` and `config.robustnessSeed`.
    public init(config: ServerConfig, database: AppDatabase, configDirectory: ConfigDirectory, now: @escaping @Sendable () -> Date = { Date() },
                metrics: ServerMetrics = ServerMetrics()) {
        self.config = config
        self.database = database
        self.configDirectory = configDirectory
        self.now = now
        self.metrics = metrics
        let results = ResultCache()
        self.results = results
        runs = RoundRunService(database: database, configDirectory: configDirectory, results: results,
                               robustness: RoundRobustnessSettings(samples: config.robustnessSamples, seed: config.robustnessSeed), now: now,
                               metrics: metrics, holder: LeaseHolder(instance: config.resolvedInstanceName))
    }
}
