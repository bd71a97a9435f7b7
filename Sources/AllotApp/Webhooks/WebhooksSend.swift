import AllotWebhooks
import ArgumentParser
import Foundation

/// `allot webhooks send`: deliver one event straight to a URL, retrying until a 2xx or the give-up time.
struct WebhooksSend: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver one signed event to URL (body {\"type\", \"timestamp\", \"data\"}), retrying until a 2xx.",
        discussion: "Exits 0 once the endpoint answers 2xx; otherwise non-zero with the last failure after "
            + "--give-up-after seconds (or at once on 410 Gone or a refused target).")

    @Option(help: "Target URL (http or https).") var url: String
    @Option(help: "Signing secret whsec_...; repeat to sign with several (rotation).") var secret: [String]
    @Option(help: "Event type, e.g. round.completed.") var event: String
    @Option(help: "JSON file used as the event's data (default: {}).") var data: String?
    @Option(name: .customLong("allow-target"),
            help: "Allow a non-public address or CIDR range (e.g. 127.0.0.1/32); repeatable.")
    var allowTargets: [String] = []
    @Option(help: "Stop retrying after this many seconds.") var giveUpAfter: Double = 60
    @Option(help: "Per-request total timeout in seconds.") var timeout: Double = 15

    func run() async throws {
        try await failingAsync {
            let dataJSON = try loadData()
            let client = try CurlClient(
                settings: TransportSettings(connectTimeout: min(5, timeout), totalTimeout: timeout),
                policy: TargetPolicy(allowing: allowTargets), workers: 1)
            let outcome: Result<[OneShotDelivery.Attempt], any Error>
            do {
                let delivery = try OneShotDelivery(
                    url: url, signer: WebhookSigner(secretTexts: secret), eventType: event, dataJSON: dataJSON,
                    transport: client, giveUpAfter: giveUpAfter)
                outcome = .success(try await delivery.run { attempt in
                    print(String(format: "attempt %d: %@ (%.1f ms)", attempt.number, attempt.summary,
                                 attempt.durationMS))
                })
            } catch {
                outcome = .failure(error)
            }
            await client.shutdown()
            print("delivered after \(try outcome.get().count) attempt(s)")
        }
    }

    private func loadData() throws -> Data {
        guard let data else { return Data("{}".utf8) }
        guard let contents = FileManager.default.contents(atPath: data) else {
            throw ValidationError("cannot read --data file \(data)")
        }
        guard (try? JSONSerialization.jsonObject(with: contents, options: .fragmentsAllowed)) != nil else {
            throw ValidationError("--data file \(data) is not JSON")
        }
        // Kept verbatim inside the envelope, but without the file's trailing newline.
        return Data(String(decoding: contents, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
    }
}

/// Like `failing`, for async bodies: prints the error and exits non-zero.
func failingAsync<T>(_ body: () async throws -> T) async throws -> T {
    do { return try await body() } catch let error as ExitCode { throw error } catch let error as CleanExit { throw error } catch {
        FileHandle.standardError.write(Data("error: \(describe(error))\n".utf8))
        throw ExitCode(65)
    }
}
