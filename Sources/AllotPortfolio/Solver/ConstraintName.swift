/// The stable names constraints are reported under.
enum ConstraintName {
    static let budget = "budget"
    static let floorsTotal = "group_floors:total"
    static let applicantCaps = "applicant_caps"

    static func floor(_ group: String) -> String { "group_floor:\(group)" }
    static func ric(_ ric: String) -> String { "ric_reach:\(ric)" }
    static func cap(_ applicant: String) -> String { "applicant_cap:\(applicant)" }
}

/// Whole pounds with thousands separators, e.g. `£32,500`, for explanations.
func poundsText(_ amount: Double) -> String {
    let whole = Int((amount.isFinite ? amount : 0).rounded())
    var digits = String(abs(whole))
    var groups: [Substring] = []
    while digits.count > 3 {
        groups.insert(digits.suffix(3), at: 0)
        digits = String(digits.dropLast(3))
    }
    groups.insert(Substring(digits), at: 0)
    return (whole < 0 ? "-£" : "£") + groups.joined(separator: ",")
}
