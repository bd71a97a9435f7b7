import Foundation
import Logging

/// The libcurl transport: a fixed set of threads, each owning one easy handle for its whole life, so a handle is
/// never touched by two threads and its keep-alive connections are reused.
public final class CurlClient: WebhookTransport {
    private struct Job: Sendable {
        var request: WebhookRequest
        var continuation: CheckedContinuation<TransportResult, Never>
    }

    private let queue = JobQueue<Job>()
    /// Handles and header lists this client holds.
    public let resources = CurlResources()

    /// Starts `workers` threads. Call `shutdown()` when done; it waits for them to clean up their handles.
    public init(
        settings: TransportSettings = TransportSettings(), policy: TargetPolicy, workers: Int = 8,
        logger: Logger = Logger(label: "allot.webhooks.curl")
    ) throws {
        try CurlRuntime.initialize()
        for index in 0..<max(1, workers) {
            queue.workerStarted()
            let thread = Thread { [queue, resources] in
                Self.work(queue: queue, policy: policy, settings: settings, resources: resources, logger: logger)
            }
            thread.name = "allot-curl-\(index)"
            thread.start()
        }
    }

    /// Sends on the first free worker thread.
    public func send(_ request: WebhookRequest) async -> TransportResult {
        await withCheckedContinuation { continuation in
            if !queue.push(Job(request: request, continuation: continuation)) {
                continuation.resume(returning: TransportResult(.failure(.shutDown), durationMS: 0))
            }
        }
    }

    /// Finishes queued requests, then stops the threads and frees their handles.
    public func shutdown() async {
        await queue.close()
    }

    private static func work(
        queue: JobQueue<Job>, policy: TargetPolicy, settings: TransportSettings, resources: CurlResources,
        logger: Logger
    ) {
        defer { queue.workerFinished() }
        let easy: CurlEasy
        do {
            easy = try CurlEasy(settings: settings, resources: resources)
        } catch {
            logger.error("Cannot create a libcurl handle", metadata: ["error": "\(error)"])
            while let job = queue.next() {
                job.continuation.resume(returning: TransportResult(.failure(.curlUnavailable("\(error)")), durationMS: 0))
            }
            return
        }
        while let job = queue.next() {
            let started = ContinuousClock.now
            let outcome: Result<WebhookResponse, WebhookError>
            do {
                let target = try policy.resolve(job.request.url)
                outcome = easy.perform(job.request, target: target)
            } catch let error as WebhookError {
                outcome = .failure(error)
            } catch {
                outcome = .failure(.transport(code: -1, detail: "\(error)"))
            }
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000
                + Double(elapsed.components.attoseconds) / 1e15
            job.continuation.resume(returning: TransportResult(outcome, durationMS: milliseconds))
        }
    }
}
