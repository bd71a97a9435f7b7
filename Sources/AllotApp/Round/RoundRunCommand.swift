import AllotCore
import AllotIngest
import AllotPortfolio
import AllotRounds
import ArgumentParser
import Foundation

/// `allot round`: score a grant round.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "round", abstract: "Score and rank a grant round.",
                                                    subcommands: [RoundRunCommand.self])
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
    @Option(help: "Robustness samples: criterion weights +-25% and reviewer noise (0: none).") var samples = 1_000
    @Option(help: "Seed of the robustness samples.") var seed: UInt64 = 1
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        try evidence.validateSources()
        if let budget, !InputLimits.isPounds(budget) { throw ValidationError("--budget must be \(InputLimits.poundsRange)") }
        if samples < 0 { throw ValidationError("--samples must be 0 or more") }
    }

    func run() throws {
        try failing {
            let result = try RoundRunner.run(self)
            if let csv { try Data(RoundSpreadsheet.csv(result).utf8).write(to: URL(fileURLWithPath: csv)) }
            if json { print(try JSONOutput.string(result)) } else { print(RoundRenderer.render(result)) }
        }
    }
}

/// Reads a round's files and evaluates it.
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
        return try RoundEvaluator.evaluate(RoundInputs(
            proposals: proposals, reviews: reviews, conflicts: conflicts, gaps: gaps, scoring: scoring, round: round,
            robustness: RoundRobustnessSettings(samples: command.samples, seed: command.seed)))
    }
}
