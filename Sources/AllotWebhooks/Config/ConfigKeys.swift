import Yams

/// Rejects unknown keys, which the decoder would otherwise ignore: a misspelt `retry_schedule_seconds` must not
/// silently fall back to the default.
enum ConfigKeys {
    static let topLevel: Set<String> = ["delivery", "allow_targets", "endpoints"]
    static let delivery = Set(DeliverySection.CodingKeys.allCases.map(\.rawValue))
    static let endpoint = Set(EndpointSection.CodingKeys.allCases.map(\.rawValue))

    static func check(yaml: String) throws {
        guard let root = try Yams.load(yaml: yaml) else { return }
        guard let top = root as? [String: Any] else { throw WebhookError.invalidConfig("the file must be a mapping") }
        try unknown(in: top, allowed: topLevel, at: "top level")
        if let section = top["delivery"] as? [String: Any] {
            try unknown(in: section, allowed: delivery, at: "delivery")
        }
        for (index, entry) in ((top["endpoints"] as? [Any]) ?? []).enumerated() {
            if let entry = entry as? [String: Any] {
                try unknown(in: entry, allowed: endpoint, at: "endpoints[\(index)]")
            }
        }
    }

    private static func unknown(in mapping: [String: Any], allowed: Set<String>, at place: String) throws {
        if let key = mapping.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw WebhookError.invalidConfig(
                "unknown key \(key) at \(place); known: \(allowed.sorted().joined(separator: ", "))")
        }
    }
}
