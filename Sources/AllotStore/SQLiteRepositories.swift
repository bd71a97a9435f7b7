import Foundation

/// The repositories on the embedded SQLite store (`allot.sqlite` in the data directory): the default.
public struct SQLiteRepositories: StoreRepositories {
    public let database: AppDatabase

    /// The repositories on `database`.
    public init(_ database: AppDatabase) { self.database = database }

    public var surveys: SQLiteSurveyRepository { SQLiteSurveyRepository(database) }
    public var schedules: SQLiteSurveyScheduleRepository { SQLiteSurveyScheduleRepository(database) }
    public var supply: SQLiteSupplyRepository { SQLiteSupplyRepository(database) }
    public var rounds: SQLiteRoundRepository { SQLiteRoundRepository(database) }
    public var runs: SQLiteRunRepository { SQLiteRunRepository(database) }
    public var reviewers: SQLiteReviewerRepository { SQLiteReviewerRepository(database) }
    public var reminders: SQLiteReminderRepository { SQLiteReminderRepository(database) }
    public var tokens: SQLiteTokenRepository { SQLiteTokenRepository(database) }
    public var signIn: SQLiteSignInRepository { SQLiteSignInRepository(database) }
    public var activity: SQLiteActivityRepository { SQLiteActivityRepository(database) }
    public var leases: SQLiteLeaseRepository { SQLiteLeaseRepository(database) }
    public var outbox: SQLiteOutboxStore { SQLiteOutboxStore(database) }
    public var webhooks: SQLiteWebhookAdministration { SQLiteWebhookAdministration(database) }

    public var location: String { database.writer.path }

    public func checkReachable() async throws { try await database.checkReachable() }
}
