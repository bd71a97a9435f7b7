import Foundation

/// The Beta distribution's CDF (regularised incomplete beta) and quantiles, for posterior intervals.
///
/// Written here because no maintained Swift package offers it on Linux; the continued fraction is
/// the modified Lentz evaluation of the standard expansion (Press et al., Numerical Recipes, 6.4).
public enum BetaDistribution {
    /// P(X <= x) for X ~ Beta(a, b).
    public static func cdf(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lnFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
        let front = exp(lnFront)
        if x < (a + 1) / (a + b + 2) {
            return front * continuedFraction(x, a: a, b: b) / a
        }
        return 1 - front * continuedFraction(1 - x, a: b, b: a) / b
    }

    /// The `p` quantile of Beta(a, b), by bisection on the CDF (monotone, so always converges).
    /// When both parameters exceed 1,000 the distribution is normal to well within the 4 decimals
    /// reported, and the continued fraction would need thousands of terms, so the normal quantile is used.
    public static func quantile(_ p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        if a > 1000 && b > 1000 {
            let n = a + b, mean = a / n
            let sd = (a * b / (n * n * (n + 1))).squareRoot()
            return min(1, max(0, mean + normalQuantile(p) * sd))
        }
        // Newton's method on the CDF from the normal approximation, kept inside a shrinking bracket
        // (falls back to bisection when a step leaves it): a handful of CDF evaluations, not forty.
        let lnBeta = lgamma(a) + lgamma(b) - lgamma(a + b)
        let n = a + b
        var lo = 0.0, hi = 1.0
        var x = min(1 - 1e-9, max(1e-9, a / n + normalQuantile(p) * (a * b / (n * n * (n + 1))).squareRoot()))
        for _ in 0..<100 {
            let f = cdf(x, a: a, b: b) - p
            if f == 0 { break }
            if f < 0 { lo = x } else { hi = x }
            let density = exp((a - 1) * log(x) + (b - 1) * log1p(-x) - lnBeta)
            var next = x - f / density
            if !(next > lo && next < hi) || !density.isFinite || density <= 0 { next = (lo + hi) / 2 }
            if abs(next - x) < 1e-12 || hi - lo < 1e-12 { x = next; break }
            x = next
        }
        return x
    }

    /// The standard normal quantile (Acklam's rational approximation, relative error below 1.2e-9).
    static func normalQuantile(_ p: Double) -> Double {
        let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
        let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
        let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
        let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
        let low = 0.02425
        if p < low {
            let q = (-2 * log(p)).squareRoot()
            return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        if p > 1 - low {
            let q = (-2 * log(1 - p)).squareRoot()
            return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
        }
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    private static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300, eps = 1e-14
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...3000 {
            let m = Double(m), m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < eps { break }
        }
        return h
    }
}
