import AllotCore
import Foundation

/// The state every in-memory repository shares: one set of tables behind one lock, because the repositories
/// interact as they do in a database (a run's abandonment reads the leases, a sign-in reads the tokens, a round's
/// change queues webhook messages and keeps activity entries).
///
/// Each write runs on a copy of the tables and replaces them only when it returns, so a change that throws halfway
/// keeps nothing: the same all-or-nothing a database transaction gives. Copy-on-write makes the copy cost only the
/// tables the change touches. Writes are serial, and a write that runs a caller's body (a survey import reading its
/// file, an outbox transaction) holds the lock while the body runs, so reads wait for it too, where SQLite lets them
/// go on. Both are fine for tests, the store's purpose; a daemon's store is SQLite or PostgreSQL. A body must not call
/// back into the store (the lock is not reentrant); the bodies the protocols take are given only their writer or
/// transaction.
public final class MemoryStore: Sendable {
    private let tables = LockedState(MemoryTables())
    /// Rung after a write that queued webhook messages, as the database stores ring theirs after commit.
    let bell = OutboxBell()

    public init() {}

    /// Runs `body` on a copy of the tables and keeps its changes only when it returns.
    func write<T>(_ body: (inout MemoryTables) throws -> T) throws -> T {
        let (result, rings) = try tables.withLock { tables -> (T, Bool) in
            var working = tables
            working.queuedMessages = false
            let result = try body(&working)
            let rings = working.queuedMessages
            tables = working
            return (result, rings)
        }
        // After the lock is let go, as a database store rings after its commit: a listener may read the store.
        if rings { bell.ring() }
        return result
    }

    /// Reads the tables as they stand.
    func read<T>(_ body: (MemoryTables) throws -> T) rethrows -> T {
        try tables.withLock { tables in try body(tables) }
    }

    /// The activity entries kept, oldest first (for tests' counts).
    public var activity: [ActivityEntry] { read { $0.activity } }

    /// The ids of the webhook events queued, in the order they were queued (for tests).
    public var eventIDs: [String] { read { $0.eventOrder } }
}

/// Every table of the in-memory store. Keys and orders follow the SQL schema's (see `Migrations`), so each memory
/// repository can keep the same promises as the SQLite and PostgreSQL ones; the contract suites check that it does.
struct MemoryTables: Sendable {
    // Surveys (V1, V3).
    var surveys: [String: MemorySurvey] = [:]
    var responses: [String: [String: SurveyResponse]] = [:]
    var refusals: [String: Set<String>] = [:]
    var imports: [MemoryImport] = []
    var schedules: [String: SurveySchedule] = [:]
    // Supply (V3).
    var supply: [(upload: SupplyUpload, body: Data)] = []
    // Rounds (V3, V7).
    var rounds: [String: RoundRecord] = [:]
    /// Each round's proposals in load order (the SQL `position`).
    var proposals: [String: [StoredProposal]] = [:]
    var conflicts: [String: [ConflictRecord]] = [:]
    var assignments: [String: Set<AssignmentRecord>] = [:]
    var reviews: [String: [MemoryReviewKey: ReviewRecord]] = [:]
    var drafts: [MemoryDraftKey: ReviewDraft] = [:]
    var decisions: [String: [DecisionRecord]] = [:]
    var runs: [String: MemoryRun] = [:]
    var reviewers: [String: ReviewerRecord] = [:]
    var reminders: Set<SentReminder> = []
    // Tokens and sign-in (V3, V6).
    var tokens: [(record: TokenRecord, hash: String)] = []
    var sessions: [String: WebSession] = [:]
    var links: [String: SignInLink] = [:]
    // Activity (V7) and leases (V8).
    var activity: [ActivityEntry] = []
    var leases: [String: (holder: String, expiresAt: Date)] = [:]
    // Webhooks (V2).
    var endpoints: [String: WebhookEndpoint] = [:]
    var events: [String: OutboxEvent] = [:]
    var eventOrder: [String] = []
    var messages: [Int64: MemoryMessage] = [:]
    var nextMessageID: Int64 = 1
    var attempts: [Int64: [AttemptLogEntry]] = [:]
    /// Reviewer-wide conflicts (`reviewer_conflict`): reviewer id, applicant name.
    var reviewerConflicts: Set<ConflictRecord> = []
    /// Set by a write that queued messages, so the store rings its bell once it is kept.
    var queuedMessages = false

    /// Keeps `entries`, numbering them in the order they were kept as the database's AUTOINCREMENT does.
    mutating func keep(_ entries: [ActivityEntry]) {
        for var entry in entries {
            entry.id = Int64(activity.count + 1)
            activity.append(entry)
        }
    }

    /// The round, or `notFound`: every round-scoped table refers to its round, as the SQL schema's foreign keys do.
    func requireRound(_ id: String) throws -> RoundRecord {
        guard let round = rounds[id] else { throw ServiceStoreError.notFound(kind: "round", id: id) }
        return round
    }

    /// The unrevoked token with `id`, if any.
    func liveToken(_ id: String) -> TokenRecord? {
        tokens.first { $0.record.id == id && $0.record.revokedAt == nil }?.record
    }

    /// The endpoints, ordered by id as `WebhookEndpoints.all` orders them.
    var orderedEndpoints: [WebhookEndpoint] {
        endpoints.values.sorted { ByteOrder.less($0.id, $1.id) }
    }
}

/// A row of `survey`.
struct MemorySurvey: Sendable {
    var kind: String?
    var academicYear: String?
}

/// A row of `survey_import`: where an import came from and what it counted.
struct MemoryImport: Sendable {
    var source: ImportSource
    var sha256: String
    var counts: ImportCounts
    var at: Date
}

/// A round run with its result bytes.
struct MemoryRun: Sendable {
    var record: RoundRunRecord
    var result: Data?
    var csv: Data?
}

/// A review's key: one score per proposal, reviewer and criterion.
struct MemoryReviewKey: Hashable, Sendable {
    var proposal: String
    var reviewer: String
    var criterion: String
}

/// A draft's key: one per round, proposal and reviewer.
struct MemoryDraftKey: Hashable, Sendable {
    var round: String
    var proposal: String
    var reviewer: String
}

/// A row of `webhook_message`.
struct MemoryMessage: Sendable {
    var eventID: String
    var endpointID: String
    var state: MessageState
    var attempts: Int
    var enqueuedAt: Date
    var nextAttemptAt: Date?
    var leaseUntil: Date?
    var finishedAt: Date?
    var lastStatus: Int?
    var lastError: String?
}

/// Text compared as the databases compare it (SQLite's BINARY collation, PostgreSQL's "C"): byte by byte in UTF-8.
/// Swift's `<` on `String` compares canonically equivalent forms as equal, which a database does not.
enum ByteOrder {
    static func less(_ a: String, _ b: String) -> Bool {
        a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    /// Tuples of text compared field by field, each by bytes.
    static func less(_ a: [String], _ b: [String]) -> Bool {
        for (x, y) in zip(a, b) where !x.utf8.elementsEqual(y.utf8) { return less(x, y) }
        return a.count < b.count
    }
}

extension MemoryStore {
    /// Records that `reviewerID` must see nothing about `applicantID` in any round: the reviewer-wide conflicts the
    /// SQL stores keep in `reviewer_conflict` (see `ReviewerConflicts.declare`).
    public func declareReviewerConflict(reviewerID: String, applicantID: String) throws {
        try write { $0.reviewerConflicts.insert(ConflictRecord(reviewer: reviewerID, applicant: applicantID)) }
    }
}
