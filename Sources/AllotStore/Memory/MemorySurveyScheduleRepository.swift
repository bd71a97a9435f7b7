import AllotCore
import Foundation

/// `SurveyScheduleRepository` in memory.
public struct MemorySurveyScheduleRepository: SurveyScheduleRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func create(_ schedule: SurveySchedule) throws {
        try store.write { tables in
            guard tables.schedules[schedule.id] == nil else { throw ServiceStoreError.alreadyExists(kind: "survey", id: schedule.id) }
            if tables.surveys[schedule.id] == nil {
                let sid = SurveyID(schedule.id)
                tables.surveys[schedule.id] = MemorySurvey(kind: sid.kind, academicYear: schedule.year ?? sid.academicYear)
            }
            tables.schedules[schedule.id] = schedule
        }
    }

    public func all() throws -> [SurveySchedule] {
        store.read { $0.schedules.values.sorted { ByteOrder.less($0.id, $1.id) } }
    }

    public func find(_ id: String) throws -> SurveySchedule? {
        store.read { $0.schedules[id] }
    }

    public func close(_ id: String, at: Date) throws -> SurveySchedule {
        try store.write { tables in
            guard var schedule = tables.schedules[id] else { throw ServiceStoreError.notFound(kind: "survey", id: id) }
            schedule.closedAt = schedule.closedAt ?? at
            tables.schedules[id] = schedule
            return schedule
        }
    }

    public func closeIfOpen(_ id: String, at: Date) throws -> Bool {
        try store.write { tables in
            guard tables.schedules[id] != nil, tables.schedules[id]?.closedAt == nil else { return false }
            tables.schedules[id]?.closedAt = at
            return true
        }
    }

    public func dueToClose(now: Date) throws -> [SurveySchedule] {
        store.read { tables in
            let due = tables.schedules.values.compactMap { s in s.closedAt == nil ? s.closesAt.flatMap { $0 <= now ? (s, $0) : nil } : nil }
            return due.sorted { a, b in a.1 != b.1 ? a.1 < b.1 : ByteOrder.less(a.0.id, b.0.id) }.map(\.0)
        }
    }

    public func withdraw(survey: String, responseID: String) throws -> Bool {
        try store.write { tables in
            tables.responses[survey]?.removeValue(forKey: responseID) != nil
        }
    }

    public func eraseResponses(closedBefore cutoff: Date) throws -> Int {
        try store.write { tables in
            var erased = 0
            for schedule in tables.schedules.values {
                guard let closed = schedule.closedAt, closed < cutoff, let responses = tables.responses[schedule.id] else { continue }
                erased += responses.count
                tables.responses[schedule.id] = [:]
            }
            return erased
        }
    }
}
