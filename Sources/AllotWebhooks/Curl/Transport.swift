import Foundation

/// One signed POST to send.
public struct WebhookRequest: Sendable, Equatable {
    /// Target URL.
    public var url: String
    /// Header name/value pairs, in order.
    public var headers: [(name: String, value: String)]
    /// Request body.
    public var body: Data

    /// Creates a request.
    public init(url: String, headers: [(name: String, value: String)], body: Data) {
        self.url = url
        self.headers = headers
        self.body = body
    }

    public static func == (lhs: WebhookRequest, rhs: WebhookRequest) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body
            && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
    }
}

/// An HTTP response as far as delivery needs it.
public struct WebhookResponse: Sendable, Equatable {
    /// HTTP status code.
    public var statusCode: Int
    /// Seconds from a `Retry-After` header (either form), if present.
    public var retryAfter: TimeInterval?
    /// The body, at most the capture cap.
    public var body: Data
    /// Whether the body was longer than the cap (the transfer was then cut short).
    public var truncated: Bool
}

/// The result of one request: a response of any status, or a failure to get one.
public struct TransportResult: Sendable, Equatable {
    /// The response, or why there is none.
    public var outcome: Result<WebhookResponse, WebhookError>
    /// Wall time spent, in milliseconds.
    public var durationMS: Double

    /// Creates a result.
    public init(_ outcome: Result<WebhookResponse, WebhookError>, durationMS: Double) {
        self.outcome = outcome
        self.durationMS = durationMS
    }
}

/// Sends webhook requests; `CurlClient` is the real one.
public protocol WebhookTransport: Sendable {
    /// Sends `request` and returns whatever happened; never throws.
    func send(_ request: WebhookRequest) async -> TransportResult
}

/// Connection limits for every request.
public struct TransportSettings: Sendable, Equatable {
    /// Time allowed to connect.
    public var connectTimeout: TimeInterval
    /// Time allowed for the whole request.
    public var totalTimeout: TimeInterval
    /// Most response-body bytes kept; a longer body stops the transfer.
    public var responseCaptureBytes: Int
    /// Sent as `User-Agent`.
    public var userAgent: String

    /// Creates settings; defaults are 5 s connect, 15 s total, 64 KiB body.
    public init(
        connectTimeout: TimeInterval = 5, totalTimeout: TimeInterval = 15, responseCaptureBytes: Int = 65_536,
        userAgent: String = "Allot-Webhooks/1"
    ) {
        self.connectTimeout = connectTimeout
        self.totalTimeout = totalTimeout
        self.responseCaptureBytes = responseCaptureBytes
        self.userAgent = userAgent
    }
}
