import ArgumentParser

/// `allot webhooks`: test an endpoint, read the delivery log, redeliver, run the dispatcher.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Signed webhook delivery (Standard Webhooks): send a test event, read the log, redeliver, dispatch.",
        subcommands: [WebhooksSend.self, WebhooksLog.self, WebhooksRedeliver.self, WebhooksDispatch.self])
}
