import AllotCore

/// The stable names constraints are reported under.
enum ConstraintName {
    static let budget = "budget"
    static let floorsTotal = "group_floors:total"
    static let applicantCaps = "applicant_caps"

    static func floor(_ group: String) -> String { "group_floor:\(group)" }
    static func ric(_ ric: String) -> String { "ric_reach:\(ric)" }
    static func cap(_ applicant: String) -> String { "applicant_cap:\(applicant)" }
}

/// Whole pounds with thousands separators, e.g. `£32,500`, for explanations (`Money.text`).
func poundsText(_ amount: Double) -> String { Money.text(amount) }
