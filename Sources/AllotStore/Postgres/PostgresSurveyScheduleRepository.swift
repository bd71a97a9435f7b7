import AllotCore
import Foundation
import PostgresNIO

/// `SurveyScheduleRepository` on the PostgreSQL store: `survey_schedule`, with the survey row a new schedule needs and
/// the consented responses a withdrawal or the retention sweep erases (`survey`, `survey_response`, from the survey
/// tables' own schema step).
public struct PostgresSurveyScheduleRepository: SurveyScheduleRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func create(_ schedule: SurveySchedule) throws {
        try store.wait { try await create(schedule) }
    }

    public func all() throws -> [SurveySchedule] {
        try store.wait { try await all() }
    }

    public func find(_ id: String) throws -> SurveySchedule? {
        try store.wait { try await find(id) }
    }

    public func close(_ id: String, at: Date) throws -> SurveySchedule {
        try store.wait { try await close(id, at: at) }
    }

    public func closeIfOpen(_ id: String, at: Date) throws -> Bool {
        try store.wait { try await closeIfOpen(id, at: at) }
    }

    public func dueToClose(now: Date) throws -> [SurveySchedule] {
        try store.wait { try await dueToClose(now: now) }
    }

    public func withdraw(survey: String, responseID: String) throws -> Bool {
        try store.wait { try await withdraw(survey: survey, responseID: responseID) }
    }

    public func eraseResponses(closedBefore cutoff: Date) throws -> Int {
        try store.wait { try await eraseResponses(closedBefore: cutoff) }
    }
}

extension PostgresSurveyScheduleRepository {
    static let columns = "survey, title, year, opens_at, closes_at, closed_at, created_at"

    /// The survey row (kept if the survey already has one, as SQLite's INSERT OR IGNORE) and the schedule, in one
    /// transaction; a schedule already there is `ServiceStoreError.alreadyExists`, decided by the primary key so two
    /// instances creating one survey at once cannot both succeed.
    func create(_ s: SurveySchedule) async throws {
        let sid = SurveyID(s.id)
        do {
            try await store.transaction { connection in
                try await connection.query("""
                    INSERT INTO survey (id, kind, academic_year, created_at) VALUES (\(s.id), \(sid.kind), \(s.year ?? sid.academicYear), \(s.createdAt.postgres))
                    ON CONFLICT DO NOTHING
                    """, logger: store.logger)
                try await connection.query("""
                    INSERT INTO survey_schedule (survey, title, year, opens_at, closes_at, closed_at, created_at)
                    VALUES (\(s.id), \(s.title), \(s.year), \(s.opensAt.postgres), \(s.closesAt.postgres), \(s.closedAt.postgres), \(s.createdAt.postgres))
                    """, logger: store.logger)
            }
        } catch let error where PostgresStoreError.sqlState(of: error) == "23505" {
            throw ServiceStoreError.alreadyExists(kind: "survey", id: s.id)
        }
    }

    /// By survey id in byte order (COLLATE "C", as SQLite orders them).
    func all() async throws -> [SurveySchedule] {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM survey_schedule ORDER BY survey COLLATE \"C\"").map(Self.schedule)
    }

    func find(_ id: String) async throws -> SurveySchedule? {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM survey_schedule WHERE survey = \(id)").first.map(Self.schedule)
    }

    /// Closing twice keeps the first time (COALESCE); no schedule is `notFound`.
    func close(_ id: String, at: Date) async throws -> SurveySchedule {
        guard let row = try await store.rows("""
            UPDATE survey_schedule SET closed_at = COALESCE(closed_at, \(at.postgres)) WHERE survey = \(id) RETURNING \(unescaped: Self.columns)
            """).first else { throw ServiceStoreError.notFound(kind: "survey", id: id) }
        return try Self.schedule(row)
    }

    /// One conditional UPDATE: of several instances closing at once, the first to write the row closes it; the others
    /// wait for its row lock, find it closed, and change nothing (false).
    func closeIfOpen(_ id: String, at: Date) async throws -> Bool {
        try await !store.rows("""
            UPDATE survey_schedule SET closed_at = \(at.postgres) WHERE survey = \(id) AND closed_at IS NULL RETURNING survey
            """).isEmpty
    }

    /// Open surveys whose close time has passed, soonest first.
    func dueToClose(now: Date) async throws -> [SurveySchedule] {
        try await store.rows("""
            SELECT \(unescaped: Self.columns) FROM survey_schedule
            WHERE closed_at IS NULL AND closes_at IS NOT NULL AND closes_at <= \(now.postgres) ORDER BY closes_at, survey COLLATE "C"
            """).map(Self.schedule)
    }

    func withdraw(survey: String, responseID: String) async throws -> Bool {
        try await !store.rows("""
            DELETE FROM survey_response WHERE survey = \(survey) AND response_id = \(responseID) RETURNING response_id
            """).isEmpty
    }

    /// One DELETE; how many rows it removed comes back as a count, not the rows.
    func eraseResponses(closedBefore cutoff: Date) async throws -> Int {
        let counted = try await store.rows("""
            WITH erased AS (
                DELETE FROM survey_response WHERE survey IN
                    (SELECT survey FROM survey_schedule WHERE closed_at IS NOT NULL AND closed_at < \(cutoff.postgres))
                RETURNING 1
            )
            SELECT count(*) FROM erased
            """)
        return Int(try counted.first?.decode(Int64.self) ?? 0)
    }

    static func schedule(_ row: PostgresRow) throws -> SurveySchedule {
        let (id, title, year, opensAt, closesAt, closedAt, createdAt) = try row.decode(
            (String, String?, String?, PostgresTime?, PostgresTime?, PostgresTime?, PostgresTime).self)
        return SurveySchedule(id: id, title: title, year: year, opensAt: opensAt?.date, closesAt: closesAt?.date, closedAt: closedAt?.date,
                              createdAt: createdAt.date)
    }
}
