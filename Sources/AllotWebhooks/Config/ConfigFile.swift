import AllotStore
import Foundation

/// The YAML shape of `Config/webhooks.yaml`, every key optional.
struct ConfigFile: Decodable {
    var delivery: DeliverySection?
    var allowTargets: [String]?
    var endpoints: [EndpointSection]?

    enum CodingKeys: String, CodingKey {
        case delivery, endpoints
        case allowTargets = "allow_targets"
    }
}

/// `delivery:` keys.
struct DeliverySection: Decodable {
    var connectTimeoutSeconds: Double?
    var totalTimeoutSeconds: Double?
    var responseCaptureBytes: Int?
    var logSnippetBytes: Int?
    var retryScheduleSeconds: [Double]?
    var jitter: Double?
    var maxRetryAfterSeconds: Double?
    var leaseSeconds: Double?
    var pollIntervalSeconds: Double?
    var claimBatch: Int?
    var workers: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case connectTimeoutSeconds = "connect_timeout_seconds"
        case totalTimeoutSeconds = "total_timeout_seconds"
        case responseCaptureBytes = "response_capture_bytes"
        case logSnippetBytes = "log_snippet_bytes"
        case retryScheduleSeconds = "retry_schedule_seconds"
        case jitter
        case maxRetryAfterSeconds = "max_retry_after_seconds"
        case leaseSeconds = "lease_seconds"
        case pollIntervalSeconds = "poll_interval_seconds"
        case claimBatch = "claim_batch"
        case workers
    }

    var settings: DeliverySettings {
        let base = DeliverySettings()
        return DeliverySettings(
            transport: TransportSettings(
                connectTimeout: connectTimeoutSeconds ?? base.transport.connectTimeout,
                totalTimeout: totalTimeoutSeconds ?? base.transport.totalTimeout,
                responseCaptureBytes: responseCaptureBytes ?? base.transport.responseCaptureBytes),
            retrySchedule: retryScheduleSeconds ?? base.retrySchedule,
            jitter: jitter ?? base.jitter,
            maxRetryAfter: maxRetryAfterSeconds ?? base.maxRetryAfter,
            lease: leaseSeconds ?? base.lease,
            pollInterval: pollIntervalSeconds ?? base.pollInterval,
            claimBatch: claimBatch ?? base.claimBatch,
            logSnippetBytes: logSnippetBytes ?? base.logSnippetBytes,
            workers: workers ?? base.workers)
    }
}

/// One `endpoints:` entry.
struct EndpointSection: Decodable {
    var id: String
    var url: String
    var secrets: [String]?
    var secretEnv: String?
    var events: [String]?
    var enabled: Bool?
    var concurrency: Int?
    var rateLimitPerSecond: Double?
    var reviewer: String?
    var format: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, url, secrets, events, enabled, concurrency, reviewer, format
        case secretEnv = "secret_env"
        case rateLimitPerSecond = "rate_limit_per_second"
    }

    func endpoint(environment: [String: String]) throws -> WebhookEndpoint {
        func fail(_ message: String) -> WebhookError { .invalidConfig("endpoint \(id): \(message)") }
        var secretTexts = secrets ?? []
        if let secretEnv {
            guard let value = environment[secretEnv], !value.isEmpty else {
                throw fail("secret_env \(secretEnv) is not set in the environment")
            }
            // Several secrets (rotation) may be given space-separated.
            secretTexts += value.split(separator: " ").map(String.init)
        }
        guard !secretTexts.isEmpty else { throw fail("needs secrets or secret_env") }
        do {
            _ = try WebhookSigner(secretTexts: secretTexts)
            try TargetPolicy.validate(url: url)
        } catch let error as WebhookError {
            throw fail(error.description)
        }
        let types = events ?? ["*"]
        let known = Set(WebhookEventType.allCases.map(\.rawValue) + ["*"])
        if let unknown = types.first(where: { !known.contains($0) }) {
            throw fail("unknown event type \(unknown); known: \(known.sorted().joined(separator: ", "))")
        }
        guard let shape = WebhookEndpoint.Format(rawValue: format ?? "json") else {
            throw fail("format must be json or chat")
        }
        let limit = concurrency ?? 4
        guard limit > 0 else { throw fail("concurrency must be positive") }
        if let rateLimitPerSecond, rateLimitPerSecond <= 0 { throw fail("rate_limit_per_second must be positive") }
        return WebhookEndpoint(
            id: id, url: url, secrets: secretTexts, eventTypes: types, enabled: enabled ?? true, concurrency: limit,
            rateLimitPerSecond: rateLimitPerSecond, reviewerID: reviewer, format: shape, source: .config)
    }
}
