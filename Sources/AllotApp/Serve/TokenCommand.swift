import AllotServer
import AllotStore
import ArgumentParser
import Foundation

/// `allot token`: API tokens for the daemon.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens for allot serve.",
                                                    subcommands: [TokenCreateCommand.self])
}

/// `allot token create --role ROLE --name NAME [--reviewer ID]`: prints the token once; only its hash is stored.
struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API token and print it (once).")

    @Option(help: "admin, analyst or reviewer.") var role: String
    @Option(help: "Who or what the token is for.") var name: String
    @Option(help: "The reviewer id a reviewer token acts as.") var reviewer: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard let r = TokenRole(rawValue: role) else { throw ValidationError("--role must be admin, analyst or reviewer") }
        if r == .reviewer, reviewer == nil { throw ValidationError("a reviewer token needs --reviewer ID") }
        if r != .reviewer, reviewer != nil { throw ValidationError("--reviewer is only for reviewer tokens") }
        if name.isEmpty { throw ValidationError("--name must not be empty") }
    }

    func run() throws {
        try failing {
            let database = try store.open()
            guard let r = TokenRole(rawValue: role) else { throw ValidationError("--role must be admin, analyst or reviewer") }
            if let reviewer, try SQLiteReviewerRepository(database).find(reviewer) == nil {
                // Registering the reviewer lets the token work before an admin adds their details.
                try SQLiteReviewerRepository(database).save(ReviewerRecord(id: reviewer, name: reviewer), at: Date())
            }
            let (token, _) = try APIToken.issue(role: r, name: name, reviewerID: reviewer, in: SQLiteTokenRepository(database))
            print(token)
        }
    }
}
