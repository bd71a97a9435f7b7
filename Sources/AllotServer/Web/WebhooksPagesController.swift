import AllotStore
import Foundation
import Hummingbird

/// `/admin/webhooks`: the webhook endpoints and the latest 100 deliveries, read through `WebhookController`'s own
/// views (the code of `GET /v1/webhooks/endpoints` and `GET /v1/webhooks/deliveries`), so a URL's password is
/// hidden here exactly as there.
struct WebhooksPagesController<Webhooks: WebhookAdministration> {
    let webhooks: WebhookController<Webhooks>
    let pages: PageRenderer

    struct Page: Sendable {
        struct Endpoint: Sendable {
            let id: String
            let url: String
            let events: String
            let format: String
            let state: String
            let reviewerId: String?
        }

        struct Delivery: Sendable {
            let id: String
            let eventType: String
            let eventId: String
            let endpointId: String
            let state: String
            let attempts: Int
            let enqueued: String
            let last: String
        }

        let layout: PageLayout
        let endpoints: [Endpoint]
        let hasEndpoints: Bool
        let deliveries: [Delivery]
        let hasDeliveries: Bool
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/admin/webhooks") { _, context in
            let identity = try context.require(.admin)
            let endpoints = try await webhooks.endpointViews().map { e in
                Page.Endpoint(id: e.id, url: e.url, events: e.eventTypes == ["*"] ? "every event" : e.eventTypes.joined(separator: ", "), format: e.format,
                              state: e.enabled ? "sending" : "stopped" + (e.disabledReason.map { ": \($0)" } ?? ""), reviewerId: e.reviewerId)
            }
            let deliveries = try await webhooks.deliveryViews(MessageFilter(limit: 100)).map { d in
                Page.Delivery(id: String(d.id), eventType: d.eventType, eventId: d.eventId, endpointId: d.endpointId, state: d.state, attempts: d.attempts,
                              enqueued: PageFormat.time(d.enqueuedAt),
                              last: [d.lastStatus.map { "HTTP \($0)" }, d.lastError].compactMap { $0 }.joined(separator: ": ").nonEmpty ?? "–")
            }
            let layout = PageLayout(title: "Webhooks", identity: identity, session: context.session, section: .admin, crumbs: [("Administration", "/admin")])
            return try pages.page("webhooks", Page(layout: layout, endpoints: endpoints, hasEndpoints: !endpoints.isEmpty, deliveries: deliveries,
                                                   hasDeliveries: !deliveries.isEmpty))
        }
        return routes
    }
}

private extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
