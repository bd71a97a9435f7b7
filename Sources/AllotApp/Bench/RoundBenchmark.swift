import AllotCore
import AllotIngest
import AllotPortfolio
import AllotRounds
import ArgumentParser
import Foundation

/// `allot bench round --proposals N --rows M`: supply, gaps, calibration and scoring of a large round, then its portfolio
/// with every constraint on, and the robustness analysis of a smaller round.
struct RoundBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Generate M survey responses and a round of N proposals with reviews, then time supply + gaps, calibration and scoring (after ingest), the portfolio, and robustness samples of a smaller round.")

    @Option(help: "Proposals in the round.") var proposals = 10_000
    @Option(help: "Survey responses behind the need model.") var rows = 1_000_000
    @Option(help: "Seed of the generators.") var seed: UInt64 = 11
    @Option(help: "Wall-clock limit of the portfolio solve in seconds (the target is 10 s in all).") var portfolioSeconds = 8.0
    @Option(help: "Proposals of the round whose robustness is measured (0: skip).") var robustnessProposals = 300
    @Option(help: "Robustness samples.") var samples = 1_000
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-round-\(getpid())")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let survey = (folder as NSString).appendingPathComponent("survey.csv")
            try SurveyBenchmark.generate(rows: rows, seed: seed, to: survey)
            let files = try DemoRound.write(to: folder, seed: seed, proposalCount: proposals)
            let directory = try config.directory()
            let catalogue = try MappingCatalogue.load(from: directory)
            let mapping = try catalogue.mapping(named: "canonical")

            var start = DispatchTime.now()
            let evidence = try SurveyEvidence.fromFiles([survey], catalogue: catalogue, options: SurveyReadOptions())
            let need = NeedModel.build(evidence.need, config: try NeedConfigLoader.load(from: directory))
            print(String(format: "ingest: survey streamed into the need model in %.2f s (not part of the target)", seconds(since: start)))

            start = DispatchTime.now()
            let read = try (ProposalReader(mapping: mapping).read(path: files.proposals), SupplyReader.participation(path: files.participation, mapping: mapping),
                            SupplyReader.workforce(path: files.workforce, mapping: mapping))
            let reviews = try ReviewReader(proposalIDs: read.0.map(\.id)).read(path: files.reviews)
            let conflicts = try ConflictReader().read(path: files.conflicts)
            let readSeconds = seconds(since: start)

            start = DispatchTime.now()
            let (scoring, _) = try ScoringConfigLoader.load(from: directory)
            let gaps = GapModel(need: need, returns: read.1, supplyYear: "2022-23", workforce: read.2, reference: nil, config: scoring.gaps)
            let gapSeconds = seconds(since: start)
            start = DispatchTime.now()
            let calibration = ReviewCalibration.calibrate(proposals: read.0, reviews: reviews, conflicts: conflicts)
            let calibrationSeconds = seconds(since: start)
            start = DispatchTime.now()
            var panel: [String: PanelResult] = [:]
            for p in calibration.proposals {
                guard let c = p.calibratedScore, let r = p.rawScore else { continue }
                panel[p.proposal] = PanelResult(reviews: p.reviewCount, rawScore: r, calibratedScore: c, normalised: (c - 1) / 4,
                                                qualityFactor: ReviewCalibration.qualityFactor(score: c, scale: 1...5), method: p.method.rawValue)
            }
            let ranked = ProposalScorer(gaps: gaps, config: scoring).rank(read.0, panel: panel)
            let scoreSeconds = seconds(since: start)
            print(String(format: "round of %d proposals, %d reviews: reading files %.2f s", ranked.count, reviews.count, readSeconds))
            print(String(format: "  supply + gaps %.3f s, calibration %.3f s (", gapSeconds, calibrationSeconds)
                  + calibration.method.rawValue + String(format: "), scoring + ranking %.3f s", scoreSeconds))
            print(String(format: "  supply, gaps, calibration and scoring after ingest: %.2f s (target < 2 s)", gapSeconds + calibrationSeconds + scoreSeconds))

            // The portfolio of the whole round, every constraint on. The demo generator draws applicants from about twenty
            // names, which would make the GBP 60,000 cap the whole story at this size, so here each applicant has 3 proposals.
            var round = read.0
            for i in round.indices { round[i].applicant = "Applicant \(i / 3)" }
            let budget = round.reduce(0) { $0 + $1.requested } / 4
            let constraints = RoundConstraints(groupFloors: ["asn": 0.10, "technician": 0.10], reachEveryRIC: true, maxPerApplicant: 60_000)
            let problem = PortfolioBuilder.problem(proposals: round, gaps: gaps, panel: panel, budget: budget, constraints: constraints)
            start = DispatchTime.now()
            let portfolio = try PortfolioSolver(options: PortfolioSolverOptions(timeLimitSeconds: portfolioSeconds)).solve(problem)
            let solveSeconds = seconds(since: start)
            let st = portfolio.statistics
            print("portfolio of \(round.count) proposals (budget \(Money.text(budget)), a quarter of the asks; ASN and technician floors 10%, every RIC, \(Money.text(60_000)) per applicant, partial awards):")
            print(String(format: "  %.2f s (target < 10 s): %@, value %.2f, bound %.2f, gap %.5f%%; %d funded, ", solveSeconds, st.status, portfolio.totalValue,
                         st.bestBound, st.relativeGap * 100, portfolio.fundedIDs.count) + "\(Money.text(portfolio.allocated)) allocated")
            print(String(format: "  solver: %d LP rounds (Clp), %d MILP rounds (CBC), %d nodes, %d simplex iterations, %.2f s inside Clp and CBC; last model %d columns (%d integer), %d rows, %d nonzeros, %d envelope pieces",
                         st.lpRounds, st.milpRounds, st.nodes, st.iterations, st.solveSeconds, st.columns, st.integerColumns, st.rows, st.nonzeros, st.envelopePieces))
            let greedy = try GreedyAllocator().allocate(problem)
            print(String(format: "  funding in order of standalone value instead: value %.2f (%.2f%% less)", greedy.totalValue,
                         portfolio.totalValue > 0 ? (portfolio.totalValue - greedy.totalValue) / portfolio.totalValue * 100 : 0))
            guard robustnessProposals > 0 else { return }

            // Robustness of a round of realistic size, as `round run` does it.
            let small = Array(round.prefix(robustnessProposals))
            let smallProblem = PortfolioBuilder.problem(proposals: small, gaps: gaps, panel: panel, budget: small.reduce(0) { $0 + $1.requested } / 4,
                                                        constraints: constraints)
            let smallRanked = ProposalScorer(gaps: gaps, config: scoring).rank(small, panel: panel)
            let perturbation = ScoringPerturbation(
                scored: smallRanked, qualities: Dictionary(smallProblem.items.map { ($0.id, $0.quality) }, uniquingKeysWith: { a, _ in a }),
                weights: scoring.weights, scale: 1...5, seed: seed)
            start = DispatchTime.now()
            let report = try RobustnessAnalysis(options: RobustnessOptions(samples: samples)).analyse(smallProblem, perturbation: perturbation)
            let robustnessSeconds = seconds(since: start)
            let rs = report.statistics
            let near = report.proposals.filter(\.nearLine).count
            print(String(format: "robustness of a %d-proposal round: %.2f s in all", small.count, robustnessSeconds))
            print(String(format: "  base solve %.2f s (%@); %d samples in %.2f s (target < 30 s), %d proven within tolerance, gap max %.4f%% mean %.5f%%, %d nodes",
                         rs.baseSeconds, report.base.statistics.status, rs.samples, rs.sampleSeconds, rs.samplesProvenOptimal, rs.maxSampleGap * 100,
                         rs.meanSampleGap * 100, rs.sampleNodes))
            print(String(format: "  %d proposals near the line; counterfactual requests %.2f s (%d solves); budget grid %.2f s",
                         near, rs.counterfactualSeconds, rs.counterfactualSolves, rs.budgetGridSeconds))
        }
    }
}
