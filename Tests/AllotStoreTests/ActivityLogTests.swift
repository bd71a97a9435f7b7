import AllotStore
import Foundation
import Testing

@Suite("The activity log commits with its change or not at all")
struct ActivityLogTests {
    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// New, empty round and activity repositories on one store.
        func make() throws -> (rounds: any RoundRepository, activity: any ActivityRepository) {
            switch self {
            case .sqlite:
                let database = try AppDatabase.open(
                    dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-activity-\(UUID().uuidString)"))
                return (SQLiteRoundRepository(database), SQLiteActivityRepository(database))
            case .memory:
                let store = MemoryStore()
                return (MemoryRoundRepository(store), MemoryActivityRepository(store))
            }
        }
    }

    static func entry(_ action: ActivityAction, _ subject: String, at: Date = Date(timeIntervalSince1970: 1_800_000_000)) -> ActivityEntry {
        ActivityEntry(at: at, actor: "tester (tok_1)", action: action, round: "r1", subject: subject, summary: "did \(subject)")
    }

    @Test("A change that fails keeps no entry; one that is kept keeps its entry, read back newest first and filtered",
          arguments: Implementation.allCases)
    func entriesFollowTheirChange(_ implementation: Implementation) throws {
        let (rounds, activity) = try implementation.make()
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try rounds.create(RoundRecord(id: "r1", name: "R1", state: .open, settings: RoundSettings(budget: 1000), createdAt: at, updatedAt: at),
                          activity: [Self.entry(.roundCreated, "r1")])
        #expect(throws: ServiceStoreError.alreadyExists(kind: "round", id: "r1")) {
            try rounds.create(RoundRecord(id: "r1", name: "again", state: .open, settings: RoundSettings(), createdAt: at, updatedAt: at),
                              activity: [Self.entry(.roundCreated, "again")])
        }
        #expect(throws: ServiceStoreError.notFound(kind: "round", id: "nope")) {
            _ = try rounds.update("nope", name: "x", settings: RoundSettings(), at: at, activity: [Self.entry(.roundSettingsChanged, "nope")])
        }
        #expect(try !rounds.withdrawProposal(round: "r1", id: "missing", at: at, activity: [Self.entry(.proposalWithdrawn, "missing")]))
        #expect(try !rounds.removeConflict(ConflictRecord(reviewer: "a", applicant: "b"), round: "r1", activity: [Self.entry(.conflictRemoved, "ab")]))
        var settings = RoundSettings(budget: 900)
        settings.weights = ["need_alignment": 2]
        let updated = try rounds.update("r1", name: "Round one", settings: settings, at: at.addingTimeInterval(60),
                                        activity: [Self.entry(.roundSettingsChanged, "r1", at: at.addingTimeInterval(60))])
        #expect(updated.settings == settings && updated.name == "Round one")

        let all = try activity.entries(ActivityFilter())
        #expect(all.map(\.subject) == ["r1", "r1"], "only the two kept changes: \(all.map(\.subject))")
        #expect(all.map(\.action) == [.roundSettingsChanged, .roundCreated])
        #expect(try activity.entries(ActivityFilter(action: .roundCreated)).count == 1)
        #expect(try activity.entries(ActivityFilter(actor: "TESTER")).count == 2, "actor matches any case")
        #expect(try activity.entries(ActivityFilter(actor: "%")).isEmpty, "a filter's % is a character, not a wildcard")
        #expect(try activity.entries(ActivityFilter(since: at.addingTimeInterval(30))).count == 1)
        let newest = try #require(all.first?.id)
        #expect(try activity.entries(ActivityFilter(olderThan: newest)).map(\.action) == [.roundCreated])
    }

    @Test("A withdrawn proposal stays withdrawn when it is saved again, and its reviewers' drafts go when they submit",
          arguments: Implementation.allCases)
    func withdrawalSurvivesAReload(_ implementation: Implementation) throws {
        let rounds = try implementation.make().rounds
        let at = Date(timeIntervalSince1970: 1_800_000_000)
        try rounds.create(RoundRecord(id: "r1", name: "R1", state: .open, settings: RoundSettings(), createdAt: at, updatedAt: at), activity: [])
        let p = StoredProposal(round: "r1", id: "P1", applicant: "A", title: "T", requested: 100, json: "{}")
        try rounds.saveProposals([p], activity: [])
        #expect(try rounds.withdrawProposal(round: "r1", id: "P1", at: at, activity: []))
        #expect(try !rounds.withdrawProposal(round: "r1", id: "P1", at: at, activity: []), "once")
        var changed = p
        changed.title = "T2"
        try rounds.saveProposals([changed], activity: [])
        let stored = try #require(try rounds.proposal(round: "r1", id: "P1"))
        #expect(stored.title == "T2")
        #expect(stored.withdrawnAt == at)

        try rounds.saveDraft(ReviewDraft(round: "r1", proposal: "P1", reviewer: "rev", body: #"{"score-0":"3"}"#, savedAt: at))
        #expect(try rounds.draft(round: "r1", proposal: "P1", reviewer: "rev")?.body == #"{"score-0":"3"}"#)
        try rounds.saveReviews([ReviewRecord(proposal: "P1", reviewer: "rev", criterion: "overall", score: 3, comment: nil, submittedAt: at)],
                               round: "r1", activity: [])
        #expect(try rounds.draft(round: "r1", proposal: "P1", reviewer: "rev") == nil)
    }
}
