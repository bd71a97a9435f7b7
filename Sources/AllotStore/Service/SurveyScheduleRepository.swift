import AllotCore
import Foundation
import GRDB

/// Survey schedules, closing, and consent withdrawal.
public protocol SurveyScheduleRepository: Sendable {
    /// Stores a new schedule (and the survey row); throws `alreadyExists` when the id has one.
    func create(_ schedule: SurveySchedule) throws
    /// Every schedule, by id.
    func all() throws -> [SurveySchedule]
    /// One schedule, or nil.
    func find(_ id: String) throws -> SurveySchedule?
    /// Marks a survey closed at `at` (closing twice keeps the first time); returns the schedule.
    func close(_ id: String, at: Date) throws -> SurveySchedule
    /// Closes the survey at `at` if it is still open; true when this call closed it (of several instances closing it
    /// at once, exactly one gets true).
    func closeIfOpen(_ id: String, at: Date) throws -> Bool
    /// Open surveys whose close time has passed at `now`.
    func dueToClose(now: Date) throws -> [SurveySchedule]
    /// Erases one consented response (a consent withdrawal); returns false when there was none.
    func withdraw(survey: String, responseID: String) throws -> Bool
    /// Erases responses of closed surveys closed before `cutoff` (retention); returns how many.
    func eraseResponses(closedBefore cutoff: Date) throws -> Int
}

/// `SurveyScheduleRepository` on the SQLite store.
public struct SQLiteSurveyScheduleRepository: SurveyScheduleRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func create(_ s: SurveySchedule) throws {
        try database.writer.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM survey_schedule WHERE survey = ?", arguments: [s.id]) != nil {
                throw ServiceStoreError.alreadyExists(kind: "survey", id: s.id)
            }
            let sid = SurveyID(s.id)
            try db.execute(sql: "INSERT OR IGNORE INTO survey (id, kind, academic_year, created_at) VALUES (?, ?, ?, ?)",
                           arguments: [s.id, sid.kind, s.year ?? sid.academicYear, ISO8601DateFormatter().string(from: s.createdAt)])
            try db.execute(sql: """
                INSERT INTO survey_schedule (survey, title, year, opens_at, closes_at, closed_at, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [s.id, s.title, s.year, StoreTime.value(s.opensAt), StoreTime.value(s.closesAt),
                                 StoreTime.value(s.closedAt), s.createdAt.timeIntervalSince1970])
        }
    }

    public func all() throws -> [SurveySchedule] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM survey_schedule ORDER BY survey").map(Self.schedule)
        }
    }

    public func find(_ id: String) throws -> SurveySchedule? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM survey_schedule WHERE survey = ?", arguments: [id]).map(Self.schedule)
        }
    }

    public func close(_ id: String, at: Date) throws -> SurveySchedule {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE survey_schedule SET closed_at = COALESCE(closed_at, ?) WHERE survey = ?",
                           arguments: [at.timeIntervalSince1970, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM survey_schedule WHERE survey = ?", arguments: [id]) else {
                throw ServiceStoreError.notFound(kind: "survey", id: id)
            }
            return try Self.schedule(row)
        }
    }

    public func closeIfOpen(_ id: String, at: Date) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE survey_schedule SET closed_at = ? WHERE survey = ? AND closed_at IS NULL",
                           arguments: [at.timeIntervalSince1970, id])
            return db.changesCount > 0
        }
    }

    public func dueToClose(now: Date) throws -> [SurveySchedule] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM survey_schedule WHERE closed_at IS NULL AND closes_at IS NOT NULL AND closes_at <= ? ORDER BY closes_at, survey
                """, arguments: [now.timeIntervalSince1970]).map(Self.schedule)
        }
    }

    public func withdraw(survey: String, responseID: String) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM survey_response WHERE survey = ? AND response_id = ?", arguments: [survey, responseID])
            return db.changesCount > 0
        }
    }

    public func eraseResponses(closedBefore cutoff: Date) throws -> Int {
        try database.writer.write { db in
            try db.execute(sql: """
                DELETE FROM survey_response WHERE survey IN
                    (SELECT survey FROM survey_schedule WHERE closed_at IS NOT NULL AND closed_at < ?)
                """, arguments: [cutoff.timeIntervalSince1970])
            return db.changesCount
        }
    }

    static func schedule(_ row: Row) throws -> SurveySchedule {
        try SurveySchedule(id: row["survey"], title: row["title"], year: row["year"], opensAt: try StoreTime.date(row, "opens_at", of: "survey schedule"),
                       closesAt: try StoreTime.date(row, "closes_at", of: "survey schedule"), closedAt: try StoreTime.date(row, "closed_at", of: "survey schedule"),
                       createdAt: StoreTime.required(row, "created_at", of: "survey_schedule \(row["survey"] as String? ?? "")"))
    }
}
