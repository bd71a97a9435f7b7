import Foundation

/// The repositories on a PostgreSQL store (`database_url`): what several instances of `allot serve` share. Nothing is
/// written to the data directory.
public struct PostgresRepositories: StoreRepositories {
    public let store: PostgresStore

    /// The repositories on `store`.
    public init(_ store: PostgresStore) { self.store = store }

    public var surveys: PostgresSurveyRepository { PostgresSurveyRepository(store) }
    public var schedules: PostgresSurveyScheduleRepository { PostgresSurveyScheduleRepository(store) }
    public var supply: PostgresSupplyRepository { PostgresSupplyRepository(store) }
    public var rounds: PostgresRoundRepository { PostgresRoundRepository(store) }
    public var runs: PostgresRunRepository { PostgresRunRepository(store) }
    public var reviewers: PostgresReviewerRepository { PostgresReviewerRepository(store) }
    public var reminders: PostgresReminderRepository { PostgresReminderRepository(store) }
    public var tokens: PostgresTokenRepository { PostgresTokenRepository(store) }
    public var signIn: PostgresSignInRepository { PostgresSignInRepository(store) }
    public var activity: PostgresActivityRepository { PostgresActivityRepository(store) }
    public var leases: PostgresLeaseRepository { PostgresLeaseRepository(store) }
    public var outbox: PostgresOutboxStore { PostgresOutboxStore(store) }
    public var webhooks: PostgresWebhookAdministration { PostgresWebhookAdministration(store) }

    public var location: String { store.url.redacted }

    public func checkReachable() async throws { try await store.checkReachable() }
}
