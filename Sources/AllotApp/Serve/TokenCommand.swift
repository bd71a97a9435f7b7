import AllotServer
import AllotStore
import ArgumentParser
import Foundation

/// `allot token`: API tokens for the daemon.
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API tokens for allot serve.",
                                                    subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}

/// `allot token create --role ROLE --name NAME [--reviewer ID] [--link]`: prints the token once; only its hash is
/// stored. With `--link`, also a one-time sign-in link to the web app (`PUBLIC_URL/sign-in/CODE`).
struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create an API token and print it (once).")

    @Option(help: "admin, analyst or reviewer.") var role: String
    @Option(help: "Who or what the token is for.") var name: String
    @Option(help: "The reviewer id a reviewer token acts as.") var reviewer: String?
    @Flag(help: "Also print a one-time sign-in link to the web app (public_url in Config/allot.yaml; expires after web.link_hours).")
    var link = false
    @Option(help: "The daemon's YAML config, for public_url and web.link_hours (default: Config/allot.yaml).") var config: String?
    @Option(name: .long, help: "The Config/ folder (default: $ALLOT_CONFIG_DIR, ./Config, or the repository's).") var configDir: String?
    @OptionGroup var store: StoreOptions

    func validate() throws {
        guard let r = TokenRole(rawValue: role) else { throw ValidationError("--role must be admin, analyst or reviewer") }
        if r == .reviewer, reviewer == nil { throw ValidationError("a reviewer token needs --reviewer ID") }
        if r != .reviewer, reviewer != nil { throw ValidationError("--reviewer is only for reviewer tokens") }
        if name.isEmpty { throw ValidationError("--name must not be empty") }
    }

    func run() throws {
        try failing {
            guard let r = TokenRole(rawValue: role) else { throw ValidationError("--role must be admin, analyst or reviewer") }
            try store.withStore(config: config, configDir: configDir) { repositories in
                if let reviewer, try repositories.reviewers.find(reviewer) == nil {
                    // Registering the reviewer lets the token work before an admin adds their details.
                    try repositories.reviewers.save(ReviewerRecord(id: reviewer, name: reviewer), at: Date())
                }
                let (token, record) = try APIToken.issue(role: r, name: name, reviewerID: reviewer, in: repositories.tokens,
                                                         actor: "allot token create (command line)")
                print(token)
                if link {
                    let settings = try ServeSettings.load(config: config, configDir: configDir)
                    print(try SignInLinks.issue(for: record, in: repositories.signIn, publicURL: settings.resolvedPublicURL,
                                                hours: settings.webLinkHours))
                }
            }
        }
    }
}

/// `allot token list`: every token's id, role, name, reviewer, creation and revocation (never the token).
struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List API tokens (id, role, name, reviewer, created, revoked).")
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            let records = try store.withStore(configDir: config.configDir) { repositories in try repositories.tokens.all() }
            let time = ISO8601DateFormatter()
            print(["id", "role", "name", "reviewer", "created", "revoked"].joined(separator: "\t"))
            for t in records {
                print([t.id, t.role.rawValue, t.name, t.reviewerID ?? "-", time.string(from: t.createdAt), t.revokedAt.map { time.string(from: $0) } ?? "-"]
                    .joined(separator: "\t"))
            }
        }
    }
}

/// `allot token revoke ID`: revokes a token by its id (`tok_...`); its web sessions end at once.
struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke an API token by its id (tok_...).")
    @Argument(help: "The token's id, as allot token list shows it.") var id: String
    @OptionGroup var store: StoreOptions
    @OptionGroup var config: ConfigOptions

    func run() throws {
        try failing {
            try store.withStore(configDir: config.configDir) { repositories in
                let at = Date()
                let before = try repositories.tokens.all().first { $0.id == id }
                var after = before
                after?.revokedAt = at
                let entry = ActivityEntry(at: at, actor: "allot token revoke (command line)", action: .tokenRevoked, subject: id,
                                          summary: "revoked the token \(before?.name ?? id)", before: try ActivityEntry.json(before),
                                          after: try ActivityEntry.json(after))
                guard try repositories.tokens.revoke(id: id, at: at, activity: [entry]) else {
                    throw ValidationError("no unrevoked token '\(id)': allot token list shows the ids")
                }
            }
            print("revoked \(id)")
        }
    }
}
