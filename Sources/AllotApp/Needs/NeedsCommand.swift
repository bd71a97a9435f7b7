import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import ArgumentParser
import Foundation

/// `allot needs`: need signals per learner group and area.
struct NeedsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "needs",
        abstract: "Need signals per learner group x council area, RIC and nationally, shrunk toward their parents, with a 0-100 need index.")

    @Option(parsing: .upToNextOption, help: "Survey CSV files.") var surveys: [String] = []
    @Option(name: .customLong("survey"), help: "A survey id in the store (repeatable), instead of files.") var storedSurveys: [String] = []
    @Flag(help: "Print JSON (every row and indicator).") var json = false
    @Option(help: "Rows to show in the readable table: national, group, ric, council, urban_rural, simd_quintile, or all.") var level = "council"
    @Option(help: "Only this learner group (a sector code, e.g. asn).") var group: String?
    @Option(help: "How many rows of the chosen level to show, neediest first (0 = all).") var top = 25
    @Option(help: "Mapping name in Config/mappings (default: recognised from the headers).") var mapping: String?
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if surveys.isEmpty == storedSurveys.isEmpty { throw ValidationError("give --surveys FILE... or --survey ID (not both)") }
        let levels = ["national", "group", "ric", "council", "urban_rural", "simd_quintile", "all"]
        if !levels.contains(level) { throw ValidationError("--level must be one of \(levels.joined(separator: ", "))") }
        if let group, Taxonomy.learnerGroup.index(of: group) == nil {
            throw ValidationError("unknown group '\(group)'; expected one of \(Taxonomy.learnerGroup.codes.joined(separator: ", "))")
        }
    }

    func run() throws {
        try failing {
            let needConfig = try config.needConfig()
            let evidence: SurveyEvidence
            if surveys.isEmpty {
                evidence = try store.withStore(configDir: config.configDir) { repositories in try SurveyEvidence.fromStore(repositories.surveys, surveys: storedSurveys) }
            } else {
                evidence = try SurveyEvidence.fromFiles(surveys, catalogue: try config.catalogue(),
                                                        options: SurveyReadOptions(mappingName: mapping, lookup: try config.postcodeLookup(),
                                                                                  threads: threads.resolved))
            }
            let report = NeedModel.build(evidence.need, config: needConfig)
            if json {
                print(try JSONOutput.string(report))
            } else {
                print(NeedRenderer.render(report, level: level, group: group, top: top))
            }
        }
    }
}

/// The need table for people: national and group rows, then the neediest cells of a level.
enum NeedRenderer {
    static func render(_ report: NeedReport, level: String, group: String?, top: Int) -> String {
        var lines: [String] = []
        let years = report.groupYears.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        lines.append("Need model from \(report.surveys.joined(separator: ", ")) (latest year per group: \(years))")
        lines.append("Enrichment: urban/rural \(report.enrichment.urbanRural ? "loaded" : "unavailable"), SIMD \(report.enrichment.simd ? "loaded" : "unavailable")")
        lines.append("Need index 0-100 (higher = more need); values are shrunk toward the parent area, [95% interval], n = responses.")
        lines.append("")
        let header = TextColumns.row([
            ("level", 13, .left), ("group", 19, .left), ("area", 25, .left), ("n", 6, .right), ("index", 6, .right), ("", 0, .left),
            ("mean hours", 21, .left), ("access difficult", 21, .left), ("not confident", 21, .left),
        ])[0]
        func line(_ r: NeedRow) -> [String] {
            func ind(_ key: String, percent: Bool) -> String {
                guard let e = r.indicators[key] else { return "-" }
                return percent
                    ? String(format: "%4.1f%% [%4.1f-%4.1f]", e.shrunk * 100, e.low * 100, e.high * 100)
                    : String(format: "%5.1f [%5.1f-%5.1f]", e.shrunk, e.low, e.high)
            }
            // Names wrap within their column instead of being cut ("Forth Valley and West Lothian" stays whole).
            return TextColumns.row([
                (r.level, 13, .left), (r.group ?? "all groups", 19, .left), (r.areaName ?? r.area ?? "Scotland", 25, .left),
                (String(r.responses), 6, .right), (String(format: "%.1f", r.needIndex), 6, .right), ("", 0, .left),
                (ind("mean_hours", percent: false), 21, .left), (ind("access_difficult", percent: true), 21, .left),
                (ind("not_confident", percent: true), 21, .left), (r.fewResponses ? "few responses" : "", 13, .left),
            ])
        }
        lines.append(header)
        for r in report.rows where (r.level == "national" || r.level == "group") && (group == nil || r.group == group || r.group == nil) {
            lines.append(contentsOf: line(r))
        }
        if level != "national" && level != "group" {
            var chosen = report.rows.filter { (level == "all" || $0.level == level) && (group == nil || $0.group == group) && $0.level != "national" && $0.level != "group" }
            chosen.sort { ($0.needIndex, $1.group ?? "", $1.area ?? "") > ($1.needIndex, $0.group ?? "", $0.area ?? "") }
            let shown = top > 0 ? Array(chosen.prefix(top)) : chosen
            lines.append("")
            lines.append("\(level == "all" ? "All cells" : level) by need index\(top > 0 && chosen.count > top ? " (top \(top) of \(chosen.count); --top 0 for all)" : ""):")
            lines.append(header)
            for r in shown { lines.append(contentsOf: line(r)) }
        }
        return lines.joined(separator: "\n")
    }
}
