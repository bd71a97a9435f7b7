import Foundation
import GRDB

/// Reads and writes `webhook_endpoint`.
public enum WebhookEndpoints {
    /// Every endpoint, ordered by id.
    public static func all(in db: Database) throws -> [WebhookEndpoint] {
        try Row.fetchAll(db, sql: "SELECT * FROM webhook_endpoint ORDER BY id").map(decode)
    }

    /// The endpoint named `id`, if any.
    public static func find(_ id: String, in db: Database) throws -> WebhookEndpoint? {
        try Row.fetchOne(db, sql: "SELECT * FROM webhook_endpoint WHERE id = ?", arguments: [id]).map(decode)
    }

    /// Inserts or replaces the endpoint with `endpoint.id`.
    public static func save(_ endpoint: WebhookEndpoint, now: Date, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO webhook_endpoint (id, url, secrets, event_types, enabled, disabled_reason, concurrency,
                    rate_limit_per_second, reviewer_id, format, source, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET url = excluded.url, secrets = excluded.secrets,
                    event_types = excluded.event_types, enabled = excluded.enabled,
                    disabled_reason = excluded.disabled_reason, concurrency = excluded.concurrency,
                    rate_limit_per_second = excluded.rate_limit_per_second, reviewer_id = excluded.reviewer_id,
                    format = excluded.format, source = excluded.source, updated_at = excluded.updated_at
                """,
            arguments: [
                endpoint.id, endpoint.url, endpoint.secrets.joined(separator: " "),
                endpoint.eventTypes.joined(separator: " "), endpoint.enabled, endpoint.disabledReason,
                endpoint.concurrency, endpoint.rateLimitPerSecond, endpoint.reviewerID, endpoint.format.rawValue,
                endpoint.source.rawValue, now.timeIntervalSince1970,
            ])
    }

    /// Makes the config file's endpoints the stored `config` ones: saves each, removes config endpoints no longer
    /// listed (only if they have no messages; otherwise disables them so their log survives).
    public static func syncFromConfig(_ endpoints: [WebhookEndpoint], now: Date, in db: Database) throws {
        let listed = Set(endpoints.map(\.id))
        for var endpoint in endpoints {
            // A 410 disable outlives restarts: the config must not silently re-enable a gone receiver.
            if let stored = try find(endpoint.id, in: db), stored.source == .config, !stored.enabled,
               stored.disabledReason != nil, endpoint.enabled, stored.url == endpoint.url {
                endpoint.enabled = false
                endpoint.disabledReason = stored.disabledReason
            }
            endpoint.source = .config
            try save(endpoint, now: now, in: db)
        }
        for stale in try all(in: db) where stale.source == .config && !listed.contains(stale.id) {
            let used = try Bool.fetchOne(
                db, sql: "SELECT EXISTS (SELECT 1 FROM webhook_message WHERE endpoint_id = ?)", arguments: [stale.id])
            if used == true {
                try disable(stale.id, reason: "removed from config", now: now, in: db)
            } else {
                try db.execute(sql: "DELETE FROM webhook_endpoint WHERE id = ?", arguments: [stale.id])
            }
        }
    }

    /// Stops fan-out to the endpoint and holds its pending messages.
    public static func disable(_ id: String, reason: String, now: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE webhook_endpoint SET enabled = 0, disabled_reason = ?, updated_at = ? WHERE id = ?",
            arguments: [reason, now.timeIntervalSince1970, id])
    }

    /// Re-enables the endpoint; its held pending messages become due again.
    public static func enable(_ id: String, now: Date, in db: Database) throws {
        try db.execute(
            sql: "UPDATE webhook_endpoint SET enabled = 1, disabled_reason = NULL, updated_at = ? WHERE id = ?",
            arguments: [now.timeIntervalSince1970, id])
    }

    static func decode(_ row: Row) throws -> WebhookEndpoint {
        let formatName: String = row["format"]
        let sourceName: String = row["source"]
        guard let format = WebhookEndpoint.Format(rawValue: formatName),
              let source = WebhookEndpoint.Source(rawValue: sourceName)
        else { throw StoreError.corrupt("webhook_endpoint format \(formatName) / source \(sourceName)") }
        return WebhookEndpoint(
            id: row["id"], url: row["url"], secrets: words(row["secrets"]), eventTypes: words(row["event_types"]),
            enabled: row["enabled"], disabledReason: row["disabled_reason"], concurrency: row["concurrency"],
            rateLimitPerSecond: row["rate_limit_per_second"], reviewerID: row["reviewer_id"], format: format,
            source: source)
    }

    private static func words(_ text: String) -> [String] {
        text.split(separator: " ").map(String.init)
    }
}
