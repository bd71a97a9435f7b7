import AllotStore
import Foundation

/// Signs and sends one claimed message; every attempt carries the same `webhook-id` and a fresh timestamp.
struct MessageSender: Sendable {
    let transport: any WebhookTransport
    let now: @Sendable () -> Date

    func send(_ claimed: Claimed) async -> Completed {
        let startedAt = now()
        do {
            let request = try Self.request(for: claimed, at: startedAt)
            return Completed(claimed: claimed, startedAt: startedAt, result: await transport.send(request))
        } catch {
            let failure = error as? WebhookError ?? .encoding("\(error)")
            return Completed(claimed: claimed, startedAt: startedAt, result: TransportResult(.failure(failure), durationMS: 0))
        }
    }

    static func request(for claimed: Claimed, at time: Date) throws -> WebhookRequest {
        let event = claimed.message.event
        let body = switch claimed.endpoint.format {
        case .json: event.body
        case .chat: try WebhookEvents.chatBody(text: event.text)
        }
        let signer = try WebhookSigner(secretTexts: claimed.endpoint.secrets)
        let headers = signer.headers(id: event.id, timestamp: Int(time.timeIntervalSince1970), body: body)
        return WebhookRequest(url: claimed.endpoint.url, headers: headers, body: body)
    }
}
