import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import ArgumentParser
import Foundation

/// The survey and supply flags shared by `allot gaps` and `allot round run`.
struct EvidenceOptions: ParsableArguments {
    @Option(parsing: .upToNextOption, help: "Survey CSV files (the need model).") var surveys: [String] = []
    @Option(name: .customLong("survey"), help: "A survey id in the store (repeatable), instead of files.") var storedSurveys: [String] = []
    @Option(help: "provider-participation.csv") var participation: String
    @Option(help: "provider-activity.csv (optional)") var activity: String?
    @Option(help: "workforce.csv (optional; without it, Config's reference workforce and estimates from respondents)") var workforce: String?
    @Option(help: "Use only supply returns of this academic year (default: the round's supply_year, else all).") var supplyYear: String?
    @Option(help: "Mapping name for wordings (default: canonical).") var mapping = "canonical"

    func validateSources() throws {
        if surveys.isEmpty == storedSurveys.isEmpty { throw ValidationError("give --surveys FILE... or --survey ID (not both)") }
    }

    /// The need model, gaps and scoring settings these flags describe.
    func gaps(config: ConfigOptions, store: StoreOptions, supplyYear roundYear: String?) throws -> (GapModel, ScoringConfig, RoundConstraints, [ActivityReturn]) {
        let directory = try config.directory()
        let catalogue = try MappingCatalogue.load(from: directory)
        let mapping = try catalogue.mapping(named: self.mapping)
        let evidence: SurveyEvidence
        if surveys.isEmpty {
            evidence = try store.withStore(configDir: config.configDir) { repositories in try SurveyEvidence.fromStore(repositories.surveys, surveys: storedSurveys) }
        } else {
            // Every core: the evidence is the same for any number of threads.
            evidence = try SurveyEvidence.fromFiles(surveys, catalogue: catalogue, options: SurveyReadOptions(
                lookup: try config.postcodeLookup(), threads: ProcessInfo.processInfo.activeProcessorCount))
        }
        let need = NeedModel.build(evidence.need, config: try NeedConfigLoader.load(from: directory))
        let (scoring, defaults) = try ScoringConfigLoader.load(from: directory)
        let returns = try SupplyReader.participation(path: participation, mapping: mapping)
        let activityReturns = try activity.map { try SupplyReader.activity(path: $0) } ?? []
        let workforceTable = try workforce.map { try SupplyReader.workforce(path: $0, mapping: mapping) }
        let reference = try ReferenceWorkforceLoader.load(from: directory, gaps: scoring.gaps, mapping: mapping)
        let gaps = GapModel(need: need, returns: returns, supplyYear: supplyYear ?? roundYear, workforce: workforceTable,
                            reference: reference?.workforce, config: scoring.gaps, tally: evidence.need)
        return (gaps, scoring, defaults, activityReturns)
    }
}

/// `allot gaps`: where need is high and supply thin.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps", abstract: "Demand, supply and gap hours per learner group x council, with RIC and national roll-ups.")

    @OptionGroup var evidence: EvidenceOptions
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Council cells to show, largest need-weighted gap first (0 = all).") var top = 20
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws { try evidence.validateSources() }

    func run() throws {
        try failing {
            let (gaps, _, _, _) = try evidence.gaps(config: config, store: store, supplyYear: nil)
            let report = gaps.report()
            if json { print(try JSONOutput.string(report)); return }
            print(GapRenderer.render(report, top: top))
        }
    }
}

/// The gaps table for people.
enum GapRenderer {
    static func render(_ report: GapReport, top: Int) -> String {
        var lines = report.notes.map { "note: \($0)" }
        lines.append("")
        // Wide enough for every area's whole name ("Forth Valley and West Lothian").
        let areaWidth = max(26, (report.cells.map { ($0.areaName ?? $0.area ?? "").count }.max() ?? 0) + 1)
        func row(_ c: GapCell) -> String {
            TextColumns.left(c.level, 14) + TextColumns.left(c.group, 21) + TextColumns.left(c.areaName ?? c.area ?? "", areaWidth)
                + String(format: "%10.0f %10.0f %10.0f %10.0f %6.2f", c.practitioners, c.demandHours, c.suppliedHours, c.gapHours, c.needWeight)
        }
        let header = TextColumns.left("level", 14) + TextColumns.left("group", 21) + TextColumns.left("area", areaWidth)
            + ["people", "demand h", "supplied h", "gap h"].map { TextColumns.right($0, 10) }.joined(separator: " ") + TextColumns.right("weight", 7)
        lines.append(header)
        for c in report.cells where c.level == "national" || c.level == "urban_rural" || c.level == "simd_quintile" { lines.append(row(c)) }
        // The RIC roll-ups, in the report's order (group, then RIC): the JSON has them, so the readable table does too.
        let rics = report.cells.filter { $0.level == "ric" }
        if !rics.isEmpty {
            lines.append("")
            lines.append("Regional improvement collaboratives (RICs):")
            lines.append(header)
            for c in rics { lines.append(row(c)) }
        }
        var councils = report.cells.filter { $0.level == "council" }
        councils.sort { ($0.weightedGap, $1.group, $1.area ?? "") > ($1.weightedGap, $0.group, $0.area ?? "") }
        lines.append("")
        lines.append("Council cells by need-weighted gap\(top > 0 && councils.count > top ? " (top \(top) of \(councils.count))" : ""):")
        lines.append(header)
        for c in (top > 0 ? Array(councils.prefix(top)) : councils) { lines.append(row(c)) }
        return lines.joined(separator: "\n")
    }
}
