import AllotCore
import Foundation

/// Everything the service keeps, as the repositories one store provides: the composition root (`ServerDependencies`)
/// builds the app from these and nothing else, so the same app runs on the embedded SQLite file, on PostgreSQL, or
/// (in tests) in memory, and no module but this one imports a database library.
///
/// Associated types rather than existentials, so the controllers, generic over each repository, are specialised for
/// the store they run on.
public protocol StoreRepositories: Sendable {
    associatedtype Surveys: SurveyRepository
    associatedtype Schedules: SurveyScheduleRepository
    associatedtype Supply: SupplyRepository
    associatedtype Rounds: RoundRepository
    associatedtype Runs: RunRepository
    associatedtype Reviewers: ReviewerRepository
    associatedtype Reminders: ReminderRepository
    associatedtype Tokens: TokenRepository
    associatedtype SignIn: SignInRepository
    associatedtype Activities: ActivityRepository
    associatedtype Leases: LeaseRepository
    associatedtype Outbox: OutboxStore
    associatedtype Webhooks: WebhookAdministration

    var surveys: Surveys { get }
    var schedules: Schedules { get }
    var supply: Supply { get }
    var rounds: Rounds { get }
    var runs: Runs { get }
    var reviewers: Reviewers { get }
    var reminders: Reminders { get }
    var tokens: Tokens { get }
    var signIn: SignIn { get }
    var activity: Activities { get }
    var leases: Leases { get }
    var outbox: Outbox { get }
    var webhooks: Webhooks { get }

    /// Where the store is, for logs and messages (a PostgreSQL URL without its password).
    var location: String { get }

    /// Reads one row, so `/ready` can tell a load balancer whether this instance can reach its store.
    func checkReachable() async throws
}
