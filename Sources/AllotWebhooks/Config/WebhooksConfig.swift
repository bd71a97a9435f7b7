import AllotStore
import Foundation
import Yams

/// `Config/webhooks.yaml`: delivery settings, the SSRF allow-list and the configured endpoints.
public struct WebhooksConfig: Sendable, Equatable {
    /// Timeouts, retry schedule, lease, workers.
    public var delivery: DeliverySettings
    /// Non-public ranges that endpoints may nonetheless target.
    public var policy: TargetPolicy
    /// Endpoints defined in the file (synced into the store as `source: config`).
    public var endpoints: [WebhookEndpoint]

    /// Creates a configuration.
    public init(
        delivery: DeliverySettings = DeliverySettings(), policy: TargetPolicy = TargetPolicy(),
        endpoints: [WebhookEndpoint] = []
    ) {
        self.delivery = delivery
        self.policy = policy
        self.endpoints = endpoints
    }

    /// Reads `path`; a missing file means the defaults and no endpoints. Secrets named by `secret_env` come from
    /// `environment`.
    public static func load(
        path: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> WebhooksConfig {
        guard FileManager.default.fileExists(atPath: path) else { return WebhooksConfig() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw WebhookError.invalidConfig("\(path): \(error.localizedDescription)")
        }
        return try parse(yaml: text, source: path, environment: environment)
    }

    /// Parses YAML text; `source` names it in errors.
    public static func parse(yaml: String, source: String, environment: [String: String]) throws -> WebhooksConfig {
        let file: ConfigFile
        do {
            try ConfigKeys.check(yaml: yaml)
            file = try YAMLDecoder().decode(ConfigFile.self, from: yaml)
        } catch let error as WebhookError {
            throw WebhookError.invalidConfig("\(source): \(error.description)")
        } catch {
            throw WebhookError.invalidConfig("\(source): \(error)")
        }
        do {
            let delivery = file.delivery?.settings ?? DeliverySettings()
            try delivery.validate()
            let policy = try TargetPolicy(allowing: file.allowTargets ?? [])
            let endpoints = try (file.endpoints ?? []).map { try $0.endpoint(environment: environment) }
            let ids = endpoints.map(\.id)
            if let duplicate = ids.first(where: { id in ids.filter { $0 == id }.count > 1 }) {
                throw WebhookError.invalidConfig("endpoint id \(duplicate) is listed twice")
            }
            return WebhooksConfig(delivery: delivery, policy: policy, endpoints: endpoints)
        } catch let error as WebhookError {
            throw WebhookError.invalidConfig("\(source): \(error.description)")
        }
    }
}
