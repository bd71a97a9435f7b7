import AllotIngest
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import UnixSignals

/// `allot serve`: the HTTP application, the webhook dispatcher and the scheduler in one `ServiceGroup`, stopped
/// gracefully by SIGTERM or SIGINT (requests in flight finish, dispatcher leases are released).
public enum AllotDaemon {
    /// Opens the store, syncs the configured webhook endpoints, marks runs left over by a stopped instance as failed, and
    /// serves until a signal arrives. `announce` receives `listening on HOST:PORT` with the bound port.
    public static func run(config: ServerConfig, configDirectory: ConfigDirectory, clock: any WallClock = SystemWallClock(),
                           announce: @escaping @Sendable (String) -> Void = { print($0) }) async throws {
        try await StoreOpener.withStore(config.storeLocation) { store in
            try await serve(store, config: config, configDirectory: configDirectory, clock: clock, announce: announce)
        }
    }

    /// `run` on an open store.
    static func serve<Store: StoreRepositories>(_ store: Store, config: ServerConfig, configDirectory: ConfigDirectory, clock: any WallClock,
                                                announce: @escaping @Sendable (String) -> Void) async throws {
        let logger = Logger(label: "allot.daemon")
        let webhooksPath = config.webhooksConfig.hasPrefix("/") ? config.webhooksConfig : configDirectory.file(config.webhooksConfig)
        // A missing file would silently mean "no endpoints": stop instead, naming the key.
        guard FileManager.default.fileExists(atPath: webhooksPath) else {
            throw ServerConfigError(source: "allot.yaml", key: "webhooks.config",
                                    reason: "'\(webhooksPath)' does not exist (a relative path is read from the Config/ folder)")
        }
        let webhooks = try WebhooksConfig.load(path: webhooksPath)
        try await store.webhooks.syncFromConfig(webhooks.endpoints, at: Date())
        try CurlRuntime.initialize()
        let client = try CurlClient(settings: webhooks.delivery.transport, policy: webhooks.policy, workers: webhooks.delivery.workers)
        let deps = ServerDependencies(config: config, store: store, configDirectory: configDirectory, clock: clock)
        let dispatcher = WebhookDispatcher(outbox: store.outbox, transport: client, settings: webhooks.delivery)
        let scheduler = RunScheduler(deps)
        let host = config.host
        let app = buildApplication(deps) { port in
            logger.info("Listening", metadata: ["host": "\(host)", "port": "\(port)"])
            // Runs left by a stop: this instance's own from its last life at once, a dead instance's once its lease has
            // expired (another instance's run in progress holds its lease and is left alone; the scheduler's passes
            // catch the rest as their leases expire). Only once the port is bound: a second copy of this instance
            // started by mistake fails to bind and exits without taking the running one's leases.
            do { _ = try deps.runs.recoverEarlierLives(at: clock.now()) } catch {
                logger.error("Runs left by a stop not recovered", metadata: ["error": "\(error)"])
            }
            announce("listening on \(host):\(port)")
            // With port 0 the configured public URL cannot know the port: the web app is then named by the bound one.
            var bound = config
            bound.port = port
            announce("web app at \((config.port == 0 && config.publicURL == nil ? bound : config).resolvedPublicURL)/ (sign in with a token, or allot token create ... --link)")
        }
        let services: [any Service] = [app, dispatcher, scheduler]
        let group = ServiceGroup(configuration: .init(
            services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await client.shutdown()
        logger.info("Stopped")
        try outcome.get()
    }
}
