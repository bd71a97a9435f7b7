import Foundation

/// How the dispatcher schedules and sends; every field has a `Config/webhooks.yaml` key under `delivery:`.
public struct DeliverySettings: Sendable, Equatable {
    /// Connect/total timeouts and the response capture cap.
    public var transport: TransportSettings
    /// Delay before each retry; its length + 1 is the number of attempts before dead-lettering.
    public var retrySchedule: [TimeInterval]
    /// Each delay is scaled by a random factor in 1 ± jitter, so retries of many messages spread out.
    public var jitter: Double
    /// A `Retry-After` longer than this is cut to it.
    public var maxRetryAfter: TimeInterval
    /// How long a claimed message is held before another dispatcher may take it (longer than `totalTimeout`).
    public var lease: TimeInterval
    /// How often to look for work enqueued by other processes (in-process enqueues wake the dispatcher at once).
    public var pollInterval: TimeInterval
    /// Most messages claimed per endpoint at a time, on top of its concurrency limit.
    public var claimBatch: Int
    /// Bytes of response body kept in the delivery log.
    public var logSnippetBytes: Int
    /// libcurl worker threads (each owning one handle): the ceiling on requests in flight.
    public var workers: Int

    /// The default schedule: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h.
    public static let defaultRetrySchedule: [TimeInterval] = [5, 300, 1800, 7200, 18000, 36000, 36000]

    /// Creates settings; the defaults are the documented ones.
    public init(
        transport: TransportSettings = TransportSettings(), retrySchedule: [TimeInterval] = defaultRetrySchedule,
        jitter: Double = 0.2, maxRetryAfter: TimeInterval = 86_400, lease: TimeInterval = 60,
        pollInterval: TimeInterval = 1, claimBatch: Int = 64, logSnippetBytes: Int = 1024, workers: Int = 8
    ) {
        self.transport = transport
        self.retrySchedule = retrySchedule
        self.jitter = jitter
        self.maxRetryAfter = maxRetryAfter
        self.lease = lease
        self.pollInterval = pollInterval
        self.claimBatch = claimBatch
        self.logSnippetBytes = logSnippetBytes
        self.workers = workers
    }

    /// Throws if a value cannot work (e.g. a lease shorter than the request timeout).
    public func validate() throws {
        func require(_ condition: Bool, _ message: String) throws {
            if !condition { throw WebhookError.invalidConfig(message) }
        }
        try require(transport.connectTimeout > 0, "delivery.connect_timeout_seconds must be positive")
        try require(transport.totalTimeout >= transport.connectTimeout,
                    "delivery.total_timeout_seconds must be at least connect_timeout_seconds")
        try require(transport.responseCaptureBytes > 0, "delivery.response_capture_bytes must be positive")
        try require(retrySchedule.allSatisfy { $0 >= 0 }, "delivery.retry_schedule_seconds must not be negative")
        try require((0...1).contains(jitter), "delivery.jitter must be between 0 and 1")
        try require(lease > transport.totalTimeout, "delivery.lease_seconds must exceed total_timeout_seconds")
        try require(pollInterval > 0, "delivery.poll_interval_seconds must be positive")
        try require(claimBatch > 0, "delivery.claim_batch must be positive")
        try require(workers > 0, "delivery.workers must be positive")
        try require(logSnippetBytes >= 0, "delivery.log_snippet_bytes must not be negative")
    }
}
