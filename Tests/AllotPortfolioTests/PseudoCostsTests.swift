@testable import AllotPortfolio
import Testing

/// Branching estimates learnt by several searches combine the same way whichever finished first.
@Suite struct PseudoCostsTests {
    @Test func mergingKeepsTheMeasurementsHereAndAddsTheOthers() {
        var here = PseudoCosts()
        here.record(1, towardsOne: true, fall: 2, distance: 0.5)  // 4 per unit up
        var there = PseudoCosts()
        there.record(1, towardsOne: true, fall: 9, distance: 1)
        there.record(1, towardsOne: false, fall: 3, distance: 1)
        there.record(2, towardsOne: true, fall: 1, distance: 1)
        there.record(2, towardsOne: false, fall: 5, distance: 1)
        here.merge(there)
        #expect(here.isKnown(1) && here.isKnown(2))
        // Proposal 1 keeps its own 4 up and takes 3 down: (3 x 0.5) x (4 x 0.5).
        #expect(abs(here.score(1, fraction: 0.5) - 3) < 1e-12)
        #expect(abs(here.score(2, fraction: 0.5) - 1.25) < 1e-12)
        // An unmeasured proposal takes the averages: up (4 + 1) / 2, down (3 + 5) / 2.
        #expect(abs(here.score(9, fraction: 0.5) - 2 * 1.25) < 1e-12)
    }
}
