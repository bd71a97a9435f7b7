import Foundation
import Logging
import PostgresNIO

/// Reads and writes `webhook_endpoint` on a caller's connection, inside its transaction (PostgreSQL's
/// `WebhookEndpoints`, with the same meanings).
enum PostgresWebhookEndpoints {
    static let columns = """
        id, url, secrets, event_types, enabled, disabled_reason, concurrency, rate_limit_per_second, reviewer_id, \
        format, source
        """

    /// Every endpoint, ordered by id in byte order (as SQLite orders them).
    static func all(on connection: PostgresConnection, logger: Logger) async throws -> [WebhookEndpoint] {
        try await connection.query("SELECT \(unescaped: columns) FROM webhook_endpoint ORDER BY id COLLATE \"C\"", logger: logger)
            .collect().map(decode)
    }

    /// The endpoint named `id`, if any; `forUpdate` locks its row until the transaction ends.
    static func find(_ id: String, forUpdate: Bool = false, on connection: PostgresConnection, logger: Logger) async throws -> WebhookEndpoint? {
        try await connection.query(
            "SELECT \(unescaped: columns) FROM webhook_endpoint WHERE id = \(id)\(unescaped: forUpdate ? " FOR UPDATE" : "")",
            logger: logger
        ).collect().first.map(decode)
    }

    /// Inserts or replaces the endpoint with `endpoint.id` (`insertOnly`: inserts, and a taken id is a unique
    /// violation, 23505).
    static func save(_ e: WebhookEndpoint, now: Date, insertOnly: Bool = false, on connection: PostgresConnection, logger: Logger) async throws {
        let conflict = insertOnly ? "" : """
             ON CONFLICT (id) DO UPDATE SET url = excluded.url, secrets = excluded.secrets,
                event_types = excluded.event_types, enabled = excluded.enabled,
                disabled_reason = excluded.disabled_reason, concurrency = excluded.concurrency,
                rate_limit_per_second = excluded.rate_limit_per_second, reviewer_id = excluded.reviewer_id,
                format = excluded.format, source = excluded.source, updated_at = excluded.updated_at
            """
        try await connection.query("""
            INSERT INTO webhook_endpoint (id, url, secrets, event_types, enabled, disabled_reason, concurrency,
                rate_limit_per_second, reviewer_id, format, source, updated_at)
            VALUES (\(e.id), \(e.url), \(e.secrets.joined(separator: " ")), \(e.eventTypes.joined(separator: " ")), \(e.enabled),
                \(e.disabledReason), \(Int64(e.concurrency)), \(e.rateLimitPerSecond), \(e.reviewerID), \(e.format.rawValue),
                \(e.source.rawValue), \(now.postgres))\(unescaped: conflict)
            """, logger: logger)
    }

    /// Stops fan-out to the endpoint and holds its pending messages.
    static func disable(_ id: String, reason: String, now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query(
            "UPDATE webhook_endpoint SET enabled = FALSE, disabled_reason = \(reason), updated_at = \(now.postgres) WHERE id = \(id)",
            logger: logger)
    }

    static func decode(_ row: PostgresRow) throws -> WebhookEndpoint {
        let (id, url, secrets, eventTypes, enabled, disabledReason, concurrency, rate, reviewerID, formatName, sourceName) = try row.decode(
            (String, String, String, String, Bool, String?, Int64, Double?, String?, String, String).self)
        guard let format = WebhookEndpoint.Format(rawValue: formatName), let source = WebhookEndpoint.Source(rawValue: sourceName) else {
            throw StoreError.corrupt("webhook_endpoint format \(formatName) / source \(sourceName)")
        }
        return WebhookEndpoint(
            id: id, url: url, secrets: words(secrets), eventTypes: words(eventTypes), enabled: enabled, disabledReason: disabledReason,
            concurrency: Int(concurrency), rateLimitPerSecond: rate, reviewerID: reviewerID, format: format, source: source)
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}

extension PostgresWebhookEndpoints {
    /// Makes the config file's endpoints the stored `config` ones: saves each, removes config endpoints no longer
    /// listed (only if they have no messages; otherwise disables them so their log survives). As SQLite's
    /// `WebhookEndpoints.syncFromConfig`, a config endpoint disabled with a reason (a 410) stays disabled while its URL
    /// is unchanged.
    static func syncFromConfig(_ endpoints: [WebhookEndpoint], now: Date, on connection: PostgresConnection, logger: Logger) async throws {
        let listed = Set(endpoints.map(\.id))
        for var endpoint in endpoints {
            if let stored = try await find(endpoint.id, on: connection, logger: logger), stored.source == .config, !stored.enabled,
               stored.disabledReason != nil, endpoint.enabled, stored.url == endpoint.url {
                endpoint.enabled = false
                endpoint.disabledReason = stored.disabledReason
            }
            endpoint.source = .config
            try await save(endpoint, now: now, on: connection, logger: logger)
        }
        for stale in try await all(on: connection, logger: logger) where stale.source == .config && !listed.contains(stale.id) {
            let used = try await connection.query(
                "SELECT EXISTS (SELECT 1 FROM webhook_message WHERE endpoint_id = \(stale.id))", logger: logger
            ).collect().first?.decode(Bool.self) ?? false
            if used {
                try await disable(stale.id, reason: "removed from config", now: now, on: connection, logger: logger)
            } else {
                try await connection.query("DELETE FROM webhook_endpoint WHERE id = \(stale.id)", logger: logger)
            }
        }
    }
}
