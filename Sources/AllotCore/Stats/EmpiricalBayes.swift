import Foundation

/// Empirical-Bayes shrinkage of small-area estimates toward a parent, with the prior's strength
/// estimated from the data by the method of moments.
///
/// Shares: beta-binomial. A unit with x of n "yes" and parent rate m gets the Beta(mM, (1-m)M) prior,
/// so its posterior mean is (x + mM) / (n + M): the parent counts as M pseudo-responses. M comes from
/// the spread of the units around their parents: E[(p_i - m_i)^2] = m_i(1-m_i)(rho + (1-rho)/n_i)
/// with rho = 1/(M+1) (Kleinman 1973, "Proportions with extraneous variance"; the n-weighted
/// moment estimator). Means: normal-normal with the same reading, the parent counting as
/// n0 = sigma^2 / tau^2 responses (Efron & Morris 1975; Gelman et al., BDA3 ch. 5).
public enum EmpiricalBayes {
    /// Limits and fallbacks for the prior's strength, in pseudo-responses.
    public struct Limits: Sendable, Equatable, Codable {
        /// Never trust the parent less than this.
        public var minimumStrength: Double = 2
        /// Never trust the parent more than this (no spread detected would otherwise mean "ignore the data").
        public var maximumStrength: Double = 200
        /// Used when too few units (fewer than 3 with two or more responses) to estimate the spread.
        public var fallbackStrength: Double = 20

        public init(minimumStrength: Double = 2, maximumStrength: Double = 200, fallbackStrength: Double = 20) {
            self.minimumStrength = minimumStrength
            self.maximumStrength = maximumStrength
            self.fallbackStrength = fallbackStrength
        }

        enum CodingKeys: String, CodingKey {
            case minimumStrength = "minimum_strength", maximumStrength = "maximum_strength", fallbackStrength = "fallback_strength"
        }
    }

    /// One unit for share shrinkage: `yes` of `n`, and its parent's rate.
    public struct ShareUnit: Sendable {
        public let yes: Int
        public let n: Int
        public let parent: Double
        public init(yes: Int, n: Int, parent: Double) { self.yes = yes; self.n = n; self.parent = parent }
    }

    /// The prior strength M for a set of share units.
    public static func shareStrength(_ units: [ShareUnit], limits: Limits) -> Double {
        var num = 0.0, den = 0.0, usable = 0
        for u in units where u.n >= 2 {
            let m = min(max(u.parent, 1e-9), 1 - 1e-9)
            let p = Double(u.yes) / Double(u.n)
            let v = m * (1 - m)
            num += Double(u.n) * (p - m) * (p - m) - v
            den += v * Double(u.n - 1)
            usable += 1
        }
        guard usable >= 3, den > 0 else { return limits.fallbackStrength }
        let rho = num / den
        guard rho > 0 else { return limits.maximumStrength }
        return min(max(1 / rho - 1, limits.minimumStrength), limits.maximumStrength)
    }

    /// An estimate with its 95% interval.
    public struct Estimate: Sendable, Equatable {
        public let shrunk: Double
        public let low: Double
        public let high: Double
    }

    /// The posterior of one share unit under prior strength `strength`, with an equal-tailed 95% interval.
    public static func shrinkShare(yes: Int, n: Int, parent: Double, strength: Double) -> Estimate {
        let m = min(max(parent, 1e-6), 1 - 1e-6)
        let a = Double(yes) + m * strength, b = Double(n - yes) + (1 - m) * strength
        return Estimate(shrunk: a / (a + b),
                        low: BetaDistribution.quantile(0.025, a: a, b: b),
                        high: BetaDistribution.quantile(0.975, a: a, b: b))
    }

    /// One unit for mean shrinkage: its mean over n responses and its parent's mean.
    public struct MeanUnit: Sendable {
        public let mean: Double
        public let n: Int
        public let parent: Double
        public init(mean: Double, n: Int, parent: Double) { self.mean = mean; self.n = n; self.parent = parent }
    }

    /// The prior strength n0 = sigma^2 / tau^2 for a set of mean units, given the within-unit variance.
    public static func meanStrength(_ units: [MeanUnit], withinVariance: Double, limits: Limits) -> Double {
        var num = 0.0, total = 0.0, usable = 0
        for u in units where u.n >= 1 {
            num += Double(u.n) * (u.mean - u.parent) * (u.mean - u.parent)
            total += Double(u.n)
            usable += 1
        }
        guard usable >= 3, total > 0, withinVariance > 0 else { return limits.fallbackStrength }
        let tau2 = (num - Double(usable) * withinVariance) / total
        guard tau2 > 0 else { return limits.maximumStrength }
        return min(max(withinVariance / tau2, limits.minimumStrength), limits.maximumStrength)
    }

    /// The posterior of one mean unit: (n*mean + n0*parent) / (n + n0), with variance
    /// sigma^2 / (n + n0) plus the parent's own variance scaled by its weight squared, so a cell
    /// with few responses inherits its parent's uncertainty too.
    public static func shrinkMean(mean: Double, n: Int, parent: Double, parentVariance: Double = 0, strength: Double,
                                  withinVariance: Double) -> (estimate: Estimate, variance: Double) {
        let weight = Double(n) + strength
        let shrunk = n == 0 ? parent : (Double(n) * mean + strength * parent) / weight
        let parentWeight = strength / weight
        let variance = max(withinVariance, 0) / weight + parentWeight * parentWeight * max(parentVariance, 0)
        let sd = variance.squareRoot()
        return (Estimate(shrunk: shrunk, low: max(0, shrunk - WilsonInterval.z95 * sd), high: shrunk + WilsonInterval.z95 * sd), variance)
    }
}
