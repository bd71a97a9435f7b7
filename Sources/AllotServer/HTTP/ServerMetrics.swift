import Hummingbird
import Prometheus

/// The daemon's Prometheus registry: requests by route and status, and their durations.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    /// Creates an empty registry.
    public init() {}

    private static let buckets: [Duration] = [.milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25),
                                              .milliseconds(50), .milliseconds(100), .milliseconds(250), .seconds(1), .seconds(5)]

    func recordRequest(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "allot", metricName: "http_requests", unitName: "total",
                                                              helpText: "HTTP requests by method, route and status"),
                             labels: [("method", method), ("route", route), ("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: MetricNameDescriptor(namespace: "allot", metricName: "http_request_duration",
                                                                        unitName: "seconds", helpText: "HTTP request durations"),
                                       labels: [("method", method), ("route", route)], buckets: Self.buckets).record(duration)
    }

    func recordRun(status: String) {
        registry.makeCounter(descriptor: MetricNameDescriptor(namespace: "allot", metricName: "round_runs", unitName: "total",
                                                              helpText: "Round runs by outcome"),
                             labels: [("status", status)]).increment()
    }

    /// The exposition text.
    public func exposition() -> String { registry.emitToString() }
}

/// Counts and times every request under its route template (never the raw path, so ids do not explode the labels).
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = AllotRequestContext
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            metrics.recordRequest(method: request.method.rawValue, route: context.endpointPath ?? "unmatched",
                                  status: response.status.code, duration: ContinuousClock.now - start)
            return response
        } catch {
            let status = (error as? any HTTPResponseError)?.status.code ?? 500
            metrics.recordRequest(method: request.method.rawValue, route: context.endpointPath ?? "unmatched", status: status,
                                  duration: ContinuousClock.now - start)
            throw error
        }
    }
}
