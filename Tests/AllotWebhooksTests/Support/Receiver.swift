import AllotStore
import Foundation
import Hummingbird
import ServiceLifecycle
import Logging
import NIOCore

/// A header name (HTTPTypes is reached through Hummingbird's re-export of HTTPFields).
typealias FieldName = HTTPFields.Element.Name

/// A request as the test receiver saw it.
struct ReceivedRequest: Sendable {
    var id: String
    var timestamp: String
    var signature: String
    var contentType: String
    var body: Data
}

/// How the receiver answers one request.
struct Reply: Sendable {
    var status: Int = 200
    var headers: [String: String] = [:]
    var body: String = "ok"
    /// Wait this long before answering (to make the client time out).
    var delay: TimeInterval = 0
}

/// A real HTTP server on 127.0.0.1 (Hummingbird) that records every request and answers with a script:
/// `script(n, request)` decides the reply to the n-th request (0-based).
final class Receiver: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let group: ServiceGroup
    private let log: LockedState<[ReceivedRequest]>

    var url: String { "http://127.0.0.1:\(port)/hook" }
    var received: [ReceivedRequest] { log.withLock { $0 } }

    private init(port: Int, task: Task<Void, any Error>, group: ServiceGroup, log: LockedState<[ReceivedRequest]>) {
        self.port = port
        self.task = task
        self.group = group
        self.log = log
    }

    static func start(
        port: Int = 0, script: @escaping @Sendable (Int, ReceivedRequest) -> Reply = { _, _ in Reply() }
    ) async throws -> Receiver {
        let log = LockedState<[ReceivedRequest]>([])
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 << 20)
            func header(_ name: String) -> String {
                FieldName(name).flatMap { request.headers[$0] } ?? ""
            }
            let received = ReceivedRequest(
                id: header("webhook-id"), timestamp: header("webhook-timestamp"),
                signature: header("webhook-signature"), contentType: header("content-type"),
                body: Data(buffer.readableBytesView))
            let index = log.withLock { log in
                log.append(received)
                return log.count - 1
            }
            let reply = script(index, received)
            if reply.delay > 0 { try await Task.sleep(nanoseconds: UInt64(reply.delay * 1e9)) }
            var fields = HTTPFields()
            for (name, value) in reply.headers {
                if let field = FieldName(name) { fields[field] = value }
            }
            return Response(
                status: .init(code: reply.status), headers: fields,
                body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
        }
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Self.quiet)
        // Run in a service group and stop it gracefully: cancelling `app.run()` itself can drop a connection's
        // NIOAsyncWriter unfinished, which traps in NIO ("Deinited NIOAsyncWriter without calling finish()").
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: Self.quiet))
        let task = Task { try await group.run() }
        var bound = 0
        for await value in ports { bound = value }
        guard bound > 0 else {
            await group.triggerGracefulShutdown()
            throw ReceiverError.didNotStart
        }
        return Receiver(port: bound, task: task, group: group, log: log)
    }

    // Shutting down mid-keep-alive makes Hummingbird log cancellations as errors; they are expected here.
    private static let quiet: Logger = {
        var logger = Logger(label: "test.receiver")
        logger.logLevel = .critical
        return logger
    }()

    /// Stops listening; later connections are refused.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

enum ReceiverError: Error {
    case didNotStart
}
