import AllotStore
import Foundation
import Yams

/// Reads `Config/allot.yaml` and applies `ALLOT_...` environment overrides; unknown keys and bad values are errors
/// naming the key path.
public enum ServerConfigLoader {
    /// Environment variable -> key path it overrides.
    public static let environmentKeys: [(variable: String, key: String)] = [
        ("ALLOT_LISTEN", "listen"), ("ALLOT_DATA_DIR", "data_dir"), ("ALLOT_RETENTION_RAW_RESPONSES", "retention.raw_responses"),
        ("ALLOT_SCHEDULER_TICK_SECONDS", "scheduler.tick_seconds"), ("ALLOT_UPLOAD_MAX_BYTES", "uploads.max_bytes"),
        ("ALLOT_ROBUSTNESS_SAMPLES", "runs.robustness_samples"), ("ALLOT_ROBUSTNESS_SEED", "runs.seed"),
        ("ALLOT_WEBHOOKS_CONFIG", "webhooks.config"), ("ALLOT_REMINDER_LEAD_HOURS", "reminders.lead_hours"),
        ("ALLOT_PUBLIC_URL", "public_url"), ("ALLOT_WEB_SESSION_HOURS", "web.session_hours"), ("ALLOT_WEB_LINK_HOURS", "web.link_hours"),
        ("ALLOT_WEB_TRUSTED_PROXIES", "web.trusted_proxies"), ("ALLOT_INSTANCE_NAME", "instance_name"),
        ("ALLOT_DATABASE_URL", "database_url"),
    ]

    private static let knownKeys: Set<String> = Set(environmentKeys.map(\.key))
    private static let sections: Set<String> = ["retention", "scheduler", "uploads", "runs", "webhooks", "reminders", "web"]

    /// Reads `path` (a missing file means the defaults) and the environment.
    public static func load(path: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ServerConfigError)
        -> ServerConfig {
        var text = ""
        let source = path ?? "defaults"
        if let path {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ServerConfigError(source: path, key: "", reason: "cannot read the file")
            }
            guard let t = String(data: data, encoding: .utf8) else { throw ServerConfigError(source: path, key: "", reason: "not UTF-8 text") }
            text = t
        }
        return try parse(yaml: text, source: source, environment: environment)
    }

    /// Parses YAML text; `source` names it in errors.
    public static func parse(yaml: String, source: String, environment: [String: String] = [:]) throws(ServerConfigError) -> ServerConfig {
        var values: [String: (value: String, source: String)] = [:]
        let node: Node?
        do { node = try Yams.compose(yaml: yaml) } catch {
            throw ServerConfigError(source: source, key: "", reason: "not valid YAML: \(error)")
        }
        if let node {
            guard let mapping = node.mapping else { throw ServerConfigError(source: source, key: "", reason: "expected a mapping of keys") }
            try flatten(mapping, prefix: "", source: source, into: &values)
        }
        for (variable, key) in environmentKeys {
            if let value = environment[variable], !value.isEmpty { values[key] = (value, variable) }
        }
        return try build(values)
    }

    private static func flatten(_ mapping: Node.Mapping, prefix: String, source: String,
                                into values: inout [String: (value: String, source: String)]) throws(ServerConfigError) {
        for (k, v) in mapping {
            guard let name = k.string else { throw ServerConfigError(source: source, key: prefix, reason: "a key must be text") }
            let key = prefix.isEmpty ? name : "\(prefix).\(name)"
            if let inner = v.mapping {
                guard prefix.isEmpty, sections.contains(name) else {
                    throw ServerConfigError(source: source, key: key, reason: "unknown key; expected one of \(sortedKeys(under: prefix))")
                }
                try flatten(inner, prefix: key, source: source, into: &values)
            } else {
                guard knownKeys.contains(key) else {
                    throw ServerConfigError(source: source, key: key, reason: "unknown key; expected one of \(sortedKeys(under: prefix))")
                }
                guard let scalar = v.scalar else { throw ServerConfigError(source: source, key: key, reason: "expected a single value") }
                if ["", "~", "null"].contains(scalar.string) { continue }
                values[key] = (scalar.string, source)
            }
        }
    }

    private static func sortedKeys(under prefix: String) -> String {
        let names = prefix.isEmpty
            ? Set(knownKeys.map { String($0.split(separator: ".").first ?? "") })
            : Set(knownKeys.filter { $0.hasPrefix(prefix + ".") }.map { String($0.dropFirst(prefix.count + 1)) })
        return names.sorted().joined(separator: ", ")
    }

    private static func build(_ values: [String: (value: String, source: String)]) throws(ServerConfigError) -> ServerConfig {
        var config = ServerConfig()
        func fail(_ key: String, _ reason: String) -> ServerConfigError {
            ServerConfigError(source: values[key]?.source ?? "defaults", key: key, reason: "'\(values[key]?.value ?? "")' \(reason)")
        }
        if let listen = values["listen"]?.value {
            guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port),
                  colon > listen.startIndex else {
                throw fail("listen", "is not valid: expected HOST:PORT with a port from 0 to 65535, e.g. 127.0.0.1:8080")
            }
            config.host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            config.port = port
        }
        if let dir = values["data_dir"]?.value {
            guard !dir.isEmpty else { throw fail("data_dir", "is not valid: expected a folder path") }
            config.dataDirectory = dir
        }
        if let retention = values["retention.raw_responses"]?.value {
            if retention.lowercased() == "forever" { config.retention = .forever } else {
                guard let days = Int(retention), days >= 0 else {
                    throw fail("retention.raw_responses", "is not valid: expected a number of days (0 or more) or forever")
                }
                config.retention = .days(days)
            }
        }
        if let tick = values["scheduler.tick_seconds"]?.value {
            guard let t = Double(tick), t > 0, t.isFinite else { throw fail("scheduler.tick_seconds", "is not valid: expected seconds above 0") }
            config.schedulerTickSeconds = t
        }
        if let lead = values["reminders.lead_hours"]?.value {
            guard let h = Double(lead), h >= 0, h.isFinite else { throw fail("reminders.lead_hours", "is not valid: expected hours, 0 or more") }
            config.reminderLeadHours = h
        }
        if let bytes = values["uploads.max_bytes"]?.value {
            guard let b = Int(bytes), b > 0 else { throw fail("uploads.max_bytes", "is not valid: expected a number of bytes above 0") }
            config.uploadMaxBytes = b
        }
        if let samples = values["runs.robustness_samples"]?.value {
            guard let s = Int(samples), s >= 0 else { throw fail("runs.robustness_samples", "is not valid: expected a whole number, 0 or more") }
            config.robustnessSamples = s
        }
        if let seed = values["runs.seed"]?.value {
            guard let s = UInt64(seed) else { throw fail("runs.seed", "is not valid: expected a whole number, 0 or more") }
            config.robustnessSeed = s
        }
        if let webhooks = values["webhooks.config"]?.value {
            guard !webhooks.isEmpty else { throw fail("webhooks.config", "is not valid: expected a file path") }
            config.webhooksConfig = webhooks
        }
        if let name = values["instance_name"]?.value {
            guard !name.isEmpty, name.count <= 200, !name.contains("#"),
                  !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                throw fail("instance_name", "is not valid: expected a name of up to 200 characters without '#' or control characters")
            }
            config.instanceName = name
        }
        if let text = values["database_url"]?.value {
            do throws(PostgresStoreError) { config.databaseURL = try PostgresURL(parsing: text) } catch {
                // Not `fail`: its message quotes the value, which holds the password.
                let reason = if case let .badDatabaseURL(why) = error { why } else { "\(error)" }
                throw ServerConfigError(source: values["database_url"]?.source ?? "defaults", key: "database_url",
                                        reason: "\(reason); expected postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?sslmode=...]")
            }
        }
        if let url = values["public_url"]?.value {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), URL(string: url)?.host != nil,
                  !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
                throw fail("public_url", "is not valid: expected the address people open, e.g. https://allot.example.gov.uk")
            }
            config.publicURL = url
        }
        if let hours = values["web.session_hours"]?.value {
            guard let h = Double(hours), h > 0, h <= 24 * 30, h.isFinite else {
                throw fail("web.session_hours", "is not valid: expected hours above 0 and at most 720")
            }
            config.webSessionHours = h
        }
        if let hours = values["web.link_hours"]?.value {
            guard let h = Double(hours), h > 0, h <= 24 * 30, h.isFinite else {
                throw fail("web.link_hours", "is not valid: expected hours above 0 and at most 720")
            }
            config.webLinkHours = h
        }
        if let proxies = values["web.trusted_proxies"]?.value {
            var addresses: Set<String> = []
            for part in proxies.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                guard let address = ClientAddress.canonical(part) else {
                    throw fail("web.trusted_proxies", "is not valid: \"\(part)\" is not an IP address; expected addresses separated by commas, e.g. 10.0.0.5, 10.0.0.6")
                }
                addresses.insert(address)
            }
            config.webTrustedProxies = addresses
        }
        return config
    }
}
