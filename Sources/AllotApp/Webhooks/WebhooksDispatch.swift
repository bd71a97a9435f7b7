import AllotStore
import AllotWebhooks
import ArgumentParser
import Foundation
import Logging
import ServiceLifecycle

/// `allot webhooks dispatch`: sync endpoints from Config/webhooks.yaml and deliver the outbox.
struct WebhooksDispatch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dispatch",
        abstract: "Deliver pending webhook messages until interrupted (SIGINT/SIGTERM finish in-flight requests).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Flag(help: "Make one pass over what is due now, then exit.") var once = false

    func run() async throws {
        try await failingAsync {
            try CurlRuntime.initialize()
            let settings = try WebhooksConfig.load(path: try config.directory().file("webhooks.yaml"))
            try await store.withStore(configDir: config.configDir) { repositories in
                try await repositories.webhooks.syncFromConfig(settings.endpoints, at: Date())
                let client = try CurlClient(
                    settings: settings.delivery.transport, policy: settings.policy, workers: settings.delivery.workers)
                let dispatcher = WebhookDispatcher(outbox: repositories.outbox, transport: client, settings: settings.delivery)
                let outcome: Result<Void, any Error>
                do {
                    if once {
                        let report = try await dispatcher.runOnce()
                        print("delivered \(report.delivered), retrying \(report.retried), failed \(report.failed), "
                            + "withheld \(report.suppressed)")
                    } else {
                        let group = ServiceGroup(configuration: .init(
                            services: [dispatcher], gracefulShutdownSignals: [.sigterm, .sigint],
                            logger: Logger(label: "allot.webhooks.service")))
                        try await group.run()
                    }
                    outcome = .success(())
                } catch {
                    outcome = .failure(error)
                }
                await client.shutdown()
                try outcome.get()
            }
        }
    }
}
