import AllotCore
import AllotStore
import Foundation

/// The ranges a round's settings must lie in (docs/server.md, "Limits"), checked when a round is created and again
/// before each run (settings stored by an older version may predate a rule). Each breach is a 422 naming its JSON path.
enum RoundSettingsRules {
    static func check(_ s: RoundSettings) throws {
        if let b = s.budget, !InputLimits.isPounds(b) {
            throw APIError.invalid("$.budget: \(b) is not valid: expected \(InputLimits.poundsRange)", path: "$.budget")
        }
        // Weights and score scale through the one check the command line uses too (`ScoringSettingsCheck`).
        do throws(ScoringSettingsCheck.Problem) {
            _ = try ScoringSettingsCheck.weights(s.weights)
            if let scale = s.scoreScale { _ = try ScoringSettingsCheck.scoreScale(scale) }
        } catch {
            throw APIError.invalid("$.\(error.description)", path: "$.\(error.key)")
        }
        if let k = s.reviewsPerProposal, !(1...InputLimits.maxReviewsPerProposal).contains(k) {
            throw APIError.invalid("$.reviews_per_proposal: \(k) is not valid: expected 1 to \(InputLimits.maxReviewsPerProposal)",
                                   path: "$.reviews_per_proposal")
        }
        if let m = s.minimumReviews, !(0...InputLimits.maxMinimumReviews).contains(m) {
            throw APIError.invalid("$.minimum_reviews: \(m) is not valid: expected 0 to \(InputLimits.maxMinimumReviews)", path: "$.minimum_reviews")
        }
        if let c = s.constraints {
            for group in c.groupFloors.keys.sorted() {
                let share = c.groupFloors[group] ?? 0
                guard Taxonomy.learnerGroup.index(of: group) != nil else {
                    throw APIError.invalid("$.constraints.group_floors.\(group): unknown learner group", path: "$.constraints.group_floors.\(group)")
                }
                guard share.isFinite, (0...1).contains(share) else {
                    throw APIError.invalid("$.constraints.group_floors.\(group): \(share) is not valid: expected a share of the budget from 0 to 1",
                                           path: "$.constraints.group_floors.\(group)")
                }
            }
            if let cap = c.maxPerApplicant, !InputLimits.isPounds(cap) {
                throw APIError.invalid("$.constraints.max_per_applicant: \(cap) is not valid: expected \(InputLimits.poundsRange)",
                                       path: "$.constraints.max_per_applicant")
            }
        }
        for (i, survey) in s.surveys.enumerated() { try TextLimits.check(survey, path: "$.surveys[\(i)]", limit: InputLimits.maxNameLength) }
        if let year = s.supplyYear { try TextLimits.check(year, path: "$.supply_year", limit: InputLimits.maxNameLength) }
        if let schedule = s.schedule {
            do { _ = try CronSchedule(parsing: schedule) } catch {
                throw APIError.invalid("$.schedule: \(error)", path: "$.schedule")
            }
        }
        if let zone = s.scheduleTimeZone, TimeZone(identifier: zone) == nil {
            throw APIError.invalid("$.schedule_time_zone: unknown time zone '\(TextLimits.shown(zone))'; expected an IANA name such as Europe/London",
                                   path: "$.schedule_time_zone")
        }
    }
}

/// Ids that name a round, a reviewer or an endpoint in a path: letters, digits, '-', '_' and '.', starting with a
/// letter or digit (so never `.` or `..`), at most `InputLimits.maxNameLength` characters.
enum RoundIdentifier {
    static func isPlain(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.count <= 100 else { return false }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.")
        let alphanumeric = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        return alphanumeric.contains(first) && id.unicodeScalars.allSatisfy { allowed.contains($0) }
    }

    static func check(_ id: String, path: String) throws {
        guard isPlain(id) else {
            throw APIError.invalid("\(path): expected a round id of at most 100 ASCII letters, digits, '-', '_' or '.', starting with a letter or digit, e.g. 2024-25",
                                   path: path)
        }
    }
}

/// Length limits of text fields (docs/server.md, "Limits"): 422 naming the field.
enum TextLimits {
    static func check(_ text: String, path: String, limit: Int) throws {
        guard text.count <= limit else {
            throw APIError.invalid("\(path): \(text.count) characters is too long: at most \(limit)", path: path)
        }
    }

    /// A value as echoed in an error message: long ones cut.
    static func shown(_ text: String) -> String { text.count <= 80 ? text : String(text.prefix(80)) + "..." }
}
