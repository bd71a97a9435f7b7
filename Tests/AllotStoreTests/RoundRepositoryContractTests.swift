import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Testing

/// One suite, every implementation: what the server relies on from a `RoundRepository` (the round, proposal, review,
/// conflict and decision endpoints and pages), whichever store holds it. Each change keeps its activity entries and
/// webhook events with it, or neither when it is refused.
@Suite("Every round repository keeps the same promises")
struct RoundRepositoryContractTests {
    /// A repository under test, how to count the activity entries kept with its changes, and the ids of the webhook
    /// events it queued.
    struct Subject {
        let rounds: any RoundRepository
        let kept: () throws -> Int
        let events: () throws -> [String]
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty repository.
        func make() throws -> Subject {
            if self == .memory {
                let store = MemoryStore()
                return Subject(rounds: MemoryRoundRepository(store), kept: { store.activity.count }, events: { store.eventIDs.sorted() })
            }
            let database = try AppDatabase.open(
                dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-rounds-\(UUID().uuidString)"))
            return Subject(rounds: SQLiteRoundRepository(database), kept: { try SQLiteActivityRepository(database).entries(ActivityFilter()).count },
                           events: { try database.writer.read { try String.fetchAll($0, sql: "SELECT id FROM webhook_event ORDER BY id") } })
        }
    }

    @Test("A round is created once, listed by id in byte order, and changed only when it exists", arguments: Implementation.allCases)
    func createAndChange(_ implementation: Implementation) throws { try Self.createAndChange(implementation.make()) }

    @Test("Proposals keep their load order across reloads, and a withdrawn one stays withdrawn", arguments: Implementation.allCases)
    func proposalsKeepOrder(_ implementation: Implementation) throws { try Self.proposalsKeepOrder(implementation.make()) }

    @Test("Conflicts match applicants by key and reviewers trimmed in any case", arguments: Implementation.allCases)
    func conflictsByKey(_ implementation: Implementation) throws { try Self.conflictsByKey(implementation.make()) }

    @Test("Assignments are replaced, and a declared conflict drops one, each with its events", arguments: Implementation.allCases)
    func assignmentsWithEvents(_ implementation: Implementation) throws { try Self.assignmentsWithEvents(implementation.make()) }

    @Test("Reviews are replaced by criterion, and submitting drops the reviewer's draft", arguments: Implementation.allCases)
    func reviewsAndDrafts(_ implementation: Implementation) throws { try Self.reviewsAndDrafts(implementation.make()) }

    @Test("Decisions are appended oldest first and decide the round, with their event", arguments: Implementation.allCases)
    func decisionsDecide(_ implementation: Implementation) throws { try Self.decisionsDecide(implementation.make()) }

    /// The same promises on PostgreSQL, each test on a database of its own.
    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        static func subject(_ store: PostgresStore) -> Subject {
            Subject(rounds: PostgresRoundRepository(store), kept: { try PostgresActivityRepository(store).entries(ActivityFilter()).count },
                    events: { try store.wait { try await store.rows("SELECT id FROM webhook_event ORDER BY id").map { try $0.decode(String.self) } } })
        }

        static func on(_ promise: (Subject) throws -> Void) async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try promise(subject(store)) }
        }

        @Test("A round is created once, listed by id in byte order, and changed only when it exists")
        func createAndChange() async throws { try await Self.on { try RoundRepositoryContractTests.createAndChange($0) } }

        @Test("Proposals keep their load order across reloads, and a withdrawn one stays withdrawn")
        func proposalsKeepOrder() async throws { try await Self.on { try RoundRepositoryContractTests.proposalsKeepOrder($0) } }

        @Test("Conflicts match applicants by key and reviewers trimmed in any case")
        func conflictsByKey() async throws { try await Self.on { try RoundRepositoryContractTests.conflictsByKey($0) } }

        @Test("Assignments are replaced, and a declared conflict drops one, each with its events")
        func assignmentsWithEvents() async throws { try await Self.on { try RoundRepositoryContractTests.assignmentsWithEvents($0) } }

        @Test("Reviews are replaced by criterion, and submitting drops the reviewer's draft")
        func reviewsAndDrafts() async throws { try await Self.on { try RoundRepositoryContractTests.reviewsAndDrafts($0) } }

        @Test("Decisions are appended oldest first and decide the round, with their event")
        func decisionsDecide() async throws { try await Self.on { try RoundRepositoryContractTests.decisionsDecide($0) } }
    }

    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func entry(_ action: ActivityAction, _ subject: String) -> ActivityEntry {
        ActivityEntry(at: t0, actor: "tester (tok_0)", action: action, round: "r1", subject: subject, summary: "\(action.rawValue) \(subject)")
    }

    static func event(_ id: String) -> OutboxEvent {
        OutboxEvent(id: id, type: "round.completed", occurredAt: t0, body: Data("{}".utf8), text: id, roundID: "r1")
    }

    static func round(_ id: String, settings: RoundSettings = RoundSettings()) -> RoundRecord {
        RoundRecord(id: id, name: "name of \(id)", state: .open, settings: settings, createdAt: t0, updatedAt: t0)
    }

    static func proposal(_ id: String, applicant: String = "Applicant", title: String = "T") -> StoredProposal {
        StoredProposal(round: "r1", id: id, applicant: applicant, title: title, requested: 1_250.5, json: #"{"id":"\#(id)"}"#)
    }

    static func createAndChange(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [entry(.roundCreated, "r1")])
        try s.rounds.create(round("R2"), activity: [entry(.roundCreated, "R2")])
        #expect(throws: ServiceStoreError.alreadyExists(kind: "round", id: "r1")) {
            try s.rounds.create(round("r1"), activity: [entry(.roundCreated, "again")])
        }
        #expect(throws: ServiceStoreError.notFound(kind: "round", id: "nope")) {
            _ = try s.rounds.setState("nope", to: .closed, at: at(1), activity: [entry(.roundStateChanged, "nope")])
        }
        #expect(throws: ServiceStoreError.notFound(kind: "round", id: "nope")) {
            _ = try s.rounds.update("nope", name: "x", settings: RoundSettings(), at: at(1), activity: [entry(.roundSettingsChanged, "nope")])
        }
        #expect(try s.kept() == 2, "refused changes keep no entries")
        #expect(try s.rounds.all().map(\.id) == ["R2", "r1"], "byte order")

        let settings = RoundSettings(budget: 900.5, weights: ["need_alignment": 2], surveys: ["s1"], reviewDeadline: at(86_400),
                                     requireAllReviews: true, scoreScale: [1, 2, 3], schedule: "0 9 * * 1", scheduleTimeZone: "Europe/London")
        let updated = try s.rounds.update("r1", name: "Round one", settings: settings, at: at(60), activity: [entry(.roundSettingsChanged, "r1")])
        #expect(updated.name == "Round one" && updated.settings == settings && updated.updatedAt == at(60) && updated.createdAt == t0)
        let reviewing = try s.rounds.setState("r1", to: .reviewing, at: at(120), activity: [entry(.roundStateChanged, "r1")])
        #expect(reviewing.state == .reviewing && reviewing.updatedAt == at(120))
        #expect(try s.rounds.find("r1") == reviewing)
        #expect(try s.rounds.find("missing") == nil)
        #expect(try s.kept() == 4)
    }

    static func proposalsKeepOrder(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        try s.rounds.saveProposals([proposal("P3"), proposal("P1")], activity: [entry(.proposalsLoaded, "r1")])
        try s.rounds.saveProposals([proposal("P2"), proposal("P1", title: "Renamed")], activity: [entry(.proposalsLoaded, "r1")])
        #expect(try s.rounds.proposals(round: "r1").map(\.id) == ["P3", "P1", "P2"], "load order; a reload keeps its place")
        #expect(try s.rounds.proposal(round: "r1", id: "P1")?.title == "Renamed")
        #expect(try s.rounds.proposal(round: "r1", id: "P3") == proposal("P3"), "kept exactly")

        #expect(try s.rounds.withdrawProposal(round: "r1", id: "P1", at: at(10), activity: [entry(.proposalWithdrawn, "P1")]))
        #expect(try !s.rounds.withdrawProposal(round: "r1", id: "P1", at: at(20), activity: [entry(.proposalWithdrawn, "P1")]), "once")
        #expect(try !s.rounds.withdrawProposal(round: "r1", id: "P9", at: at(20), activity: [entry(.proposalWithdrawn, "P9")]))
        try s.rounds.saveProposals([proposal("P1", title: "Again")], activity: [])
        let p1 = try #require(try s.rounds.proposal(round: "r1", id: "P1"))
        #expect(p1.withdrawnAt == at(10) && p1.title == "Again", "reloaded: updated, still withdrawn")
        #expect(try s.rounds.proposals(round: "r1").count == 3, "withdrawn ones are listed")
        #expect(try s.kept() == 3)
    }

    static func conflictsByKey(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        try s.rounds.addConflicts([ConflictRecord(reviewer: "rev-b", applicant: "Acme Ltd"),
                                   ConflictRecord(reviewer: "rev-a", applicant: "Zeta"),
                                   ConflictRecord(reviewer: "rev-b", applicant: "  acme   LTD ")],
                                  round: "r1", activity: [entry(.conflictsAdded, "r1")])
        try s.rounds.addConflicts([ConflictRecord(reviewer: "rev-a", applicant: "Zeta")], round: "r1", activity: [])
        #expect(try s.rounds.conflicts(round: "r1") == [ConflictRecord(reviewer: "rev-a", applicant: "Zeta"),
                                                         ConflictRecord(reviewer: "rev-b", applicant: "Acme Ltd")],
                "repeats, by applicant key, ignored; by reviewer")
        #expect(try !s.rounds.removeConflict(ConflictRecord(reviewer: "rev-c", applicant: "Zeta"), round: "r1",
                                             activity: [entry(.conflictRemoved, "c")]))
        #expect(try s.rounds.removeConflict(ConflictRecord(reviewer: " REV-B ", applicant: "ACME LTD"), round: "r1",
                                            activity: [entry(.conflictRemoved, "b")]))
        #expect(try s.rounds.conflicts(round: "r1").map(\.reviewer) == ["rev-a"])
        #expect(try s.rounds.conflicts(round: "other").isEmpty)
        // Every letter lowered and every kind of space trimmed, as `ConflictKey` compares (not ASCII only, as SQL's
        // lower and trim would): a reviewer named in Gaelic is matched too.
        try s.rounds.addConflicts([ConflictRecord(reviewer: "\tMÀIRI", applicant: "Zeta")], round: "r1", activity: [])
        #expect(try s.rounds.removeConflict(ConflictRecord(reviewer: "màiri", applicant: "zeta"), round: "r1",
                                            activity: [entry(.conflictRemoved, "m")]))
        #expect(try s.rounds.conflicts(round: "r1").map(\.reviewer) == ["rev-a"])
        #expect(try s.kept() == 3)
    }

    static func assignmentsWithEvents(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        try s.rounds.replaceAssignments([AssignmentRecord(proposal: "P2", reviewer: "rev-a"), AssignmentRecord(proposal: "P1", reviewer: "rev-b"),
                                         AssignmentRecord(proposal: "P1", reviewer: "rev-a"), AssignmentRecord(proposal: "P1", reviewer: "rev-a")],
                                        round: "r1", at: at(1), events: [event("evt_1"), event("evt_2")], activity: [entry(.assignmentsMade, "r1")])
        #expect(try s.rounds.assignments(round: "r1") == [AssignmentRecord(proposal: "P1", reviewer: "rev-a"),
                                                           AssignmentRecord(proposal: "P1", reviewer: "rev-b"),
                                                           AssignmentRecord(proposal: "P2", reviewer: "rev-a")])
        try s.rounds.replaceAssignments([AssignmentRecord(proposal: "P3", reviewer: "rev-a"), AssignmentRecord(proposal: "P1", reviewer: "rev-b")],
                                        round: "r1", at: at(2), events: [event("evt_3")], activity: [entry(.assignmentsMade, "r1")])
        #expect(try s.rounds.assignments(round: "r1").map(\.proposal) == ["P1", "P3"], "replaced, not added to")

        try s.rounds.declareConflict(ConflictRecord(reviewer: "rev-b", applicant: "Acme"), dropping: AssignmentRecord(proposal: "P1", reviewer: "rev-b"),
                                     round: "r1", at: at(3), event: event("evt_4"), activity: [entry(.conflictDeclared, "P1")])
        #expect(try s.rounds.assignments(round: "r1") == [AssignmentRecord(proposal: "P3", reviewer: "rev-a")])
        #expect(try s.rounds.conflicts(round: "r1") == [ConflictRecord(reviewer: "rev-b", applicant: "Acme")])
        #expect(try s.events() == ["evt_1", "evt_2", "evt_3", "evt_4"])
        #expect(try s.kept() == 3)

        // A change that fails keeps neither its events nor its entries: an event id already queued fails the insert.
        #expect(throws: (any Error).self) {
            try s.rounds.replaceAssignments([], round: "r1", at: at(4), events: [event("evt_5"), event("evt_1")],
                                            activity: [entry(.assignmentsMade, "r1")])
        }
        #expect(try s.events() == ["evt_1", "evt_2", "evt_3", "evt_4"])
        #expect(try s.rounds.assignments(round: "r1").count == 1, "rolled back: the assignments stay")
        #expect(try s.kept() == 3)
    }

    static func reviewsAndDrafts(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        func review(_ proposal: String, _ reviewer: String, _ criterion: String, _ score: Double, _ comment: String? = nil) -> ReviewRecord {
            ReviewRecord(proposal: proposal, reviewer: reviewer, criterion: criterion, score: score, comment: comment, submittedAt: at(score))
        }
        try s.rounds.saveDraft(ReviewDraft(round: "r1", proposal: "P1", reviewer: "rev-a", body: #"{"impact":1}"#, savedAt: at(1)))
        try s.rounds.saveDraft(ReviewDraft(round: "r1", proposal: "P1", reviewer: "rev-a", body: #"{"impact":2}"#, savedAt: at(2)))
        try s.rounds.saveDraft(ReviewDraft(round: "r1", proposal: "P2", reviewer: "rev-a", body: "{}", savedAt: at(3)))
        #expect(try s.rounds.draft(round: "r1", proposal: "P1", reviewer: "rev-a")
                == ReviewDraft(round: "r1", proposal: "P1", reviewer: "rev-a", body: #"{"impact":2}"#, savedAt: at(2)), "replaced")
        #expect(try s.rounds.reviews(round: "r1").isEmpty, "a draft is no review")

        try s.rounds.saveReviews([review("P1", "rev-a", "impact", 3, "good"), review("P1", "rev-a", "feasibility", 2),
                                  review("P1", "Rev-C", "impact", 1)], round: "r1", activity: [entry(.reviewsSubmitted, "P1")])
        #expect(try s.rounds.draft(round: "r1", proposal: "P1", reviewer: "rev-a") == nil, "submitted: the draft goes")
        #expect(try s.rounds.draft(round: "r1", proposal: "P2", reviewer: "rev-a") != nil, "another proposal's draft stays")
        try s.rounds.saveReviews([review("P1", "rev-a", "impact", 4)], round: "r1", activity: [entry(.reviewsSubmitted, "P1")])
        let reviews = try s.rounds.reviews(round: "r1")
        #expect(reviews.map { "\($0.proposal)/\($0.reviewer)/\($0.criterion)" } == ["P1/Rev-C/impact", "P1/rev-a/feasibility", "P1/rev-a/impact"])
        #expect(reviews.last == review("P1", "rev-a", "impact", 4), "replaced whole, comment included")
        #expect(try s.kept() == 2)
    }

    static func decisionsDecide(_ s: Subject) throws {
        try s.rounds.create(round("r1"), activity: [])
        let fund = DecisionRecord(proposal: "P2", decision: .fund, amount: 1_000.25, reason: nil, decidedBy: "admin", runID: "run_1",
                                  recommendedFund: true, recommendedAmount: 1_000.25, departed: false, decidedAt: at(10))
        let decline = DecisionRecord(proposal: "P1", decision: .decline, amount: nil, reason: "over budget", decidedBy: "admin", runID: nil,
                                     recommendedFund: nil, recommendedAmount: nil, departed: true, decidedAt: at(10))
        try s.rounds.recordDecisions([fund, decline], round: "r1", at: at(10), event: event("evt_d1"), activity: [entry(.decisionRecorded, "r1")])
        let changed = DecisionRecord(proposal: "P2", decision: .decline, amount: nil, reason: "changed", decidedBy: "lead", runID: "run_1",
                                     recommendedFund: false, recommendedAmount: 0, departed: true, decidedAt: at(20))
        try s.rounds.recordDecisions([changed], round: "r1", at: at(20), event: nil, activity: [entry(.decisionRecorded, "r1")])
        #expect(try s.rounds.decisions(round: "r1") == [fund, decline, changed], "appended, oldest first")
        let round = try #require(try s.rounds.find("r1"))
        #expect(round.state == .decided && round.updatedAt == at(20))
        #expect(try s.events() == ["evt_d1"])
        #expect(try s.kept() == 2)
        #expect(try s.rounds.decisions(round: "other").isEmpty)
    }
}
