import AllotCore
import Foundation
import Yams

/// Reads `Config/scoring.yaml` and round files; every error names the file and key.
public enum ScoringConfigLoader {
    private struct RawGaps: Decodable {
        var online_discount: Double?
        var minimum_need_weight: Double?
        var target_hours: [String: Double]?
        var reference_workforce: String?
        var reference_workforce_source: String?
    }

    private struct Raw: Decodable {
        var weights: [String: Double]?
        var underserved_groups: [String]?
        var value_for_money_half_point: Double?
        var gaps: RawGaps?
        var aliases: [String: [String]]?
        var constraints: RoundConstraints?
    }

    private static func decode<T: Decodable>(_ type: T.Type, yaml: String, source: String) throws -> T {
        do { return try YAMLDecoder().decode(T.self, from: yaml) } catch let error as DecodingError {
            throw ConfigError(file: source, key: error.keyPath, message: error.plainDescription)
        } catch { throw ConfigError(file: source, key: "", message: "not valid YAML: \(error)") }
    }

    /// Weights through the one check (`ScoringSettingsCheck`), its problem named by file and key.
    static func weights(_ raw: [String: Double], source: String) throws -> [Criterion: Double] {
        do throws(ScoringSettingsCheck.Problem) { return try ScoringSettingsCheck.weights(raw) } catch {
            throw ConfigError(file: source, key: error.key, message: error.message)
        }
    }

    /// The scoring settings and the default constraints a round can ask for with `constraints: defaults`.
    public static func parse(yaml: String, source: String) throws -> (ScoringConfig, RoundConstraints) {
        let raw = try decode(Raw.self, yaml: yaml, source: source)
        var config = ScoringConfig()
        if let w = raw.weights { config.weights.merge(try weights(w, source: source)) { $1 } }
        if let groups = raw.underserved_groups {
            for g in groups where Taxonomy.learnerGroup.index(of: g) == nil {
                throw ConfigError(file: source, key: "underserved_groups", message: "unknown group '\(g)'")
            }
            config.underservedGroups = Set(groups)
        }
        if let half = raw.value_for_money_half_point {
            guard half > 0 else { throw ConfigError(file: source, key: "value_for_money_half_point", message: "must be above 0") }
            config.valueForMoneyHalfPoint = half
        }
        if let gaps = raw.gaps {
            if let d = gaps.online_discount {
                guard (0...1).contains(d) else { throw ConfigError(file: source, key: "gaps.online_discount", message: "must be from 0 to 1") }
                config.gaps.onlineDiscount = d
            }
            if let m = gaps.minimum_need_weight {
                guard (0...1).contains(m) else { throw ConfigError(file: source, key: "gaps.minimum_need_weight", message: "must be from 0 to 1") }
                config.gaps.minimumNeedWeight = m
            }
            for (g, h) in gaps.target_hours ?? [:] {
                guard Taxonomy.learnerGroup.index(of: g) != nil else { throw ConfigError(file: source, key: "gaps.target_hours.\(g)", message: "unknown group") }
                guard h >= 0 else { throw ConfigError(file: source, key: "gaps.target_hours.\(g)", message: "must be 0 or more") }
                config.gaps.targetHours[g] = h
            }
            if let file = gaps.reference_workforce {
                guard !file.isEmpty, !file.hasPrefix("/"), !file.split(separator: "/").contains("..") else {
                    throw ConfigError(file: source, key: "gaps.reference_workforce", message: "must name a file inside the Config folder")
                }
                guard let text = gaps.reference_workforce_source, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw ConfigError(file: source, key: "gaps.reference_workforce_source", message: "say where the reference workforce comes from")
                }
                config.gaps.referenceWorkforce = file
                config.gaps.referenceWorkforceSource = text
            }
        }
        config.aliases = raw.aliases ?? [:]
        let constraints = raw.constraints ?? RoundConstraints()
        try check(constraints, source: source)
        return (config, constraints)
    }

    public static func load(from directory: ConfigDirectory) throws -> (ScoringConfig, RoundConstraints) {
        try parse(yaml: try directory.text("scoring.yaml"), source: directory.file("scoring.yaml"))
    }

    private struct RawRound: Decodable {
        var round: String?
        var budget: Double?
        var surveys: [String]?
        var supply_year: String?
        var score_scale: [Double]?
        var minimum_reviews: Int?
        var weights: [String: Double]?
        var constraints: Constraints?

        enum Constraints: Decodable {
            case defaults
            case explicit(RoundConstraints)
            init(from decoder: any Decoder) throws {
                if let text = try? decoder.singleValueContainer().decode(String.self) {
                    guard text == "defaults" else {
                        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected 'defaults' or a mapping of constraints"))
                    }
                    self = .defaults
                } else {
                    self = .explicit(try RoundConstraints(from: decoder))
                }
            }
        }
    }

    /// Group floors name known groups with shares from 0 to 1; an applicant cap is an amount in range.
    static func check(_ c: RoundConstraints, source: String) throws {
        for g in c.groupFloors.keys.sorted() {
            let share = c.groupFloors[g] ?? 0
            guard Taxonomy.learnerGroup.index(of: g) != nil else { throw ConfigError(file: source, key: "constraints.group_floors.\(g)", message: "unknown group") }
            guard share.isFinite, (0...1).contains(share) else {
                throw ConfigError(file: source, key: "constraints.group_floors.\(g)", message: "a share of the budget from 0 to 1")
            }
        }
        if let cap = c.maxPerApplicant, !InputLimits.isPounds(cap) {
            throw ConfigError(file: source, key: "constraints.max_per_applicant", message: "must be \(InputLimits.poundsRange)")
        }
    }

    /// Reads a round file (YAML or JSON); `defaults` are the constraints used when it says `constraints: defaults`.
    public static func round(path: String, defaults: RoundConstraints) throws -> RoundConfig {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, key: "", message: "cannot read the file")
        }
        let raw = try decode(RawRound.self, yaml: text, source: path)
        var round = RoundConfig(name: raw.round ?? ((path as NSString).lastPathComponent as NSString).deletingPathExtension)
        if let b = raw.budget {
            guard InputLimits.isPounds(b) else { throw ConfigError(file: path, key: "budget", message: "must be \(InputLimits.poundsRange)") }
            round.budget = b
        }
        round.surveys = raw.surveys ?? []
        round.supplyYear = raw.supply_year
        if let scale = raw.score_scale {
            do throws(ScoringSettingsCheck.Problem) { round.scoreScale = try ScoringSettingsCheck.scoreScale(scale) } catch {
                throw ConfigError(file: path, key: error.key, message: error.message)
            }
        }
        if let m = raw.minimum_reviews {
            guard (0...InputLimits.maxMinimumReviews).contains(m) else {
                throw ConfigError(file: path, key: "minimum_reviews", message: "must be from 0 to \(InputLimits.maxMinimumReviews)")
            }
            round.minimumReviews = m
        }
        if let w = raw.weights { round.weights = try weights(w, source: path) }
        switch raw.constraints {
        case .defaults?: round.constraints = defaults
        case let .explicit(c)?:
            try check(c, source: path)
            round.constraints = c
        case nil: break
        }
        return round
    }
}
