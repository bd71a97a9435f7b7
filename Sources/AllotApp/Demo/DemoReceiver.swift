import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird

/// The demo's local webhook receiver: checks each delivery's Standard Webhooks signature with the endpoint's secret
/// and keeps what arrived, as a panel's own system would.
final class DemoReceiver: Sendable {
    /// One delivery as received.
    struct Delivery: Sendable {
        let id: String
        let type: String
        let verified: Bool
        let bytes: Int
    }

    let port: Int
    private let task: Task<Void, any Error>
    private let received: LockedState<[Delivery]>

    var url: String { "http://127.0.0.1:\(port)/allot-events" }
    var deliveries: [Delivery] { received.withLock { $0 } }

    private init(port: Int, task: Task<Void, any Error>, received: LockedState<[Delivery]>) {
        self.port = port
        self.task = task
        self.received = received
    }

    static func start(secret: WebhookSecret) async throws -> DemoReceiver {
        let received = LockedState<[Delivery]>([])
        let router = Router()
        router.post("/allot-events") { request, _ -> Response in
            let body = Data(buffer: try await request.body.collect(upTo: 16 << 20))
            func header(_ name: String) -> String { HTTPFields.Element.Name(name).flatMap { request.headers[$0] } ?? "" }
            let id = header("webhook-id")
            var verified = true
            do {
                try WebhookVerifier.verify(id: id, timestamp: header("webhook-timestamp"), body: body,
                                           signatureHeader: header("webhook-signature"), secret: secret, now: Date())
            } catch {
                verified = false
            }
            let type = ((try? JSONSerialization.jsonObject(with: body)) as? [String: Any])?["type"] as? String ?? "?"
            received.withLock { $0.append(Delivery(id: id, type: type, verified: verified, bytes: body.count)) }
            return Response(status: verified ? .noContent : .unauthorized)
        }
        let (port, task) = try await LoopbackReceiver.start(router: router, label: "allot.demo.receiver")
        return DemoReceiver(port: port, task: task, received: received)
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
