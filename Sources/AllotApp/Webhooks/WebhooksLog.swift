import AllotStore
import ArgumentParser
import Foundation

/// `allot webhooks log`: messages and their attempts, newest first.
struct WebhooksLog: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Show webhook messages and every attempt (status, latency, response snippet).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions
    @Option(help: "Only this message (webhook-id).") var message: String?
    @Option(help: "Only this endpoint.") var endpoint: String?
    @Option(help: "Only this state: pending, delivered, failed or suppressed.") var state: String?
    @Option(help: "Only messages finished (or enqueued) at or after this ISO 8601 time.") var since: String?
    @Option(help: "At most this many messages.") var limit = 20

    func run() async throws {
        try await failingAsync {
            let filter = try MessageFilter(
                eventID: message, endpointID: endpoint, state: state.map(WebhookArguments.state),
                since: since.map(WebhookArguments.date), limit: limit)
            let entries = try await store.withStore(configDir: config.configDir) { repositories in try await repositories.webhooks.deliveries(filter) }
            if entries.isEmpty { print("no messages") }
            for entry in entries { print(Self.render(entry)) }
        }
    }

    static func render(_ entry: MessageLogEntry) -> String {
        var lines = ["\(entry.eventID) \(entry.eventType) -> \(entry.endpointID): \(entry.state.rawValue), "
            + "\(entry.attempts) attempt(s) this round, enqueued \(WebhookArguments.format(entry.enqueuedAt))"]
        if entry.state == .pending, let next = entry.nextAttemptAt {
            lines.append("  next attempt \(WebhookArguments.format(next))")
        }
        if entry.state != .delivered, let error = entry.lastError { lines.append("  last error: \(error)") }
        for attempt in entry.attemptLog {
            let status = attempt.statusCode.map { "HTTP \($0)" } ?? "no response"
            var line = String(format: "  %@ %@ %.1f ms %@", WebhookArguments.format(attempt.startedAt), status,
                              attempt.durationMS, attempt.outcome)
            if let error = attempt.error { line += " (\(error))" }
            if let snippet = attempt.responseSnippet {
                line += " body: \(snippet.prefix(120).replacingOccurrences(of: "\n", with: " "))"
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
