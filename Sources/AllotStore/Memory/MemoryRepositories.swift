import Foundation

/// The repositories in memory, all on one `MemoryStore`: the app with no database at all, for tests (and a daemon
/// that needs to keep nothing past its life). The contract suites hold it to the SQLite and PostgreSQL stores' promises.
public struct MemoryRepositories: StoreRepositories {
    public let store: MemoryStore

    /// The repositories on `store`.
    public init(_ store: MemoryStore = MemoryStore()) { self.store = store }

    public var surveys: MemorySurveyRepository { MemorySurveyRepository(store) }
    public var schedules: MemorySurveyScheduleRepository { MemorySurveyScheduleRepository(store) }
    public var supply: MemorySupplyRepository { MemorySupplyRepository(store) }
    public var rounds: MemoryRoundRepository { MemoryRoundRepository(store) }
    public var runs: MemoryRunRepository { MemoryRunRepository(store) }
    public var reviewers: MemoryReviewerRepository { MemoryReviewerRepository(store) }
    public var reminders: MemoryReminderRepository { MemoryReminderRepository(store) }
    public var tokens: MemoryTokenRepository { MemoryTokenRepository(store) }
    public var signIn: MemorySignInRepository { MemorySignInRepository(store) }
    public var activity: MemoryActivityRepository { MemoryActivityRepository(store) }
    public var leases: MemoryLeaseRepository { MemoryLeaseRepository(store) }
    public var outbox: MemoryOutboxStore { MemoryOutboxStore(store) }
    public var webhooks: MemoryWebhookAdministration { MemoryWebhookAdministration(store) }

    public var location: String { "memory" }

    /// Memory is always reachable.
    public func checkReachable() async throws {}
}
