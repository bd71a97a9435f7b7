import AllotCore
import Foundation
import Yams

/// Reads `Config/need.yaml` into a `NeedConfig`; errors name the key.
public enum NeedConfigLoader {
    private struct Raw: Decodable {
        var index_weights: [String: Double]?
        var shrinkage: EmpiricalBayes.Limits?
        var few_responses: Int?
    }

    public static func parse(yaml: String, source: String) throws -> NeedConfig {
        let raw: Raw
        do { raw = try YAMLDecoder().decode(Raw.self, from: yaml) } catch let error as DecodingError {
            throw ConfigError(file: source, key: error.keyPath, message: error.plainDescription)
        } catch { throw ConfigError(file: source, key: "", message: "not valid YAML: \(error)") }
        var config = NeedConfig()
        if let weights = raw.index_weights {
            let known = Set(["mean_hours"] + NeedIndicator.shares.map(\.key))
            for (key, w) in weights {
                guard known.contains(key) else {
                    throw ConfigError(file: source, key: "index_weights.\(key)", message: "unknown indicator; expected mean_hours, access_difficult, no_suitable_pl, insufficient_choice, not_confident, remote_rural, simd_q1, barrier:CODE or priority:CODE")
                }
                guard w >= 0, w.isFinite else { throw ConfigError(file: source, key: "index_weights.\(key)", message: "must be 0 or more") }
            }
            guard weights.values.contains(where: { $0 > 0 }) else {
                throw ConfigError(file: source, key: "index_weights", message: "at least one weight must be above 0")
            }
            config.indexWeights = weights
        }
        if let limits = raw.shrinkage {
            guard limits.minimumStrength > 0, limits.maximumStrength >= limits.minimumStrength,
                  limits.fallbackStrength >= limits.minimumStrength, limits.fallbackStrength <= limits.maximumStrength else {
                throw ConfigError(file: source, key: "shrinkage", message: "need 0 < minimum_strength <= fallback_strength <= maximum_strength")
            }
            config.limits = limits
        }
        if let few = raw.few_responses {
            guard few >= 0 else { throw ConfigError(file: source, key: "few_responses", message: "must be 0 or more") }
            config.fewResponses = few
        }
        return config
    }

    public static func load(from config: ConfigDirectory) throws -> NeedConfig {
        try parse(yaml: try config.text("need.yaml"), source: config.file("need.yaml"))
    }
}
