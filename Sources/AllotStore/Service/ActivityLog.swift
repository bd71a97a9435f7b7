import Foundation
import GRDB

/// What kind of change an activity entry records. The raw values are stored and exported; never rename one.
public enum ActivityAction: String, Sendable, Codable, CaseIterable {
    case roundCreated = "round.created"
    case roundSettingsChanged = "round.settings_changed"
    case roundStateChanged = "round.state_changed"
    case proposalsLoaded = "proposals.loaded"
    case proposalWithdrawn = "proposal.withdrawn"
    case conflictsAdded = "conflicts.added"
    case conflictDeclared = "conflict.declared"
    case conflictRemoved = "conflict.removed"
    case assignmentsMade = "assignments.made"
    case reviewsSubmitted = "reviews.submitted"
    case decisionRecorded = "decision.recorded"
    case runRequested = "run.requested"
    case surveyCreated = "survey.created"
    case surveyUploaded = "survey.uploaded"
    case surveyClosed = "survey.closed"
    case responseDeleted = "response.deleted"
    case supplyUploaded = "supply.uploaded"
    case reviewerAdded = "reviewer.added"
    case tokenCreated = "token.created"
    case tokenRevoked = "token.revoked"
    case signInLinkWithdrawn = "sign_in_link.withdrawn"
    case webhookAdded = "webhook.added"
    case webhookRemoved = "webhook.removed"
    case deliveryRetried = "delivery.retried"

    /// The action in words, for the activity page's filter and table.
    public var words: String {
        switch self {
        case .roundCreated: "Round created"
        case .roundSettingsChanged: "Round settings changed"
        case .roundStateChanged: "Round moved on"
        case .proposalsLoaded: "Proposals loaded or replaced"
        case .proposalWithdrawn: "Proposal withdrawn"
        case .conflictsAdded: "Conflicts added"
        case .conflictDeclared: "Conflict declared by a reviewer"
        case .conflictRemoved: "Conflict removed"
        case .assignmentsMade: "Reviewers assigned"
        case .reviewsSubmitted: "Scores submitted"
        case .decisionRecorded: "Decision recorded"
        case .runRequested: "Run asked for"
        case .surveyCreated: "Survey created"
        case .surveyUploaded: "Survey responses uploaded"
        case .surveyClosed: "Survey closed"
        case .responseDeleted: "Survey response deleted"
        case .supplyUploaded: "Supply returns uploaded"
        case .reviewerAdded: "Reviewer added"
        case .tokenCreated: "Token created"
        case .tokenRevoked: "Token revoked"
        case .webhookAdded: "Webhook endpoint added"
        case .webhookRemoved: "Webhook endpoint removed"
        case .deliveryRetried: "Webhook delivery sent again"
        case .signInLinkWithdrawn: "Sign-in link withdrawn"
        }
    }
}

/// One change: who made it, when, to what, and the thing as it was before and after (JSON text, nil where there was
/// no before, as for something new, or no after, as for something removed).
public struct ActivityEntry: Sendable, Equatable, Codable {
    /// Set by the store: entries are numbered in the order they were kept.
    public var id: Int64?
    public var at: Date
    /// The token's audit name (`name (id)`), or `allot` for the daemon's own changes.
    public var actor: String
    public var action: ActivityAction
    public var round: String?
    /// What was changed: a proposal, survey, token or endpoint id.
    public var subject: String
    /// The change in plain words.
    public var summary: String
    public var before: String?
    public var after: String?

    /// Creates an entry.
    public init(id: Int64? = nil, at: Date, actor: String, action: ActivityAction, round: String? = nil, subject: String,
                summary: String, before: String? = nil, after: String? = nil) {
        self.id = id
        self.at = at
        self.actor = actor
        self.action = action
        self.round = round
        self.subject = subject
        self.summary = summary
        self.before = before
        self.after = after
    }

    /// `value` as the JSON text an entry keeps: sorted keys and ISO 8601 dates, so the same value is the same text.
    public static func json<T: Encodable>(_ value: T?) throws -> String? {
        guard let value else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

/// Which entries to read: each filter set narrows; newest first.
public struct ActivityFilter: Sendable, Equatable {
    public var action: ActivityAction?
    public var round: String?
    /// Part of the actor's audit name, any case.
    public var actor: String?
    public var since: Date?
    public var until: Date?
    /// Entries older than this id (the next page).
    public var olderThan: Int64?
    public var limit: Int

    /// Creates a filter.
    public init(action: ActivityAction? = nil, round: String? = nil, actor: String? = nil, since: Date? = nil, until: Date? = nil,
                olderThan: Int64? = nil, limit: Int = 200) {
        self.action = action
        self.round = round
        self.actor = actor
        self.since = since
        self.until = until
        self.olderThan = olderThan
        self.limit = limit
    }
}

/// The activity log. Changes made through the repositories keep their entries in the same transaction as the change
/// (their `activity:` argument), so the log never misses a change that was kept nor holds one that was not.
public protocol ActivityRepository: Sendable {
    /// Keeps entries on their own, for a change whose store has no transaction of its own to share.
    func record(_ entries: [ActivityEntry]) throws
    /// The entries `filter` selects, newest first.
    func entries(_ filter: ActivityFilter) throws -> [ActivityEntry]
}

/// `ActivityRepository` on the SQLite store.
public struct SQLiteActivityRepository: ActivityRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func record(_ entries: [ActivityEntry]) throws {
        guard !entries.isEmpty else { return }
        try database.writer.write { db in try ActivityLog.insert(entries, in: db) }
    }

    public func entries(_ filter: ActivityFilter) throws -> [ActivityEntry] {
        try database.writer.read { db in
            var request = ActivityRow.all()
            if let action = filter.action { request = request.filter(Column("action") == action.rawValue) }
            if let round = filter.round { request = request.filter(Column("round") == round) }
            if let actor = filter.actor, !actor.isEmpty {
                // instr on lower-cased text: a literal match (LIKE would treat % and _ in the filter as wildcards).
                request = request.filter(sql: "instr(lower(actor), lower(?)) > 0", arguments: [actor])
            }
            if let since = filter.since { request = request.filter(Column("at") >= since.timeIntervalSince1970) }
            if let until = filter.until { request = request.filter(Column("at") < until.timeIntervalSince1970) }
            if let older = filter.olderThan { request = request.filter(Column("id") < older) }
            return try request.order(Column("id").desc).limit(max(0, filter.limit)).fetchAll(db).map { try $0.entry() }
        }
    }
}

/// Keeps entries inside a caller's transaction (the store's repositories call it beside their change, and so does
/// the webhook controller, which still writes its tables in its own transactions).
public enum ActivityLog {
    public static func insert(_ entries: [ActivityEntry], in db: Database) throws {
        for entry in entries { try ActivityRow(entry).insert(db) }
    }
}

/// `activity` as stored (times as REAL Unix seconds like every table).
private struct ActivityRow: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "activity"
    var id: Int64?
    var at: Double
    var actor: String
    var action: String
    var round: String?
    var subject: String
    var summary: String
    var before: String?
    var after: String?

    init(_ e: ActivityEntry) {
        id = e.id
        at = e.at.timeIntervalSince1970
        actor = e.actor
        action = e.action.rawValue
        round = e.round
        subject = e.subject
        summary = e.summary
        before = e.before
        after = e.after
    }

    func entry() throws -> ActivityEntry {
        guard let kind = ActivityAction(rawValue: action) else { throw ServiceStoreError.corrupt("activity.action \(id ?? 0)") }
        guard at.isFinite else { throw ServiceStoreError.corrupt("activity.at \(id ?? 0)") }
        return ActivityEntry(id: id, at: Date(timeIntervalSince1970: at), actor: actor, action: kind, round: round, subject: subject,
                             summary: summary, before: before, after: after)
    }
}
