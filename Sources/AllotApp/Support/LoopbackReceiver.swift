import Hummingbird
import Logging

/// Starts a quiet Hummingbird app on 127.0.0.1 at a port the system picks, for the local webhook receivers of the
/// benchmark and the demo; returns the port and the task serving it (cancel it to stop).
enum LoopbackReceiver {
    static func start(router: Router<BasicRequestContext>, label: String) async throws -> (port: Int, task: Task<Void, any Error>) {
        var logger = Logger(label: label)
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
            throw BenchError.spawn("the loopback receiver \(label) did not start")
        }
        return (port, task)
    }
}
