import AllotCore
import AllotIngest
import AllotPortfolio
import ArgumentParser
import Foundation

/// `allot round`: score a grant round.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "round", abstract: "Score and rank a grant round.",
                                                    subcommands: [RoundRunCommand.self])
}

/// A ranked proposal with what the recommended portfolio gives it.
struct RoundProposal: Encodable {
    let scored: ScoredProposal
    let recommended: Bool?
    let award: Double?

    enum Keys: String, CodingKey { case recommended, award }

    func encode(to encoder: any Encoder) throws {
        try scored.encode(to: encoder)
        var c = encoder.container(keyedBy: Keys.self)
        try c.encodeIfPresent(recommended, forKey: .recommended)
        try c.encodeIfPresent(award, forKey: .award)
    }
}

/// One constraint of the round as the portfolio meets it.
struct ConstraintLine: Encodable {
    let name: String
    let required: Double
    let achieved: Double
    let binding: Bool
}

/// The round's output (`allot round run --json`).
struct RoundResult: Encodable {
    struct Calibration: Encodable {
        let method: String
        let reason: String
        let reviewers: [String: Double]
        let dropped: [String]
        let underReviewed: [String]
        enum CodingKeys: String, CodingKey { case method, reason, reviewers, dropped; case underReviewed = "under_reviewed" }
    }
    let round: String
    let budget: Double?
    let weights: [String: Double]
    let constraints: RoundConstraints
    let proposals: [RoundProposal]
    /// Present when the round has a budget: the recommended portfolio.
    let allocated: Double?
    let objective: Double?
    let constraintLines: [ConstraintLine]?
    let solver: String?
    let calibration: Calibration
    let practitionersFrom: String
    let notes: [String]

    enum CodingKeys: String, CodingKey {
        case round, budget, weights, proposals, calibration, notes, allocated, objective, solver
        case constraints = "constraint_settings", constraintLines = "constraints"
        case practitionersFrom = "practitioners_from"
    }
}

/// `allot round run`
struct RoundRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", abstract: "Score the round's proposals against the gaps, with calibrated panel scores, and rank them.")

    @OptionGroup var evidence: EvidenceOptions
    @Option(help: "Proposals: JSON array, JSON Lines or CSV.") var proposals: String
    @Option(help: "reviews.csv") var reviews: String?
    @Option(help: "conflicts.csv") var conflicts: String?
    @Option(help: "The round file (YAML or JSON): budget, weights, constraints.") var round: String?
    @Option(help: "Budget in pounds (overrides the round file).") var budget: Double?
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Write the panel's spreadsheet (CSV) to this file.") var csv: String?
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        try evidence.validateSources()
        if let budget, budget <= 0 { throw ValidationError("--budget must be above 0") }
    }

    func run() throws {
        try failing {
            let result = try RoundRunner.run(self)
            if let csv { try RoundSpreadsheet.write(result, to: csv) }
            if json { print(try JSONOutput.string(result)) } else { print(RoundRenderer.render(result)) }
        }
    }
}

/// Reads a round's files and scores it.
enum RoundRunner {
    static func run(_ command: RoundRunCommand) throws -> RoundResult {
        let directory = try command.config.directory()
        let (_, defaults) = try ScoringConfigLoader.load(from: directory)
        var round = try command.round.map { try ScoringConfigLoader.round(path: $0, defaults: defaults) } ?? RoundConfig()
        if let budget = command.budget { round.budget = budget }
        let (gaps, baseConfig, _, _) = try command.evidence.gaps(config: command.config, store: command.store, supplyYear: round.supplyYear)
        var scoring = baseConfig
        scoring.weights.merge(round.weights) { $1 }
        let mapping = try MappingCatalogue.load(from: directory).mapping(named: command.evidence.mapping)
        let proposals = try ProposalReader(mapping: mapping).read(path: command.proposals)
        let reviews = try command.reviews.map { try ReviewReader(scale: round.scoreScale, proposalIDs: proposals.map(\.id)).read(path: $0) } ?? []
        let conflicts = try command.conflicts.map { try ConflictReader().read(path: $0) } ?? []
        let calibration = ReviewCalibration.calibrate(
            proposals: proposals, reviews: reviews, conflicts: conflicts,
            settings: ReviewCalibrationSettings(scale: round.scoreScale, minimumReviews: round.minimumReviews))
        var panel: [String: PanelResult] = [:]
        for p in calibration.proposals {
            guard let calibrated = p.calibratedScore, let raw = p.rawScore else { continue }
            let span = round.scoreScale.upperBound - round.scoreScale.lowerBound
            panel[p.proposal] = PanelResult(
                reviews: p.reviewCount, rawScore: Rounding.round(raw), calibratedScore: Rounding.round(calibrated),
                normalised: Rounding.round((calibrated - round.scoreScale.lowerBound) / span),
                qualityFactor: Rounding.round(ReviewCalibration.qualityFactor(score: calibrated, scale: round.scoreScale)),
                method: p.method.rawValue)
        }
        let ranked = ProposalScorer(gaps: gaps, config: scoring).rank(proposals, panel: panel)
        var weights: [String: Double] = [:]
        for (c, w) in scoring.weights { weights[c.rawValue] = w }
        var offsets: [String: Double] = [:]
        for r in calibration.reviewers { offsets[r.reviewer] = Rounding.round(r.offset) }
        let report = gaps.report()
        var portfolio: PortfolioResult?
        if let budget = round.budget {
            let problem = PortfolioBuilder.problem(proposals: proposals, gaps: gaps, panel: panel, budget: budget, constraints: round.constraints)
            do { portfolio = try PortfolioSolver().solve(problem) } catch { throw RoundError.portfolio(String(describing: error)) }
        }
        let lines = portfolio?.constraints.map {
            ConstraintLine(name: $0.name, required: Rounding.round($0.required, places: 2), achieved: Rounding.round($0.achieved, places: 2), binding: $0.binding)
        }
        return RoundResult(
            round: round.name, budget: round.budget, weights: weights, constraints: round.constraints,
            proposals: ranked.map { p in
                let award = portfolio?.award(for: p.id)
                return RoundProposal(scored: p, recommended: portfolio.map { _ in award?.recommended ?? false },
                                     award: portfolio.map { _ in Rounding.round(award?.award ?? 0, places: 2) })
            },
            allocated: portfolio.map { Rounding.round($0.allocated, places: 2) }, objective: portfolio.map { Rounding.round($0.totalValue, places: 2) },
            constraintLines: lines, solver: portfolio.map { "\($0.statistics.method): \($0.statistics.status)" },
            calibration: .init(method: calibration.method.rawValue, reason: calibration.methodReason, reviewers: offsets,
                               dropped: calibration.dropped.map { "\($0.review.reviewer) on \($0.review.proposal): \($0.reason)" },
                               underReviewed: calibration.underReviewed),
            practitionersFrom: report.practitionersFrom, notes: report.notes)
    }
}

/// A round that cannot be decided.
enum RoundError: Error, CustomStringConvertible {
    case portfolio(String)
    var description: String {
        switch self {
        case let .portfolio(why): "no portfolio meets the round's rules: \(why)"
        }
    }
}
