import AllotStore
import ArgumentParser
import Foundation

/// `allot webhooks redeliver`: requeue one message, or every failed one since a time, with the same webhook-id.
struct WebhooksRedeliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redeliver",
        abstract: "Requeue one message (--message) or all failed since a time (--failed-since); ids are kept.",
        discussion: "The running dispatcher (or `allot webhooks dispatch`) sends them; receivers see the same "
            + "webhook-id as before, so they can deduplicate.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Option(help: "The message (webhook-id) to send again.") var message: String?
    @Option(help: "Requeue every failed message finished at or after this ISO 8601 time.") var failedSince: String?
    @Option(help: "Only this endpoint.") var endpoint: String?

    func validate() throws {
        guard (message == nil) != (failedSince == nil) else {
            throw ValidationError("give exactly one of --message and --failed-since")
        }
    }

    func run() throws {
        try failing {
            let filter = MessageFilter(
                eventID: message, endpointID: endpoint, state: failedSince == nil ? nil : .failed,
                since: try failedSince.map(WebhookArguments.date))
            let count = try store.withStore(configDir: config.configDir) { repositories in try repositories.outbox.redeliver(filter, now: Date()) }
            print("requeued \(count) message(s)")
        }
    }
}
