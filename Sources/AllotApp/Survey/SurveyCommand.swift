import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import ArgumentParser
import Foundation

/// `allot survey`: load survey exports and summarise them.
struct SurveyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survey", abstract: "Ingest survey exports into the store and print the report tables.",
        subcommands: [SurveyIngestCommand.self, SurveySummaryCommand.self, SurveyListCommand.self])
}

/// `allot survey ingest FILE...`
struct SurveyIngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store the consented responses of survey CSV files (one transaction per file; refusals keep only their id).")

    @Argument(help: "Survey CSV files.") var files: [String]
    @Option(help: "Mapping name in Config/mappings (default: recognised from the headers).") var mapping: String?
    @Flag(help: "Keep valid rows and list the others in a reject file, instead of rejecting the whole file.") var skipInvalid = false
    @Option(help: "Where rejected rows go (default: FILE.rejects.csv beside the input). Only with one input file.") var rejectFile: String?
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if rejectFile != nil && files.count > 1 { throw ValidationError("--reject-file takes one input file; omit it to get FILE.rejects.csv beside each") }
        if rejectFile != nil && !skipInvalid { throw ValidationError("--reject-file goes with --skip-invalid") }
    }

    func run() throws {
        try failing {
            let catalogue = try config.catalogue()
            let lookup = try config.postcodeLookup()
            try store.withStore(configDir: config.configDir) { repositories in try importFiles(into: repositories.surveys, catalogue: catalogue, lookup: lookup) }
            if lookup == nil { print("postcode enrichment: unavailable (no lookup file configured in Config/lookups.yaml)") }
        }
    }

    private func importFiles(into repository: some SurveyRepository, catalogue: MappingCatalogue, lookup: PostcodeLookup?) throws {
        for file in files {
            let report = try SurveyImporter.importFile(file, into: repository, catalogue: catalogue, options: SurveyReadOptions(
                mappingName: mapping, skipInvalid: skipInvalid, rejectFile: rejectFile, lookup: lookup, computeDigest: true,
                threads: threads.resolved))
            print(report.line)
            if let rejects = report.file.rejectFile {
                print("  \(report.file.rejected) row(s) rejected, listed with reasons in \(rejects)")
            }
        }
    }
}

/// Streams one file into the store in one transaction.
enum SurveyImporter {
    struct Report {
        let file: SurveyFileReport
        let counts: ImportCounts
        var line: String {
            "\(file.file): \(counts.inserted) stored, \(counts.unchanged) already stored, \(counts.refusals) refusals recorded (id only), "
                + "\(counts.refusalsUnchanged) refusals already recorded, \(file.rejected) rejected; mapping \(file.mapping)\(file.mappingRecognised ? " (recognised from the headers)" : "")"
        }
    }

    static func importFile(_ path: String, into repository: some SurveyRepository, catalogue: MappingCatalogue,
                           options: SurveyReadOptions) throws -> Report {
        // The mapping name is known only after the header is read; record the one asked for, or "auto".
        let source = ImportSource(fileName: (path as NSString).lastPathComponent, mapping: options.mappingName ?? "recognised")
        // The import log is the audit trail: it always records the file's SHA-256.
        var options = options
        options.computeDigest = true
        return try repository.importResponses(from: source) { [options] writer in
            var counts = ImportCounts()
            let fileReport = try SurveyFileReader.read(path: path, catalogue: catalogue, options: options) { row, line in
                do {
                    switch row {
                    case let .response(r):
                        if try writer.add(r) == .inserted { counts.inserted += 1 } else { counts.unchanged += 1 }
                    case let .refusal(survey, id):
                        if try writer.addRefusal(survey: survey, responseID: id) == .inserted { counts.refusals += 1 } else { counts.refusalsUnchanged += 1 }
                    case .blank: break
                    }
                } catch let StoreError.conflictingResponse(survey, id) {
                    throw SurveyInputError.conflictingResponse(file: path, line: line, survey: survey, responseID: id,
                                                               previous: "in this file or an earlier import")
                }
            }
            counts.rejected = fileReport.rejected
            counts.mapping = fileReport.mapping
            return (Report(file: fileReport, counts: counts), counts, fileReport.sha256)
        }
    }
}

/// `allot survey summary`
struct SurveySummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "The report tables per sector and overall: responses, hours, barriers, priorities, types, providers, access, choice, confidence.")

    @Argument(help: "Survey CSV files (several files of one survey make one summary).") var files: [String] = []
    @Option(name: .customLong("survey"), help: "A survey id in the store (repeatable), instead of files.") var surveys: [String] = []
    @Flag(help: "Print JSON.") var json = false
    @Option(help: "Mapping name in Config/mappings (default: recognised from the headers).") var mapping: String?
    @OptionGroup var threads: ThreadsOption
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func validate() throws {
        if files.isEmpty == surveys.isEmpty { throw ValidationError("give survey files, or --survey ID for surveys in the store (not both)") }
    }

    func run() throws {
        try failing {
            let evidence: SurveyEvidence
            if files.isEmpty {
                evidence = try store.withStore(configDir: config.configDir) { repositories in try SurveyEvidence.fromStore(repositories.surveys, surveys: surveys) }
            } else {
                evidence = try SurveyEvidence.fromFiles(files, catalogue: try config.catalogue(),
                                                        options: SurveyReadOptions(mappingName: mapping, threads: threads.resolved))
            }
            let tallies = evidence.tallies.values.sorted { SurveyID($0.survey) < SurveyID($1.survey) }
            if json {
                if tallies.count == 1, let only = tallies.first {
                    print(try JSONOutput.string(SurveySummary(only)))
                } else {
                    print(try JSONOutput.string(SurveyComparison(tallies)))
                }
            } else {
                print(SummaryRenderer.render(SurveyComparison(tallies), order: tallies.map(\.survey)))
            }
        }
    }
}

/// `allot survey list`
struct SurveyListCommand: ParsableCommand {
    /// `open, closes 2025-03-31T17:00:00Z`, `closed 2025-03-31T17:00:05Z`, `scheduled, opens ...`, or `open (no close time)`.
    static func state(_ schedule: SurveySchedule?, now: Date) -> String {
        guard let schedule else { return "open (no close time)" }
        let time = { (d: Date) in ISO8601DateFormatter().string(from: d) }
        switch schedule.state(at: now) {
        case .closed: return "closed" + (schedule.closedAt.map { " " + time($0) } ?? "")
        case .scheduled: return "scheduled, opens " + (schedule.opensAt.map(time) ?? "-") + (schedule.closesAt.map { ", closes " + time($0) } ?? "")
        case .open: return schedule.closesAt.map { "open, closes " + time($0) } ?? "open (no close time)"
        }
    }

    static let configuration = CommandConfiguration(commandName: "list", abstract: "The surveys in the store: responses, refusals and state (open or closed, with the close time).")
    @OptionGroup var store: StoreOptions
    /// Accepted (and unused) so every command takes the same configuration flags.
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            let (surveys, schedules, location) = try store.withStore(configDir: config.configDir) { repositories in
                // A survey's open and close times are the daemon's (POST /v1/surveys); one only ingested here has none and is open.
                (try repositories.surveys.surveys(), Dictionary(try repositories.schedules.all().map { ($0.id, $0) }) { a, _ in a },
                 repositories.location)
            }
            if surveys.isEmpty { print("no surveys in \(location)"); return }
            let now = Date()
            for s in surveys {
                print("\(s.id)\t\(s.kind ?? "-")\t\(s.academicYear ?? "-")\t\(s.responses) responses\t\(s.refusals) without consent\t"
                    + SurveyListCommand.state(schedules[s.id], now: now))
            }
        }
    }
}
