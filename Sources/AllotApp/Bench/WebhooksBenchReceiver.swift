import AllotStore
import Foundation
import Hummingbird

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
        let (port, task) = try await LoopbackReceiver.start(router: router, label: "allot.bench.receiver")
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
