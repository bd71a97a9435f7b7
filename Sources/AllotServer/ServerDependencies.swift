import AllotIngest
import AllotRounds
import AllotStore
import Foundation
import Logging

/// The composition root's inputs: config, the store's repositories, one clock, metrics, the result cache and the run
/// service built on them. Generic over the store, so the app is the same code on SQLite, PostgreSQL or in memory.
public struct ServerDependencies<Store: StoreRepositories>: Sendable {
    public let config: ServerConfig
    public let store: Store
    public let configDirectory: ConfigDirectory
    /// The one clock: what every service reads the time from and sleeps on (the scheduler, run leases' renewal).
    public let clock: any WallClock
    /// `clock`'s time.
    public let now: @Sendable () -> Date
    public let metrics: ServerMetrics
    public let results: ResultCache
    public let runs: RoundRunService

    /// Creates the dependencies; the run service uses `config.robustnessSamples` and `config.robustnessSeed`.
    public init(config: ServerConfig, store: Store, configDirectory: ConfigDirectory, clock: any WallClock = SystemWallClock(),
                metrics: ServerMetrics = ServerMetrics()) {
        self.config = config
        self.store = store
        self.configDirectory = configDirectory
        self.clock = clock
        now = { clock.now() }
        self.metrics = metrics
        let results = ResultCache()
        self.results = results
        runs = RoundRunService(store: store, configDirectory: configDirectory, results: results,
                               robustness: RoundRobustnessSettings(samples: config.robustnessSamples, seed: config.robustnessSeed), clock: clock,
                               metrics: metrics, holder: LeaseHolder(instance: config.resolvedInstanceName))
    }
}

extension ServerDependencies where Store == SQLiteRepositories {
    /// On the embedded store (the default, and most tests').
    public init(config: ServerConfig, database: AppDatabase, configDirectory: ConfigDirectory, clock: any WallClock = SystemWallClock(),
                metrics: ServerMetrics = ServerMetrics()) {
        self.init(config: config, store: SQLiteRepositories(database), configDirectory: configDirectory, clock: clock, metrics: metrics)
    }

    /// The SQLite store itself, for tests and commands that read it directly.
    public var database: AppDatabase { store.database }
}
