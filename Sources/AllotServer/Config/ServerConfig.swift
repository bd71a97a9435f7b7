import AllotStore
import Foundation

/// The daemon's settings (`Config/allot.yaml` with `ALLOT_...` overrides).
public struct ServerConfig: Sendable, Equatable {
    /// How long raw survey responses are kept after their survey closes.
    public enum Retention: Sendable, Equatable {
        case forever
        case days(Int)
    }

    public var host: String
    public var port: Int
    public var dataDirectory: String
    public var retention: Retention
    public var schedulerTickSeconds: Double
    /// How long before a review deadline reviewers with outstanding reviews are reminded.
    public var reminderLeadHours: Double
    public var uploadMaxBytes: Int
    public var robustnessSamples: Int
    public var robustnessSeed: UInt64
    /// The webhooks YAML file (absolute, or relative to the Config/ folder).
    public var webhooksConfig: String
    /// How people reach the web app (`public_url`), for sign-in links and notifications; nil: `http://` and the listen address.
    public var publicURL: String?
    /// How long a web session lasts after signing in.
    public var webSessionHours: Double = 12
    /// How long a one-time sign-in link stays usable.
    public var webLinkHours: Double = 72
    /// Load balancers or proxies (canonical addresses) whose `X-Forwarded-For` names the client for the sign-in throttle.
    public var webTrustedProxies: Set<String> = []
    /// This instance's name among several on one store (`instance_name`); nil: the machine's name and the port.
    public var instanceName: String?
    /// The PostgreSQL store (`database_url`); nil: the SQLite file in `dataDirectory`.
    public var databaseURL: PostgresURL?

    /// The defaults of `Config/allot.yaml`.
    public init(host: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = "./allot-data", retention: Retention = .forever,
                schedulerTickSeconds: Double = 30, reminderLeadHours: Double = 48, uploadMaxBytes: Int = 50 * 1024 * 1024, robustnessSamples: Int = 200,
                robustnessSeed: UInt64 = 1, webhooksConfig: String = "webhooks.yaml") {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.retention = retention
        self.schedulerTickSeconds = schedulerTickSeconds
        self.reminderLeadHours = reminderLeadHours
        self.uploadMaxBytes = uploadMaxBytes
        self.robustnessSamples = robustnessSamples
        self.robustnessSeed = robustnessSeed
        self.webhooksConfig = webhooksConfig
    }

    /// `instance_name`, else this machine's name with the port (the data directory when the port is chosen by the
    /// system): the same across restarts of one instance, and different for instances running side by side, so a
    /// restarted instance knows its earlier life's leases as its own.
    public var resolvedInstanceName: String {
        if let instanceName { return instanceName }
        return ProcessInfo.processInfo.hostName + ":" + (port == 0 ? dataDirectory : String(port))
    }

    /// The store this instance uses: PostgreSQL when `database_url` is set, else SQLite in the data directory.
    public var storeLocation: StoreLocation {
        if let databaseURL { return .postgres(databaseURL) }
        return .sqlite(dataDirectory: dataDirectory)
    }

    /// `host:port` as configured.
    public var listen: String { "\(host):\(port)" }

    /// `public_url`, else the listen address over http (a wildcard address read as this machine).
    public var resolvedPublicURL: String {
        if let publicURL { return publicURL }
        let shown = ["0.0.0.0", "::", ""].contains(host) ? "127.0.0.1" : host.contains(":") ? "[\(host)]" : host
        return "http://\(shown):\(port)"
    }
}

/// Why the daemon's configuration cannot be used: the file, the key path and the reason.
public struct ServerConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let source: String
    public let key: String
    public let reason: String

    /// Creates an error.
    public init(source: String, key: String, reason: String) {
        self.source = source
        self.key = key
        self.reason = reason
    }

    public var description: String { key.isEmpty ? "\(source): \(reason)" : "\(source): \(key): \(reason)" }
}
