import AllotCore
import AllotIngest
import AllotRounds
import ArgumentParser
import Foundation

/// `allot bench round --proposals N --rows M`: supply, gaps, calibration and scoring of a large round.
struct RoundBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Generate M survey responses and a round of N proposals with reviews, then time supply + gaps, calibration and scoring (after ingest).")

    @Option(help: "Proposals in the round.") var proposals = 10_000
    @Option(help: "Survey responses behind the need model.") var rows = 1_000_000
    @Option(help: "Seed of the generators.") var seed: UInt64 = 11
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
            let gaps = GapModel(need: need, returns: read.1, supplyYear: "2022-23", workforce: read.2, config: scoring.gaps)
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
        }
    }
}
