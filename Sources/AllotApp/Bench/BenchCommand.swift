import ArgumentParser

/// `allot bench`: speed and memory figures (the README quotes them); never part of the tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks: generated data, timed phases, peak memory.",
        subcommands: [SurveyBenchmark.self, RoundBenchmark.self, SurveyStreamPhase.self, WebhooksBenchmark.self, ApiBenchmark.self, WebBenchmark.self])
}
