import AllotCore
import AllotStore
import Foundation

/// The what-if form: criterion weights, the budget, the group floors (percent of the budget) and the applicant cap,
/// read from the query (a preview stores nothing, so it is a GET and can be linked) or from the posted form (saving
/// it as a run). Every field is checked here with the rules a round's stored settings obey (`RoundSettingsRules`).
struct WhatIfForm: Sendable {
    struct Field: Sendable {
        let id: String
        let label: String
        let value: String
        let error: String?
    }

    let weights: [Field]
    let budget: Field
    let floors: [Field]
    let cap: Field
    let errors: FormErrors
    /// The settings the fields give, when every field is valid.
    let settings: RoundSettings?

    /// The form's field values for a round's settings: its own where it has them, else `defaults` (what a run would
    /// use), written as the form writes them. A budget the round lacks is not named (the run's shows).
    static func fieldValues(of settings: RoundSettings, defaults: RoundSettingsForm.Defaults) -> [String: String] {
        var values: [String: String] = [:]
        if let budget = settings.budget { values["budget"] = PageFormat.number(budget, places: 0) }
        for (criterion, weight) in defaults.weights.merging(settings.weights, uniquingKeysWith: { _, own in own }) {
            values["weight-\(criterion)"] = PageFormat.number(weight, places: 2)
        }
        let c = settings.useDefaultConstraints ? defaults.constraints : settings.constraints ?? defaults.constraints
        for code in Taxonomy.learnerGroup.codes { values["floor-\(code)"] = c.groupFloors[code].map { PageFormat.number($0 * 100, places: 1) } ?? "" }
        values["cap"] = c.maxPerApplicant.map { PageFormat.number($0, places: 0) } ?? ""
        return values
    }

    /// The fields as sent (`values`), else (not asked, or a field not sent) as the latest run used them (`document`).
    /// `base` gives what the fields do not (reach every RIC); by default the constraints the run applied.
    init(values: [String: String], asked: Bool, round: RoundRecord, document doc: ResultDocument, base: RoundConstraints? = nil) {
        let base = base ?? doc.constraintSettings ?? round.settings.constraints ?? RoundConstraints()
        let criteria = doc.weights.keys.sorted()
        var problems: [FormErrors.Item] = []
        // A field the request leaves out keeps the stored run's value, so a hand-made link (`?preview=1&budget=200000`)
        // changes only what it names; a field sent empty means none (a floor, the cap) or is an error (a weight).
        func text(_ id: String, _ fallback: String) -> String {
            guard asked, let sent = values[id] else { return fallback }
            return sent.trimmingCharacters(in: .whitespaces)
        }
        func number(_ raw: String) -> Double? { Double(raw.replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")) }

        var weights: [String: Double] = [:]
        var weightFields: [Field] = []
        for c in criteria {
            let id = "weight-\(c)"
            let raw = text(id, PageFormat.number(doc.weights[c], places: 2))
            var error: String?
            if let w = number(raw), w.isFinite, w >= 0, w <= ScoringSettingsCheck.maximumWeight { weights[c] = w } else {
                error = "Enter a weight for \(PageFormat.criterion(c).lowercased()) from 0 to \(Int(ScoringSettingsCheck.maximumWeight))"
                problems.append(.init(field: id, message: error ?? ""))
            }
            weightFields.append(Field(id: id, label: PageFormat.criterion(c), value: raw, error: error))
        }

        let budgetRaw = text("budget", doc.budget.map { PageFormat.number($0, places: 0) } ?? "")
        var budget: Double?
        var budgetError: String?
        if let b = number(budgetRaw), InputLimits.isPounds(b) { budget = b } else {
            budgetError = "Enter the budget in pounds, above 0 and at most \(Money.text(InputLimits.maxPounds))"
            problems.append(.init(field: "budget", message: budgetError ?? ""))
        }

        var floors: [String: Double] = [:]
        var floorFields: [Field] = []
        for (i, code) in Taxonomy.learnerGroup.codes.enumerated() {
            let id = "floor-\(code)"
            let raw = text(id, base.groupFloors[code].map { PageFormat.number($0 * 100, places: 1) } ?? "")
            var error: String?
            if !raw.isEmpty {
                if let p = number(raw.replacingOccurrences(of: "%", with: "")), p.isFinite, (0...100).contains(p) { if p > 0 { floors[code] = p / 100 } } else {
                    error = "Enter the floor for \(Taxonomy.learnerGroup.label(at: i)) as a percentage of the budget from 0 to 100, or leave it empty"
                    problems.append(.init(field: id, message: error ?? ""))
                }
            }
            floorFields.append(Field(id: id, label: Taxonomy.learnerGroup.label(at: i), value: raw, error: error))
        }

        let capRaw = text("cap", base.maxPerApplicant.map { PageFormat.number($0, places: 0) } ?? "")
        var cap: Double?
        var capError: String?
        if !capRaw.isEmpty {
            if let c = number(capRaw), InputLimits.isPounds(c) { cap = c } else {
                capError = "Enter the cap per applicant in pounds, above 0, or leave it empty for no cap"
                problems.append(.init(field: "cap", message: capError ?? ""))
            }
        }

        self.weights = weightFields
        self.budget = Field(id: "budget", label: "Budget", value: budgetRaw, error: budgetError)
        self.floors = floorFields
        self.cap = Field(id: "cap", label: "Cap per applicant", value: capRaw, error: capError)
        errors = FormErrors(problems)
        guard problems.isEmpty else {
            settings = nil
            return
        }
        var s = round.settings
        s.budget = budget
        s.weights = weights
        s.constraints = RoundConstraints(groupFloors: floors, reachEveryRIC: base.reachEveryRIC, maxPerApplicant: cap)
        s.useDefaultConstraints = false
        settings = s
    }
}
