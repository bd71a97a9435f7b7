import AllotCore
@testable import AllotStore
import Foundation
import Synchronization
import Testing

/// One suite, every implementation: what the survey endpoints and the scheduler rely on from a
/// `SurveyScheduleRepository` (a survey is closed once, by one instance; withdrawals and retention erase responses),
/// whichever store holds it.
@Suite("Every survey schedule repository keeps the same promises")
struct SurveyScheduleRepositoryContractTests {
    /// A repository under test and the survey store beside it, to hold responses.
    struct Subject: @unchecked Sendable {
        let schedules: any SurveyScheduleRepository
        let surveys: any SurveyRepository
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        func make() throws -> Subject {
            if self == .memory {
                let store = MemoryStore()
                return Subject(schedules: MemorySurveyScheduleRepository(store), surveys: MemorySurveyRepository(store))
            }
            let database = try AppDatabase.open(
                dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-schedules-\(UUID().uuidString)"))
            return Subject(schedules: SQLiteSurveyScheduleRepository(database), surveys: SQLiteSurveyRepository(database))
        }
    }

    @Test("A schedule is created once, listed by id, closed once keeping the first time, and due when its close time passes",
          arguments: Implementation.allCases)
    func scheduleAndClose(_ implementation: Implementation) throws { try Self.scheduleAndClose(implementation.make()) }

    @Test("A withdrawal erases one response; retention erases the responses of surveys closed before the cutoff",
          arguments: Implementation.allCases)
    func withdrawAndErase(_ implementation: Implementation) throws { try Self.withdrawAndErase(implementation.make()) }

    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        static func on(_ promise: (Subject) throws -> Void) async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try promise(Subject(schedules: PostgresSurveyScheduleRepository(store), surveys: PostgresSurveyRepository(store)))
            }
        }

        @Test("A schedule is created once, listed by id, closed once keeping the first time, and due when its close time passes")
        func scheduleAndClose() async throws { try await Self.on { try SurveyScheduleRepositoryContractTests.scheduleAndClose($0) } }

        @Test("A withdrawal erases one response; retention erases the responses of surveys closed before the cutoff")
        func withdrawAndErase() async throws { try await Self.on { try SurveyScheduleRepositoryContractTests.withdrawAndErase($0) } }

        @Test("Of instances closing one survey at once, exactly one closes it")
        func oneCloserWins() async throws {
            try await Self.on { s in
                try s.schedules.create(SurveySchedule(id: "s1", closesAt: SurveyScheduleRepositoryContractTests.at(10),
                                                      createdAt: SurveyScheduleRepositoryContractTests.t0))
                let closed = Mutex(0)
                DispatchQueue.concurrentPerform(iterations: 6) { i in
                    do {
                        if try s.schedules.closeIfOpen("s1", at: SurveyScheduleRepositoryContractTests.at(20 + Double(i))) {
                            closed.withLock { $0 += 1 }
                        }
                    } catch {
                        Issue.record("unexpected \(error)")
                    }
                }
                #expect(closed.withLock { $0 } == 1)
            }
        }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func scheduleAndClose(_ s: Subject) throws {
        let b = SurveySchedule(id: "s-b", title: "B", year: "2022-23", opensAt: at(0), closesAt: at(100), createdAt: t0)
        let a = SurveySchedule(id: "s-a", closesAt: at(100), createdAt: t0)
        let upper = SurveySchedule(id: "S-Z", title: "Z", closesAt: at(50), createdAt: t0)
        let open = SurveySchedule(id: "s-open", createdAt: t0)
        for schedule in [b, a, upper, open] { try s.schedules.create(schedule) }
        #expect(throws: ServiceStoreError.alreadyExists(kind: "survey", id: "s-a")) { try s.schedules.create(a) }
        #expect(try s.schedules.all() == [upper, a, b, open], "byte order")
        #expect(try s.schedules.find("s-b") == b)
        #expect(try s.schedules.find("missing") == nil)

        #expect(try s.schedules.dueToClose(now: at(49)).isEmpty)
        #expect(try s.schedules.dueToClose(now: at(100)).map(\.id) == ["S-Z", "s-a", "s-b"], "by close time, then id")
        #expect(try s.schedules.closeIfOpen("s-a", at: at(101)))
        #expect(try !s.schedules.closeIfOpen("s-a", at: at(102)), "once")
        #expect(try !s.schedules.closeIfOpen("missing", at: at(102)))
        #expect(try s.schedules.close("s-a", at: at(200)).closedAt == at(101), "closing again keeps the first time")
        #expect(try s.schedules.close("s-b", at: at(150)).closedAt == at(150))
        #expect(throws: ServiceStoreError.notFound(kind: "survey", id: "missing")) { _ = try s.schedules.close("missing", at: at(1)) }
        #expect(try s.schedules.dueToClose(now: at(1_000)).map(\.id) == ["S-Z"], "closed ones are not due")
    }

    static func withdrawAndErase(_ s: Subject) throws {
        let survey = "practitioner-2022-23"
        try s.schedules.create(SurveySchedule(id: survey, createdAt: t0))
        _ = try SurveyRepositoryTests.load(s.surveys, ["a", "b", "c"].map { SurveyRepositoryTests.response($0) })
        func count() throws -> Int {
            var n = 0
            try s.surveys.forEachResponse(survey: survey) { _ in n += 1 }
            return n
        }
        #expect(try s.schedules.withdraw(survey: survey, responseID: "b"))
        #expect(try !s.schedules.withdraw(survey: survey, responseID: "b"), "once")
        #expect(try !s.schedules.withdraw(survey: "other", responseID: "a"))
        #expect(try count() == 2)
        #expect(try s.schedules.eraseResponses(closedBefore: at(1_000)) == 0, "an open survey keeps its responses")
        _ = try s.schedules.close(survey, at: at(100))
        #expect(try s.schedules.eraseResponses(closedBefore: at(100)) == 0, "closed at the cutoff, not before it")
        #expect(try s.schedules.eraseResponses(closedBefore: at(101)) == 2)
        #expect(try count() == 0)
    }
}
