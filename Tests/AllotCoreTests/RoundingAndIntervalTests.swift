import AllotCore
import Testing

@Suite struct RoundingAndIntervalTests {
    @Test func sharesRoundHalfToEvenFromExactIntegers() {
        #expect(Rounding.ratio(476, 876) == 0.5434)
        #expect(Rounding.ratio(1, 32) == 0.0312)      // 0.03125: half to even
        #expect(Rounding.ratio(3, 32) == 0.0938)      // 0.09375: half to even rounds up here
        #expect(Rounding.ratio(18_675_000, 876_000) == 21.3185)
    }

    @Test func wilsonIntervalMatchesThePublishedFormula() {
        // 8 of 15 (ASN staff cover): Wilson 95% = [0.3011, 0.7519].
        let w = WilsonInterval(successes: 8, trials: 15)
        #expect(abs(w.low - 0.3011) < 0.0005)
        #expect(abs(w.high - 0.7519) < 0.0005)
        let none = WilsonInterval(successes: 0, trials: 20)
        #expect(none.low == 0 && none.high > 0.1)
    }

    @Test func betaQuantilesInvertTheCDF() {
        #expect(abs(BetaDistribution.quantile(0.5, a: 2, b: 3) - 0.385_727) < 1e-5)
        #expect(abs(BetaDistribution.cdf(0.3, a: 1, b: 1) - 0.3) < 1e-12)
        let q = BetaDistribution.quantile(0.975, a: 12.5, b: 40.25)
        #expect(abs(BetaDistribution.cdf(q, a: 12.5, b: 40.25) - 0.975) < 1e-9)
    }
}
