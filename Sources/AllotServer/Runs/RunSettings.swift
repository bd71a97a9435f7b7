import AllotCore
import AllotIngest
import AllotStore
import Foundation

/// The round's stored settings turned into the evaluator's `RoundConfig`, with the weights merged over the defaults.
enum RunSettings {
    struct Failure: Error, CustomStringConvertible {
        let stage: String
        let description: String
    }

    static func roundConfig(_ round: RoundRecord, defaults: RoundConstraints) throws -> RoundConfig {
        let s = round.settings
        // Settings stored before a rule existed are checked again: a run never hands the solver what it cannot take.
        do { try RoundSettingsRules.check(s) } catch let e as APIError {
            throw Failure(stage: "settings", description: e.detail)
        }
        var config = RoundConfig(name: round.id, budget: s.budget, surveys: s.surveys, supplyYear: s.supplyYear)
        if let scale = s.scoreScale {
            do throws(ScoringSettingsCheck.Problem) { config.scoreScale = try ScoringSettingsCheck.scoreScale(scale) } catch {
                throw Failure(stage: "settings", description: error.description)
            }
        }
        config.minimumReviews = s.minimumReviews ?? 0
        config.weights = try weights(s.weights)
        config.constraints = s.constraints ?? (s.useDefaultConstraints ? defaults : RoundConstraints())
        return config
    }

    static func weights(_ raw: [String: Double]) throws -> [Criterion: Double] {
        do throws(ScoringSettingsCheck.Problem) { return try ScoringSettingsCheck.weights(raw) } catch {
            throw Failure(stage: "settings", description: error.description)
        }
    }
}
