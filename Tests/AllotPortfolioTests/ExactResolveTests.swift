@testable import AllotPortfolio
import Testing

/// The exact re-solve (reduced-cost fixing and branch and bound on Clp) must give the portfolios a full CBC solve gives.
@Suite struct ExactResolveTests {
    private func options(exact: Bool, samples: Int) -> RobustnessOptions {
        var options = RobustnessOptions(samples: samples, budgetLevels: [0.8, 1.2], exactResolveNodeLimit: 100_000)
        options.exactResolve = exact
        // CBC to one part in a billion, so both sides mean the same optimum.
        options.resolveSolver = PortfolioSolverOptions(timeLimitSeconds: 60, relativeGap: 1e-9, lpRounds: 5, neighbourhoodSearch: false)
        return options
    }

    @Test(arguments: [UInt64(3), 7])
    func reducedCostFixingFundsWhatTheFullSolveFundsOnSeededRounds(seed: UInt64) async throws {
        let round = SyntheticRound.make(proposals: 24, seed: seed)
        let perturbation = ScoreNoisePerturbation(seed: seed)
        let exactOptions = options(exact: true, samples: 8), fullOptions = options(exact: false, samples: 8)
        let exact = try await OffPool.run { try RobustnessAnalysis(options: exactOptions).analyse(round, perturbation: perturbation) }
        let full = try await OffPool.run { try RobustnessAnalysis(options: fullOptions).analyse(round, perturbation: perturbation) }
        // A sample whose LP still overstates a cell at an integral node is handed to CBC rather than called proven.
        #expect(exact.statistics.samplesClosedExactly >= 6, "most samples closed without CBC")
        #expect(exact.statistics.samplesProvenOptimal == 8 && exact.statistics.maxSampleGap <= 1e-7, "gap \(exact.statistics.maxSampleGap)")
        #expect(full.statistics.samplesClosedExactly == 0)
        for (fast, reference) in zip(exact.proposals, full.proposals) {
            #expect(fast.id == reference.id)
            #expect(fast.fundedProbability == reference.fundedProbability, "\(fast.id)")
            #expect(fast.fundedAtRequest == reference.fundedAtRequest, "\(fast.id)")
            #expect(fast.fundedAtBudgetLevels == reference.fundedAtBudgetLevels, "\(fast.id)")
        }
    }

    @Test func oneThreadAndThreeThreadsGiveTheSameReport() async throws {
        let round = SyntheticRound.make(proposals: 30, seed: 11)
        let one = RobustnessAnalysis(options: RobustnessOptions(samples: 12, budgetLevels: [0.9], workers: 1))
        let three = RobustnessAnalysis(options: RobustnessOptions(samples: 12, budgetLevels: [0.9], workers: 3))
        let serial = try await OffPool.run { try one.analyse(round, perturbation: ScoreNoisePerturbation(seed: 4)) }
        let threaded = try await OffPool.run { try three.analyse(round, perturbation: ScoreNoisePerturbation(seed: 4)) }
        #expect(serial.proposals == threaded.proposals)
        #expect(serial.statistics.meanSampleGap == threaded.statistics.meanSampleGap)
        #expect(serial.statistics.sampleNodes == threaded.statistics.sampleNodes)
        #expect(serial.proposals.contains { $0.fundedProbability > 0 && $0.fundedProbability < 1 }, "some proposal must vary")
    }

    @Test func samplesOverSeveralLearningBatchesGiveTheSameReportOnOneThreadAndThree() async throws {
        // Later batches start from the branching estimates of earlier ones: still the same report for any threads.
        let samples = 2 * RobustnessAnalysis.learningBatch + 7
        let round = SyntheticRound.make(proposals: 30, seed: 13)
        let one = RobustnessAnalysis(options: RobustnessOptions(samples: samples, budgetLevels: [1.0], workers: 1))
        let three = RobustnessAnalysis(options: RobustnessOptions(samples: samples, budgetLevels: [1.0], workers: 3))
        let serial = try await OffPool.run { try one.analyse(round, perturbation: ScoreNoisePerturbation(seed: 8)) }
        let threaded = try await OffPool.run { try three.analyse(round, perturbation: ScoreNoisePerturbation(seed: 8)) }
        #expect(serial.proposals == threaded.proposals)
        #expect(serial.statistics.sampleNodes == threaded.statistics.sampleNodes)
        #expect(serial.statistics.samplesProvenOptimal == samples)
        #expect(serial.proposals.contains { $0.fundedProbability > 0 && $0.fundedProbability < 1 }, "some proposal must vary")
    }

    @Test func theExactReportIsTheSameOnEveryRun() async throws {
        let round = SyntheticRound.make(proposals: 24, seed: 5)
        let analysis = RobustnessAnalysis(options: RobustnessOptions(samples: 10, budgetLevels: [1.1]))
        let first = try await OffPool.run { try analysis.analyse(round, perturbation: ScoreNoisePerturbation(seed: 2)) }
        let again = try await OffPool.run { try analysis.analyse(round, perturbation: ScoreNoisePerturbation(seed: 2)) }
        #expect(first.proposals == again.proposals)
        #expect(first.statistics.sampleNodes == again.statistics.sampleNodes)
    }
}
