import AllotStore
import Foundation
import Hummingbird

/// `/health`, `/ready`, `/metrics`, `/openapi.json`: open routes for probes, scrapers and clients.
struct HealthController<Store: StoreRepositories> {
    let store: Store
    let metrics: ServerMetrics

    private struct Status: Encodable { let status: String }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("health") { _, _ in try Reply.json(Status(status: "ok")) }
        routes.get("ready") { _, _ in
            do {
                try await store.checkReachable()
                return try Reply.json(Status(status: "ready"))
            } catch {
                return try Reply.json(Status(status: "store unavailable"), status: .serviceUnavailable)
            }
        }
        routes.get("metrics") { _, _ in
            Reply.raw(Data(metrics.exposition().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        routes.get("openapi.json") { _, _ in
            Reply.raw(Data(OpenAPIDocument.json.utf8), contentType: "application/json; charset=utf-8")
        }
        return routes
    }
}
