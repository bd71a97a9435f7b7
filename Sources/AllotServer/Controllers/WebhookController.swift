import AllotCore
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import Logging

/// Webhook endpoints (secrets are write-only: shown once on creation, never listed), the delivery log and redelivery.
struct WebhookController<Webhooks: WebhookAdministration> {
    let webhooks: Webhooks
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.webhooks")

    struct CreateEndpoint: Decodable {
        let id: String
        let url: String
        let secret: String?
        let eventTypes: [String]?
        let reviewerId: String?
        let format: WebhookEndpoint.Format?
        let concurrency: Int?
        let rateLimitPerSecond: Double?
        enum CodingKeys: String, CodingKey {
            case id, url, secret, format, concurrency
            case eventTypes = "event_types", reviewerId = "reviewer_id", rateLimitPerSecond = "rate_limit_per_second"
        }
    }

    struct EndpointView: Encodable {
        let id: String
        let url: String
        let eventTypes: [String]
        let enabled: Bool
        let disabledReason: String?
        let reviewerId: String?
        let format: String
        let source: String
        /// Only in the answer to its creation.
        let secret: String?
        init(_ e: WebhookEndpoint, secret: String? = nil) {
            id = e.id
            // A password in the URL is a credential: never shown.
            url = URLRedaction.redacted(e.url)
            eventTypes = e.eventTypes
            enabled = e.enabled
            disabledReason = e.disabledReason
            reviewerId = e.reviewerID
            format = e.format.rawValue
            source = e.source.rawValue
            self.secret = secret
        }
    }

    struct DeliveryView: Encodable {
        let id: Int64
        let eventId: String
        let eventType: String
        let endpointId: String
        let state: String
        let attempts: Int
        let enqueuedAt: Date
        let nextAttemptAt: Date?
        let finishedAt: Date?
        let lastStatus: Int?
        let lastError: String?
        init(_ m: MessageLogEntry) {
            id = m.messageID
            eventId = m.eventID
            eventType = m.eventType
            endpointId = m.endpointID
            state = m.state.rawValue
            attempts = m.attempts
            enqueuedAt = m.enqueuedAt
            nextAttemptAt = m.nextAttemptAt
            finishedAt = m.finishedAt
            lastStatus = m.lastStatus
            lastError = m.lastError.map(URLRedaction.redactedText)
        }
    }

    struct Requeued: Encodable { let requeued: Int }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("endpoints") { _, context in
            _ = try context.require(.admin)
            return try Reply.json(try await endpointViews())
        }
        routes.post("endpoints") { request, context in
            let identity = try context.require(.admin)
            let body = try await HTTPBody.json(CreateEndpoint.self, request, limit: context.maxUploadSize)
            guard !body.id.isEmpty else { throw APIError.invalid("$.id: must not be empty", path: "$.id") }
            try TextLimits.check(body.id, path: "$.id", limit: InputLimits.maxNameLength)
            if let reviewer = body.reviewerId { try TextLimits.check(reviewer, path: "$.reviewer_id", limit: InputLimits.maxNameLength) }
            try TextLimits.check(body.url, path: "$.url", limit: TargetPolicy.maxURLLength)
            do { try TargetPolicy.validate(url: body.url) } catch { throw APIError.invalid("$.url: \(error)", path: "$.url") }
            if let c = body.concurrency, !(1...64).contains(c) {
                throw APIError.invalid("$.concurrency: \(c) is not valid: expected 1 to 64", path: "$.concurrency")
            }
            if let rate = body.rateLimitPerSecond, !(rate.isFinite && rate > 0 && rate <= 10_000) {
                throw APIError.invalid("$.rate_limit_per_second: \(rate) is not valid: expected above 0 and at most 10000", path: "$.rate_limit_per_second")
            }
            let secret: WebhookSecret
            do { secret = try body.secret.map { try WebhookSecret($0) } ?? WebhookSecret.generate() } catch {
                throw APIError.invalid("$.secret: \(error)", path: "$.secret")
            }
            let endpoint = WebhookEndpoint(id: body.id, url: body.url, secrets: [secret.text], eventTypes: body.eventTypes ?? ["*"],
                                           concurrency: body.concurrency ?? 4, rateLimitPerSecond: body.rateLimitPerSecond,
                                           reviewerID: body.reviewerId, format: body.format ?? .json, source: .store)
            let at = now()
            let entry = try Activity.entry(.webhookAdded, by: identity, at: at, subject: endpoint.id, summary: "added webhook endpoint \(endpoint.id)",
                                           after: EndpointView(endpoint))
            try await webhooks.add(endpoint, at: at, activity: entry)
            logger.info("Webhook endpoint created", metadata: ["endpoint": "\(endpoint.id)"])
            return try Reply.json(EndpointView(endpoint, secret: body.secret == nil ? secret.text : nil), status: .created)
        }
        routes.delete("endpoints/:endpoint") { _, context in
            let identity = try context.require(.admin)
            let id = try context.parameters.require("endpoint")
            let at = now()
            // Disabled, not deleted: its delivery log stays readable.
            try await webhooks.remove(id, reason: "deleted through the API", at: at) { before in
                try Activity.entry(.webhookRemoved, by: identity, at: at, subject: id, summary: "removed webhook endpoint \(id)", before: EndpointView(before))
            }
            logger.info("Webhook endpoint removed", metadata: ["endpoint": "\(id)"])
            return Reply.noContent()
        }
        routes.get("deliveries") { request, context in
            _ = try context.require(.admin)
            let q = request.uri.queryParameters
            let filter = MessageFilter(eventID: q["event"].map(String.init), endpointID: q["endpoint"].map(String.init),
                                       state: q["state"].flatMap { MessageState(rawValue: String($0)) },
                                       limit: q["limit"].flatMap { Int(String($0)) }.map { min(max($0, 1), 1000) } ?? 100)
            return try Reply.json(try await deliveryViews(filter))
        }
        routes.post("deliveries/:delivery/redeliver") { _, context in
            let identity = try context.require(.admin)
            let raw = try context.parameters.require("delivery")
            guard let id = Int64(raw) else { throw APIError.notFound("no delivery '\(raw)'") }
            let at = now()
            let count = try await webhooks.redeliver(id, at: at) { count in
                try Activity.entry(.deliveryRetried, by: identity, at: at, subject: raw,
                                   summary: "sent delivery \(raw) again (\(count) message\(count == 1 ? "" : "s") queued)")
            }
            return try Reply.json(Requeued(requeued: count), status: .accepted)
        }
        return routes
    }

    /// The endpoints as `GET /v1/webhooks/endpoints` lists them (and the admin's webhooks page).
    func endpointViews() async throws -> [EndpointView] {
        try await webhooks.endpoints().map { EndpointView($0) }
    }

    /// The delivery log as `GET /v1/webhooks/deliveries` reads it (and the admin's webhooks page).
    func deliveryViews(_ filter: MessageFilter) async throws -> [DeliveryView] {
        try await webhooks.deliveries(filter).map(DeliveryView.init)
    }
}
