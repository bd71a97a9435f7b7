import ArgumentParser

/// `allot`: evidence for allocating professional-learning grants.
public struct AllotCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "allot",
        abstract: "Evidence for allocating professional-learning grants: survey need, supply gaps, scoring, portfolio.",
        subcommands: [DemoCommand.self, SurveyCommand.self, NeedsCommand.self, GapsCommand.self, RoundCommand.self, BenchCommand.self, WebhooksCommand.self,
                      ServeCommand.self, TokenCommand.self, StoreCommand.self]
    )

    public init() {}
}
