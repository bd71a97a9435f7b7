import AllotStore
import Foundation
import Hummingbird
import Logging

/// The benchmark's loopback receiver: answers 204 to every POST and notes when each `webhook-id` arrived.
final class WebhooksBenchReceiver: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let arrivals: LockedState<(count: Int, times: [String: ContinuousClock.Instant], recording: Bool)>

    var url: String { "http://127.0.0.1:\(port)/hook" }
    var count: Int { arrivals.withLock { $0.count } }

    private init(port: Int, task: Task<Void, any Error>,
                 arrivals: LockedState<(count: Int, times: [String: ContinuousClock.Instant], recording: Bool)>) {
        self.port = port
        self.task = task
        self.arrivals = arrivals
    }

    static func start() async throws -> WebhooksBenchReceiver {
        let arrivals = LockedState<(count: Int, times: [String: ContinuousClock.Instant], recording: Bool)>(
            (0, [:], false))
        let idField = HTTPFields.Element.Name("webhook-id")
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            _ = try await request.body.collect(upTo: 1 << 20)
            let now = ContinuousClock.now
            let id = idField.flatMap { request.headers[$0] }
            arrivals.withLock { state in
                state.count += 1
                // Only the first arrival counts for latency; a redelivery would not be "the" delivery.
                if state.recording, let id, state.times[id] == nil { state.times[id] = now }
            }
            return Response(status: .noContent)
        }
        var logger = Logger(label: "allot.bench.receiver")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            }, logger: logger)
        let task = Task { try await app.run() }
        var port = 0
        for await bound in ports { port = bound }
        guard port > 0 else {
            task.cancel()
            throw BenchError.spawn("the loopback receiver did not start")
        }
        return WebhooksBenchReceiver(port: port, task: task, arrivals: arrivals)
    }

    /// Starts noting arrival times (latency phase) from a clean slate.
    func recordArrivals() {
        arrivals.withLock { $0 = (0, [:], true) }
    }

    /// Forgets everything seen so far.
    func reset() {
        arrivals.withLock { $0 = (0, [:], false) }
    }

    func arrival(of id: String) -> ContinuousClock.Instant? {
        arrivals.withLock { $0.times[id] }
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
