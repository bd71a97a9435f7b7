import AllotCore
import AllotStore
import Foundation

/// The round settings page's form: the what-if's scoring fields (weights, budget, floors, cap: `WhatIfForm`, so the
/// two pages read a number the same way) and the review rules (deadline, reviews per proposal, minimum reviews). It
/// becomes the JSON merge patch that `PATCH /v1/rounds/{round}` takes, holding only the fields that were changed, so a
/// saved page changes what the admin changed and nothing else.
struct RoundSettingsForm: Sendable {
    struct Field: Sendable {
        let id: String
        let label: String
        let hint: String
        let value: String
        let error: String?
    }

    /// The scoring fields, when the round has a run to take the criteria and their current values from.
    let scoring: WhatIfForm?
    let review: [Field]
    let errors: FormErrors
    /// The patch, when every field is valid (empty when nothing changed).
    let patch: [String: JSONValue]?

    static let reviewFields: [(id: String, label: String, hint: String)] = [
        ("review-deadline", "Review deadline", "A date, as 2027-01-15. Reviews are due by the end of that day (23:59 UTC). Leave empty for none."),
        ("reviews-per-proposal", "Reviews per proposal", "How many reviewers each proposal gets when reviewers are assigned."),
        ("minimum-reviews", "Fewest reviews a proposal needs", "A proposal with fewer reviews than this is not funded. Leave empty for none."),
    ]

    /// What a run uses where the round has no settings of its own (Config/scoring.yaml).
    struct Defaults: Sendable {
        let weights: [String: Double]
        let constraints: RoundConstraints
    }

    init(values: [String: String], asked: Bool, round: RoundRecord, document: ResultDocument?, defaults: Defaults) {
        var problems: [FormErrors.Item] = []
        var patch: [String: JSONValue] = [:]
        if let document {
            // The round's own settings, else what a run would use (Config/scoring.yaml), never the last run's: after a
            // saved what-if, or a change not yet run, the two differ, and this page edits the round.
            let own = WhatIfForm.fieldValues(of: round.settings, defaults: defaults)
            let base = round.settings.useDefaultConstraints ? defaults.constraints : round.settings.constraints ?? defaults.constraints
            let form = WhatIfForm(values: asked ? own.merging(values) { _, sent in sent } : own, asked: true, round: round, document: document, base: base)
            let stored = WhatIfForm(values: own, asked: true, round: round, document: document, base: base)
            scoring = form
            problems += form.errors.items
            if let s = form.settings {
                var weights: [String: JSONValue] = [:]
                for (new, old) in zip(form.weights, stored.weights) where new.value != old.value {
                    let key = String(new.id.dropFirst("weight-".count))
                    weights[key] = s.weights[key].map(JSONValue.number) ?? .null
                }
                if !weights.isEmpty { patch["weights"] = .object(weights) }
                if form.budget.value != stored.budget.value { patch["budget"] = s.budget.map(JSONValue.number) ?? .null }
                let constraintsChanged = form.cap.value != stored.cap.value || zip(form.floors, stored.floors).contains { $0.value != $1.value }
                if constraintsChanged, let c = s.constraints {
                    var floors: [String: JSONValue] = [:]
                    for code in Taxonomy.learnerGroup.codes { floors[code] = c.groupFloors[code].map(JSONValue.number) ?? .null }
                    patch["constraints"] = .object(["group_floors": .object(floors), "reach_every_ric": .bool(c.reachEveryRIC),
                                                    "max_per_applicant": c.maxPerApplicant.map(JSONValue.number) ?? .null])
                }
            }
        } else {
            scoring = nil
        }

        let s = round.settings
        let storedText: [String: String] = [
            "review-deadline": s.reviewDeadline.map(Self.day) ?? "",
            "reviews-per-proposal": s.reviewsPerProposal.map(String.init) ?? "",
            "minimum-reviews": s.minimumReviews.map(String.init) ?? "",
        ]
        var fields: [Field] = []
        for (id, label, hint) in Self.reviewFields {
            let stored = storedText[id] ?? ""
            let raw = asked ? (values[id] ?? stored).trimmingCharacters(in: .whitespaces) : stored
            var error: String?
            if raw != stored {
                switch id {
                case "review-deadline":
                    if raw.isEmpty { patch["review_deadline"] = .null } else if let date = Self.endOfDay(raw) {
                        patch["review_deadline"] = .string(date.formatted(.iso8601))
                    } else { error = "Enter the review deadline as a date, like 2027-01-15, or leave it empty" }
                case "reviews-per-proposal":
                    if raw.isEmpty { patch["reviews_per_proposal"] = .null } else if let k = Int(raw), (1...InputLimits.maxReviewsPerProposal).contains(k) {
                        patch["reviews_per_proposal"] = .number(Double(k))
                    } else { error = "Enter the reviews per proposal as a whole number from 1 to \(InputLimits.maxReviewsPerProposal)" }
                default:
                    if raw.isEmpty { patch["minimum_reviews"] = .null } else if let m = Int(raw), (0...InputLimits.maxMinimumReviews).contains(m) {
                        patch["minimum_reviews"] = .number(Double(m))
                    } else { error = "Enter the fewest reviews as a whole number from 0 to \(InputLimits.maxMinimumReviews), or leave it empty" }
                }
            }
            if let error { problems.append(.init(field: id, message: error)) }
            fields.append(Field(id: id, label: label, hint: hint, value: raw, error: error))
        }
        review = fields
        errors = FormErrors(problems)
        self.patch = problems.isEmpty ? patch : nil
    }

    /// The form field of an API error's JSON path (`$.weights.need` -> `weight-need`).
    static func field(of path: String?) -> String {
        guard let path else { return "budget" }
        let parts = path.dropFirst(2).split(separator: ".").map(String.init)
        switch parts.first {
        case "weights": return parts.count > 1 ? "weight-\(parts[1])" : "budget"
        case "constraints": return parts.count > 2 && parts[1] == "group_floors" ? "floor-\(parts[2])" : "cap"
        case "review_deadline": return "review-deadline"
        case "reviews_per_proposal": return "reviews-per-proposal"
        case "minimum_reviews": return "minimum-reviews"
        default: return "budget"
        }
    }

    private static let dayFormat: Date.ISO8601FormatStyle = .iso8601.year().month().day()

    static func day(_ date: Date) -> String { date.formatted(dayFormat) }

    /// 23:59:59 UTC of a `yyyy-MM-dd` day.
    static func endOfDay(_ text: String) -> Date? {
        guard text.count == 10, let start = try? Date("\(text)T00:00:00Z", strategy: .iso8601) else { return nil }
        return start.addingTimeInterval(86_399)
    }
}
