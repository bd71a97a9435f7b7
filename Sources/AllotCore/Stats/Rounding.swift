/// Exact decimal rounding of ratios of integers, half to even, as the published figures are given.
public enum Rounding {
    /// `numerator / denominator` rounded to `places` decimals without floating-point error on the way.
    public static func ratio(_ numerator: Int64, _ denominator: Int64, places: Int = 4) -> Double {
        guard denominator != 0 else { return 0 }
        var scale: Int64 = 1
        for _ in 0..<places { scale *= 10 }
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude, d = denominator.magnitude
        let (hi, lo) = n.multipliedFullWidth(by: UInt64(scale))
        let (q, r) = d.dividingFullWidth((hi, lo))
        var rounded = q
        if r > d - r || (r == d - r && q % 2 == 1) { rounded += 1 }
        let value = Double(rounded) / Double(scale)
        return negative ? -value : value
    }

    /// `value` rounded to `places` decimals (half to even), for figures that are not ratios of integers.
    public static func round(_ value: Double, places: Int = 4) -> Double {
        guard value.isFinite else { return value }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        return (value * scale).rounded(.toNearestOrEven) / scale
    }
}
