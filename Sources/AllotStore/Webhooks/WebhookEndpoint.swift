import Foundation

/// A receiver of webhooks, as stored in `webhook_endpoint`.
public struct WebhookEndpoint: Sendable, Equatable, Codable {
    /// Body shape an endpoint asks for.
    public enum Format: String, Sendable, Codable, CaseIterable {
        /// The Standard Webhooks JSON envelope `{"type", "timestamp", "data"}`.
        case json
        /// `{"text": "..."}`: the plain-text rendering, which chat tools post as a message.
        case chat
    }

    /// Where an endpoint's definition came from.
    public enum Source: String, Sendable, Codable {
        /// `Config/webhooks.yaml`; re-synced (and removed) on start.
        case config
        /// Added through the store; config sync leaves it alone.
        case store
    }

    /// Stable name, e.g. `ops-chat`.
    public var id: String
    /// Target URL (http or https).
    public var url: String
    /// Signing secrets (`whsec_...`); more than one during rotation, every one signs.
    public var secrets: [String]
    /// Event types it receives; `*` means all.
    public var eventTypes: [String]
    /// Disabled endpoints get no new messages and their pending ones wait.
    public var enabled: Bool
    /// Why it was disabled (e.g. the receiver answered 410 Gone).
    public var disabledReason: String?
    /// Most requests in flight to it at once, per dispatcher.
    public var concurrency: Int
    /// Most requests started per second, per dispatcher; nil means no limit.
    public var rateLimitPerSecond: Double?
    /// The reviewer it belongs to: it then receives only that reviewer's notifications.
    public var reviewerID: String?
    /// Body shape.
    public var format: Format
    /// Config file or store.
    public var source: Source

    /// Creates an endpoint definition.
    public init(
        id: String, url: String, secrets: [String], eventTypes: [String] = ["*"], enabled: Bool = true,
        disabledReason: String? = nil, concurrency: Int = 4, rateLimitPerSecond: Double? = nil,
        reviewerID: String? = nil, format: Format = .json, source: Source = .store
    ) {
        self.id = id
        self.url = url
        self.secrets = secrets
        self.eventTypes = eventTypes
        self.enabled = enabled
        self.disabledReason = disabledReason
        self.concurrency = concurrency
        self.rateLimitPerSecond = rateLimitPerSecond
        self.reviewerID = reviewerID
        self.format = format
        self.source = source
    }

    /// Whether it subscribes to `type`.
    public func receives(type: String) -> Bool {
        eventTypes.contains("*") || eventTypes.contains(type)
    }

    /// Whether an event addressed to `reviewerID` (nil: to nobody in particular) is for this endpoint.
    public func isAudience(forReviewer eventReviewer: String?) -> Bool {
        guard let reviewerID else { return true }
        return eventReviewer == reviewerID
    }
}
