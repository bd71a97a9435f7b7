/// The Wilson score interval for a binomial share (Wilson 1927), 95% by default.
public struct WilsonInterval: Sendable, Equatable {
    public let low: Double
    public let high: Double

    /// z for a two-sided 95% interval.
    public static let z95 = 1.959963984540054

    public init(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        guard trials > 0 else { low = 0; high = 1; return }
        let n = Double(trials), p = Double(successes) / n
        let z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
        low = max(0, centre - half)
        high = min(1, centre + half)
    }
}
