import AllotCore
import AllotIngest
import AllotRounds
import AllotServer
import AllotStore
import ArgumentParser
import Foundation
import Logging

/// `allot demo`: the main job end to end on generated data.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Generate surveys, supply and a round; ingest, print the summary, the need table and the ranked round with its portfolio; then run the same round through the daemon: API uploads, the survey closed, the scheduled run, signed webhooks at a local receiver, a clean stop.")

    @Option(help: "Seed of the generator (same seed, same data).") var seed: UInt64 = 2023
    @Option(help: "Practitioner responses in the latest year.") var responses = 1200
    @Option(help: "Robustness samples of the demo round.") var samples = 1_000
    @Flag(inversion: .prefixedNo, help: "Run the round through the daemon too (allot serve in this process, a local webhook receiver).")
    var service = true
    @Flag(help: "Also print the survey report tables and the need table after the round (allot survey summary, allot needs).")
    var tables = false
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func run() async throws {
        try await failingAsync {
            let dataDir = store.resolvedDataDir
            // The demo's surveys, runs and tokens go to the store the flags name (SQLite unless a database URL is set);
            // its generated files go to the data directory either way.
            let location = try store.location(configDir: config.configDir)
            let storeFlags = switch location {
            case .sqlite: "--data-dir \(dataDir)"
            // Quoted for the shell (`?` globs); a password is shown as *** and must be put back by hand.
            case let .postgres(url): "--database-url '\(url.redacted)'"
            }
            let folder = (dataDir as NSString).appendingPathComponent("demo")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // The daemon runs in this process: its logs go to a file, so they never land between the demo's tables.
            let logFile = (folder as NSString).appendingPathComponent("daemon.log")
            let sink = try FileLogHandler.Sink(path: logFile)
            LoggingSystem.bootstrap { FileLogHandler(label: $0, sink: sink) }
            print("Generating demo surveys in \(folder) (seed \(seed))")
            let files = try DemoData.write(to: folder, seed: seed, responses: responses)
            let lookup = try PostcodeLookupLoader.load(configFile: files.lookupConfig)
            let catalogue = try config.catalogue()
            let stored = try await StoreOpener.withStore(location) { repositories in
                for file in files.surveys {
                    let report = try SurveyImporter.importFile(file, into: repositories.surveys, catalogue: catalogue,
                                                               options: SurveyReadOptions(lookup: lookup, computeDigest: true))
                    print(report.line)
                }
                return try repositories.surveys.surveys().map(\.id)
            }
            let round = try DemoRound.write(to: folder, seed: seed)
            let run = try RoundRunCommand.parse([
                "--survey", "practitioner-2022-23", "--survey", "technician-2022-23",
                "--participation", round.participation, "--activity", round.activity, "--workforce", round.workforce,
                "--proposals", round.proposals, "--reviews", round.reviews, "--conflicts", round.conflicts, "--round", round.round,
                "--data-dir", dataDir, "--samples", String(samples)] + (config.configDir.map { ["--config-dir", $0] } ?? [])
                + (store.databaseURL.map { ["--database-url", $0] } ?? []))
            print("Round files in \(folder): proposals.json, reviews.csv, conflicts.csv, provider returns, workforce.csv, round.yaml")
            print("")
            try run.run()
            print("")
            if service {
                print("== The same round through the daemon (its log: \(logFile)) ==")
                try await DemoService.run(dataDir: dataDir, location: location, folder: folder, files: round, configDirectory: try config.directory(),
                                          samples: min(samples, 200))
                print("")
            }
            let surveyFlags = stored.map { "--survey \($0)" }.joined(separator: " ")
            if tables {
                let evidence = try await StoreOpener.withStore(location) { repositories in
                    try SurveyEvidence.fromStore(repositories.surveys, surveys: stored)
                }
                let tallies = evidence.tallies.values.sorted { SurveyID($0.survey) < SurveyID($1.survey) }
                print("== The survey evidence behind the round ==")
                print(SummaryRenderer.render(SurveyComparison(tallies), order: tallies.map(\.survey)))
                let report = NeedModel.build(evidence.need, config: try config.needConfig())
                print(NeedRenderer.render(report, level: "council", group: nil, top: 15))
                print("")
            } else {
                print("The survey tables behind the round: allot survey summary \(surveyFlags) \(storeFlags)")
            }
            print("The need table: allot needs \(surveyFlags) \(storeFlags) --level ric")
            print("Store: \(location.description)")
            if service {
                // A panel chair's token and a one-time link, so the web app opens on this data with no curl.
                let settings = try ServeSettings.load(config: nil, configDir: config.configDir, dataDir: dataDir, databaseURL: store.databaseURL)
                let link = try await StoreOpener.withStore(location) { repositories in
                    let (_, chair) = try APIToken.issue(role: .admin, name: "Demo panel chair", reviewerID: nil, in: repositories.tokens,
                                                        actor: "allot demo")
                    return try SignInLinks.issue(for: chair, in: repositories.signIn, publicURL: settings.resolvedPublicURL,
                                                 hours: settings.webLinkHours)
                }
                print("")
                let serve = if case .sqlite = location { "make web (allot serve \(storeFlags))" } else { "allot serve \(storeFlags)" }
                print("Open the web app on this data: \(serve), then open this sign-in link")
                print("(it works once, for \(Int(settings.webLinkHours)) hours): \(link)")
            }
        }
    }
}
