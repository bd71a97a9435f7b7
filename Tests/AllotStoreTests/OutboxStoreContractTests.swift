import AllotCore
@testable import AllotStore
import Foundation
import GRDB
import Synchronization
import Testing

/// One suite, every implementation: what the webhook dispatcher and the administration rely on from an `OutboxStore`
/// and a `WebhookAdministration`. The promises are the static functions in the extension below; the tests run them on
/// SQLite and, in `OnPostgres`, on PostgreSQL when a server is configured.
@Suite("Every outbox store keeps the same promises")
struct OutboxStoreContractTests {
    /// An outbox under test, its administration, and how to declare a reviewer-wide conflict on it.
    struct Subject {
        let outbox: any OutboxStore
        let admin: any WebhookAdministration
        let declareConflict: (_ reviewer: String, _ applicant: String) throws -> Void
    }

    static func sqlite() throws -> Subject {
        let database = try AppDatabase.open(
            dataDirectory: (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-outbox-\(UUID().uuidString)"))
        return Subject(outbox: SQLiteOutboxStore(database), admin: SQLiteWebhookAdministration(database), declareConflict: { reviewer, applicant in
            try database.writer.write { db in try ReviewerConflicts.declare(reviewerID: reviewer, applicantID: applicant, in: db) }
        })
    }

    static func memory() -> Subject {
        let store = MemoryStore()
        return Subject(outbox: MemoryOutboxStore(store), admin: MemoryWebhookAdministration(store), declareConflict: { reviewer, applicant in
            try store.declareReviewerConflict(reviewerID: reviewer, applicantID: applicant)
        })
    }

    enum Implementation: String, CaseIterable, CustomTestStringConvertible {
        case sqlite, memory
        var testDescription: String { rawValue }

        /// A new, empty outbox.
        func make() throws -> Subject {
            switch self {
            case .sqlite: try OutboxStoreContractTests.sqlite()
            case .memory: OutboxStoreContractTests.memory()
            }
        }
    }

    static func postgres(_ store: PostgresStore) -> Subject {
        Subject(outbox: PostgresOutboxStore(store), admin: PostgresWebhookAdministration(store), declareConflict: { reviewer, applicant in
            try store.wait { try await store.transaction { connection in
                try await PostgresReviewerConflicts.declare(reviewerID: reviewer, applicantID: applicant, on: connection, logger: store.logger)
            } }
        })
    }

    @Test("Due messages are claimed oldest first under a lease, and each attempt of a batch moves its message on", arguments: Implementation.allCases)
    func claimAndRecord(_ implementation: Implementation) async throws { try await Self.claimAndRecord(implementation.make()) }

    @Test("A lapsed lease makes its message claimable again; a suppressed attempt is not counted; a finished message only gains log rows", arguments: Implementation.allCases)
    func leasesAndLateRecords(_ implementation: Implementation) async throws { try await Self.leasesAndLateRecords(implementation.make()) }

    @Test("Redelivery requeues finished messages with the same event, leaving pending ones alone", arguments: Implementation.allCases)
    func redelivery(_ implementation: Implementation) async throws { try await Self.redelivery(implementation.make()) }

    @Test("A disabled endpoint (410) gets no new messages and its pending ones wait; config sync keeps it disabled", arguments: Implementation.allCases)
    func disabledEndpoint(_ implementation: Implementation) async throws { try await Self.disabledEndpoint(implementation.make()) }

    @Test("A transaction's enqueues commit with it or not at all, and skip the excluded endpoint", arguments: Implementation.allCases)
    func transactionalEnqueue(_ implementation: Implementation) async throws { try await Self.transactionalEnqueue(implementation.make()) }

    @Test("Administration refuses a taken id and unknown endpoints and deliveries, and keeps an endpoint's lists as words", arguments: Implementation.allCases)
    func administrationRefusals(_ implementation: Implementation) async throws { try await Self.administrationRefusals(implementation.make()) }

    @Test("Reviewer-wide conflicts are matched by applicant key", arguments: Implementation.allCases)
    func conflicts(_ implementation: Implementation) async throws { try await Self.conflicts(implementation.make()) }

    /// The same promises on PostgreSQL, each test on a database of its own. Skipped, and reported so, when
    /// ALLOT_TEST_DATABASE_URL is unset.
    @Suite("On PostgreSQL", .enabled(if: PostgresTestDatabase.isConfigured, PostgresTestDatabase.unset))
    struct OnPostgres {
        @Test("Due messages are claimed oldest first under a lease, and each attempt of a batch moves its message on")
        func claimAndRecord() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try await OutboxStoreContractTests.claimAndRecord(OutboxStoreContractTests.postgres(store)) }
        }

        @Test("A lapsed lease makes its message claimable again; a suppressed attempt is not counted; a finished message only gains log rows")
        func leasesAndLateRecords() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try await OutboxStoreContractTests.leasesAndLateRecords(OutboxStoreContractTests.postgres(store))
            }
        }

        @Test("Redelivery requeues finished messages with the same event, leaving pending ones alone")
        func redelivery() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try await OutboxStoreContractTests.redelivery(OutboxStoreContractTests.postgres(store)) }
        }

        @Test("A disabled endpoint (410) gets no new messages and its pending ones wait; config sync keeps it disabled")
        func disabledEndpoint() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try await OutboxStoreContractTests.disabledEndpoint(OutboxStoreContractTests.postgres(store))
            }
        }

        @Test("A transaction's enqueues commit with it or not at all, and skip the excluded endpoint")
        func transactionalEnqueue() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try await OutboxStoreContractTests.transactionalEnqueue(OutboxStoreContractTests.postgres(store))
            }
        }

        @Test("Administration refuses a taken id and unknown endpoints and deliveries, and keeps an endpoint's lists as words")
        func administrationRefusals() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in
                try await OutboxStoreContractTests.administrationRefusals(OutboxStoreContractTests.postgres(store))
            }
        }

        @Test("Reviewer-wide conflicts are matched by applicant key")
        func conflicts() async throws {
            try await PostgresTestDatabase.withAsyncStore { store in try await OutboxStoreContractTests.conflicts(OutboxStoreContractTests.postgres(store)) }
        }
    }
}

extension OutboxStoreContractTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    static func endpoint(_ id: String, types: [String] = ["*"], reviewer: String? = nil, source: WebhookEndpoint.Source = .store) -> WebhookEndpoint {
        WebhookEndpoint(id: id, url: "https://example.test/\(id)", secrets: ["whsec_a", "whsec_b"], eventTypes: types, concurrency: 2,
                        rateLimitPerSecond: 2.5, reviewerID: reviewer, format: .chat, source: source)
    }

    static func event(_ id: String, at seconds: TimeInterval = 0, type: String = "round.completed", reviewer: String? = nil) -> OutboxEvent {
        OutboxEvent(id: id, type: type, occurredAt: at(seconds), body: Data("{\"id\":\"\(id)\"}".utf8), text: "event \(id)", reviewerID: reviewer,
                    roundID: "r1", applicantKeys: ["acme"])
    }

    static func entry(_ subject: String) -> ActivityEntry {
        ActivityEntry(at: t0, actor: "tester", action: .webhookAdded, round: nil, subject: subject, summary: "change to \(subject)")
    }

    static func add(_ endpoints: WebhookEndpoint..., to subject: Subject) async throws {
        for endpoint in endpoints { try await subject.admin.add(endpoint, at: t0, activity: entry(endpoint.id)) }
    }

    static func attempt(_ id: Int64, _ outcome: AttemptOutcome, status: Int? = 500, at seconds: TimeInterval = 10) -> AttemptRecord {
        AttemptRecord(messageID: id, startedAt: at(seconds), durationMS: 12.5, statusCode: status, error: status == nil ? "refused" : nil,
                      responseSnippet: status.map { "status \($0)" }, outcome: outcome)
    }

    /// The blocking `inTransaction`, as the dispatcher calls it (in async code the async overload would be chosen).
    static func tx<T>(_ outbox: any OutboxStore, _ body: (any OutboxTransaction) throws -> T) throws -> T {
        try outbox.inTransaction(body)
    }

    /// The blocking `enqueueEvent`.
    @discardableResult
    static func enqueue(_ outbox: any OutboxStore, _ event: OutboxEvent, now: Date) throws -> Int {
        try outbox.enqueueEvent(event, now: now)
    }

    static func claim(_ outbox: any OutboxStore, _ endpoint: String, limit: Int = 10, now: TimeInterval, lease: TimeInterval = 60) throws -> [ClaimedMessage] {
        try tx(outbox) { try $0.claim(endpointID: endpoint, limit: limit, now: at(now), leaseUntil: at(now + lease)) }
    }

    static func message(_ subject: Subject, _ id: Int64) async throws -> MessageLogEntry {
        try #require(try await subject.admin.deliveries(MessageFilter()).first { $0.messageID == id })
    }

    static func claimAndRecord(_ subject: Subject) async throws {
        let outbox = subject.outbox
        try await add(endpoint("b-hook"), endpoint("a-hook"), to: subject)
        #expect(try enqueue(outbox, event("e1", at: 0), now: at(0)) == 2)
        #expect(try enqueue(outbox, event("e2", at: 1), now: at(1)) == 2)
        #expect(try enqueue(outbox, event("e3", at: 2), now: at(2)) == 2)
        #expect(try tx(outbox) { try $0.enabledEndpoints().map(\.id) } == ["a-hook", "b-hook"])

        #expect(try claim(outbox, "a-hook", now: -1).isEmpty, "nothing is due before it was queued")
        let first = try claim(outbox, "a-hook", limit: 2, now: 10)
        #expect(first.map(\.event.id) == ["e1", "e2"], "oldest due first, at most the limit")
        let e1 = try #require(first.first)
        #expect(e1.event == event("e1", at: 0) && e1.endpointID == "a-hook" && e1.attempts == 0 && e1.enqueuedAt == at(0))
        #expect(try claim(outbox, "a-hook", now: 11).map(\.event.id) == ["e3"], "leased ones are not claimed again")
        #expect(try claim(outbox, "a-hook", now: 12).isEmpty)
        #expect(try tx(outbox) { try $0.nextDue(endpointID: "a-hook") } == at(70), "due again when the first leases end")
        #expect(try tx(outbox) { try $0.nextDue(endpointID: "b-hook") } == at(0))
        #expect(try tx(outbox) { try $0.nextDue(endpointID: "nobody") } == nil)

        let e3 = try #require(try await subject.admin.deliveries(MessageFilter(eventID: "e3", endpointID: "a-hook")).first).messageID
        let ids = first.map(\.messageID) + [e3]
        // A dispatch cycle's completions, recorded together (one statement on PostgreSQL).
        try tx(outbox) { transaction in
            try transaction.record([attempt(ids[0], .delivered, status: 204), attempt(ids[1], .retry(at: at(100)), status: nil),
                                    attempt(ids[2], .failed(reason: "attempts exhausted"))], now: at(20))
            try transaction.record([], now: at(20))
        }
        let delivered = try await message(subject, ids[0])
        #expect(delivered.state == .delivered && delivered.attempts == 1 && delivered.finishedAt == at(20) && delivered.lastStatus == 204)
        #expect(delivered.nextAttemptAt == nil && delivered.eventType == "round.completed")
        #expect(delivered.attemptLog == [AttemptLogEntry(startedAt: at(10), durationMS: 12.5, statusCode: 204, outcome: "delivered", error: nil,
                                                         responseSnippet: "status 204")])
        let retried = try await message(subject, ids[1])
        #expect(retried.state == .pending && retried.attempts == 1 && retried.nextAttemptAt == at(100) && retried.finishedAt == nil)
        #expect(retried.lastError == "refused" && retried.lastStatus == nil && retried.attemptLog.map(\.outcome) == ["retry"])
        let dead = try await message(subject, ids[2])
        #expect(dead.state == .failed && dead.attempts == 1 && dead.lastError == "attempts exhausted" && dead.finishedAt == at(20))

        #expect(try tx(outbox) { try $0.nextDue(endpointID: "a-hook") } == at(100))
        #expect(try claim(outbox, "a-hook", now: 99).isEmpty, "a retry waits for its time")
        let again = try claim(outbox, "a-hook", now: 100)
        #expect(again.map(\.messageID) == [ids[1]] && again.first?.attempts == 1)

        let listed = try await subject.admin.deliveries(MessageFilter(endpointID: "a-hook", limit: 2))
        #expect(listed.map(\.messageID) == [ids[2], ids[1]], "newest first, at most the limit")
        #expect(try await subject.admin.deliveries(MessageFilter(state: .failed)).map(\.messageID) == [ids[2]])
        #expect(try await subject.admin.deliveries(MessageFilter(endpointID: "a-hook", since: at(15))).map(\.messageID) == [ids[2], ids[0]],
                "finished since, or pending and enqueued since")
    }

    static func leasesAndLateRecords(_ subject: Subject) async throws {
        let outbox = subject.outbox
        try await add(endpoint("a-hook"), to: subject)
        try enqueue(outbox, event("e1"), now: at(0))
        try enqueue(outbox, event("e2"), now: at(0))
        let claimed = try claim(outbox, "a-hook", now: 0, lease: 60)
        #expect(claimed.count == 2)
        #expect(try claim(outbox, "a-hook", now: 59).isEmpty, "held until the lease ends")
        let retaken = try claim(outbox, "a-hook", now: 60, lease: 60)
        #expect(retaken.map(\.messageID) == claimed.map(\.messageID), "a lapsed lease is another dispatcher's to take")

        try tx(outbox) { try $0.record(attempt(claimed[0].messageID, .suppressed(reason: "conflicted reviewer"), status: nil), now: at(61)) }
        let suppressed = try await message(subject, claimed[0].messageID)
        #expect(suppressed.state == .suppressed && suppressed.attempts == 0 && suppressed.lastError == "conflicted reviewer")

        try tx(outbox) { try $0.record(attempt(claimed[1].messageID, .delivered, status: 200), now: at(62)) }
        try tx(outbox) { try $0.record(attempt(claimed[1].messageID, .retry(at: at(500)), status: 503), now: at(63)) }
        let late = try await message(subject, claimed[1].messageID)
        #expect(late.state == .delivered && late.attempts == 1 && late.lastStatus == 200, "the late record changes nothing")
        #expect(late.attemptLog.map(\.outcome) == ["delivered", "retry"], "but is logged")
    }

    static func redelivery(_ subject: Subject) async throws {
        let outbox = subject.outbox
        let rings = Rings()
        let token = outbox.bell.listen { rings.add() }
        defer { token.cancel() }
        try await add(endpoint("a-hook"), to: subject)
        try enqueue(outbox, event("e1"), now: at(0))
        try enqueue(outbox, event("e2"), now: at(0))
        try enqueue(outbox, event("e3"), now: at(0))
        #expect(rings.count >= 3, "each committed enqueue rings")
        let claimed = try claim(outbox, "a-hook", now: 1)
        try tx(outbox) { transaction in
            try transaction.record(attempt(claimed[0].messageID, .delivered, status: 200), now: at(2))
            try transaction.record(attempt(claimed[1].messageID, .failed(reason: "gone")), now: at(2))
        }
        let before = rings.count
        #expect(try outbox.redeliver(MessageFilter(endpointID: "a-hook"), now: at(50)) == 2, "the finished ones, not the pending one")
        #expect(rings.count > before)
        #expect(try outbox.redeliver(MessageFilter(endpointID: "a-hook"), now: at(51)) == 0)
        let requeued = try claim(outbox, "a-hook", now: 50)
        #expect(Set(requeued.map(\.messageID)) == Set(claimed.prefix(2).map(\.messageID)))
        #expect(requeued.allSatisfy { $0.attempts == 0 && $0.enqueuedAt == at(50) })
        #expect(requeued.map(\.event.id).sorted() == ["e1", "e2"], "the same webhook-id")
        let first = try await message(subject, claimed[0].messageID)
        #expect(first.state == .pending && first.finishedAt == nil && first.attemptLog.count == 1, "the log keeps earlier attempts")

        let third = claimed[2].messageID
        try tx(outbox) { try $0.record(attempt(third, .failed(reason: "gave up")), now: at(60)) }
        let count = try await subject.admin.redeliver(third, at: at(70)) { count in entry("delivery \(count)") }
        #expect(count == 1)
        #expect(try await message(subject, third).state == .pending)
        #expect(try await subject.admin.redeliver(third, at: at(71)) { _ in entry("again") } == 0, "already pending")
    }

    static func disabledEndpoint(_ subject: Subject) async throws {
        let outbox = subject.outbox
        try await subject.admin.syncFromConfig([endpoint("gone-hook", source: .config), endpoint("ok-hook", source: .config)], at: t0)
        try enqueue(outbox, event("e1"), now: at(0))
        try tx(outbox) { try $0.disableEndpoint("gone-hook", reason: "410 Gone", now: at(5)) }
        #expect(try tx(outbox) { try $0.enabledEndpoints().map(\.id) } == ["ok-hook"])
        let gone = try #require(try await subject.admin.endpoints().first { $0.id == "gone-hook" })
        #expect(!gone.enabled && gone.disabledReason == "410 Gone" && gone.source == .config)
        #expect(try enqueue(outbox, event("e2"), now: at(6)) == 1, "no new message for a disabled endpoint")
        #expect(try await subject.admin.deliveries(MessageFilter(endpointID: "gone-hook")).map(\.state) == [.pending], "its pending one waits")

        try await subject.admin.syncFromConfig([endpoint("gone-hook", source: .config)], at: at(10))
        let endpoints = try await subject.admin.endpoints()
        #expect(endpoints.map(\.id) == ["gone-hook", "ok-hook"])
        #expect(endpoints.first { $0.id == "gone-hook" }?.enabled == false, "a 410 outlives a config sync")
        #expect(endpoints.first { $0.id == "ok-hook" }?.disabledReason == "removed from config", "unlisted with messages: disabled, not deleted")
        try await subject.admin.syncFromConfig([endpoint("gone-hook", source: .config), endpoint("new-hook", source: .config)], at: at(11))
        try await subject.admin.syncFromConfig([endpoint("gone-hook", source: .config)], at: at(12))
        #expect(try await subject.admin.endpoints().map(\.id) == ["gone-hook", "ok-hook"], "unlisted with no messages: deleted")
        let stored = try #require(try await subject.admin.endpoints().first)
        #expect(stored.secrets == ["whsec_a", "whsec_b"] && stored.concurrency == 2 && stored.rateLimitPerSecond == 2.5 && stored.format == .chat)

        try await subject.admin.remove("ok-hook", reason: "retired", at: at(20)) { before in
            #expect(before.disabledReason == "removed from config")
            return entry("ok-hook")
        }
        #expect(try await subject.admin.endpoints().first { $0.id == "ok-hook" }?.disabledReason == "retired")
    }

    static func transactionalEnqueue(_ subject: Subject) async throws {
        let outbox = subject.outbox
        try await add(endpoint("a-hook"), endpoint("b-hook", types: ["delivery.exhausted"]), endpoint("c-hook", reviewer: "rev-1"), to: subject)
        let queued = try tx(outbox) { transaction in
            try transaction.enqueue(event("x1", type: "delivery.exhausted"), now: at(1), excludingEndpoint: "a-hook")
        }
        #expect(queued == 1, "b-hook: a-hook is excluded and c-hook is one reviewer's, and the event is no reviewer's")
        struct Abandon: Error {}
        #expect(throws: Abandon.self) {
            try tx(outbox) { transaction in
                _ = try transaction.enqueue(event("x2"), now: at(2), excludingEndpoint: nil)
                throw Abandon()
            }
        }
        #expect(try await subject.admin.deliveries(MessageFilter(eventID: "x2")).isEmpty, "rolled back")
        let reviewerEvent = try await outbox.enqueueEvent(event("x3", reviewer: "rev-1"), now: at(3))
        #expect(reviewerEvent == 2, "a general endpoint and that reviewer's")
        let other = try await outbox.inTransaction { @Sendable transaction in
            try transaction.enqueue(event("x4", reviewer: "rev-2"), now: at(4), excludingEndpoint: nil)
        }
        #expect(other == 1, "another reviewer's event reaches only the general endpoint")
    }

    static func administrationRefusals(_ subject: Subject) async throws {
        try await add(endpoint("a-hook"), to: subject)
        await #expect(throws: ServiceStoreError.alreadyExists(kind: "webhook endpoint", id: "a-hook")) {
            try await subject.admin.add(endpoint("a-hook"), at: t0, activity: entry("a-hook"))
        }
        await #expect(throws: ServiceStoreError.notFound(kind: "webhook endpoint", id: "nope")) {
            try await subject.admin.remove("nope", reason: "x", at: t0) { _ in entry("nope") }
        }
        await #expect(throws: ServiceStoreError.notFound(kind: "delivery", id: "999")) {
            _ = try await subject.admin.redeliver(999, at: t0) { _ in entry("999") }
        }
        #expect(throws: (any Error).self, "an attempt of no message is refused, and its transaction with it") {
            try tx(subject.outbox) { try $0.record(attempt(999, .delivered, status: 200), now: at(0)) }
        }
        var spaced = endpoint("b-hook", types: ["round.completed survey.closed", ""])
        spaced.secrets = ["whsec_a", ""]
        try await add(spaced, to: subject)
        let stored = try #require(try await subject.admin.endpoints().first { $0.id == "b-hook" })
        #expect(stored.eventTypes == ["round.completed", "survey.closed"] && stored.secrets == ["whsec_a"],
                "stored as words: an empty entry goes, one with a space is two")
    }

    static func conflicts(_ subject: Subject) async throws {
        try subject.declareConflict("Rev-1", "ACME Ltd")
        try subject.declareConflict("Rev-1", "ACME Ltd")
        try subject.declareConflict("rev-2", "Other")
        let keys = [ApplicantKey("acme  ltd").value, ApplicantKey("Other").value]
        #expect(try tx(subject.outbox) { try $0.conflicts(reviewerID: "rev-1", round: nil, among: keys) } == ["ACME Ltd"])
        #expect(try tx(subject.outbox) { try $0.conflicts(reviewerID: "rev-3", round: nil, among: keys) } == [])
        #expect(try tx(subject.outbox) { try $0.conflicts(reviewerID: "rev-1", round: nil, among: []) } == [])
    }
}

/// A count that bell listeners add to.
private final class Rings: Sendable {
    private let value = Mutex(0)
    func add() { value.withLock { $0 += 1 } }
    var count: Int { value.withLock { $0 } }
}
