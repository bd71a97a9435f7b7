/// The one way Allot writes an amount of money for people: whole pounds with thousands separators, `£32,500`.
/// Pence are kept in the JSON and CSV; a panel reads whole pounds.
public enum Money {
    public static func text(_ amount: Double) -> String {
        let whole = Int((amount.isFinite ? amount : 0).rounded())
        var digits = String(whole.magnitude)
        var groups: [Substring] = []
        while digits.count > 3 {
            groups.insert(digits.suffix(3), at: 0)
            digits = String(digits.dropLast(3))
        }
        groups.insert(Substring(digits), at: 0)
        return (whole < 0 ? "-£" : "£") + groups.joined(separator: ",")
    }
}
