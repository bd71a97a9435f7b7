import AllotCore
import Foundation
import GRDB

/// Rounds with their proposals, conflicts, assignments, reviews and decisions. Methods that cause webhook events take
/// them and enqueue them in the same transaction, so the change and its notification commit together; every change
/// takes its activity-log entries the same way, so the log and the change commit together.
public protocol RoundRepository: Sendable {
    func create(_ round: RoundRecord, activity: [ActivityEntry]) throws
    func all() throws -> [RoundRecord]
    func find(_ id: String) throws -> RoundRecord?
    /// Sets the state; returns the updated round.
    func setState(_ id: String, to state: RoundState, at: Date, activity: [ActivityEntry]) throws -> RoundRecord
    /// Replaces the name and settings; returns the updated round.
    func update(_ id: String, name: String, settings: RoundSettings, at: Date, activity: [ActivityEntry]) throws -> RoundRecord

    /// Adds or replaces proposals by id, in one transaction; a withdrawn proposal stays withdrawn.
    func saveProposals(_ proposals: [StoredProposal], activity: [ActivityEntry]) throws
    /// Every proposal of the round, withdrawn ones included (`withdrawnAt` set), in the order they were loaded.
    func proposals(round: String) throws -> [StoredProposal]
    /// Marks a proposal withdrawn (it leaves every later run and every reviewer's list); false when it was not there
    /// or already withdrawn.
    func withdrawProposal(round: String, id: String, at: Date, activity: [ActivityEntry]) throws -> Bool
    func proposal(round: String, id: String) throws -> StoredProposal?

    /// Adds conflicts (repeats ignored; applicants matched by `ApplicantKey`).
    func addConflicts(_ conflicts: [ConflictRecord], round: String, activity: [ActivityEntry]) throws
    func conflicts(round: String) throws -> [ConflictRecord]
    /// Removes a conflict (applicant matched by `ApplicantKey`, reviewer by `ConflictKey`); false when there was none.
    func removeConflict(_ conflict: ConflictRecord, round: String, activity: [ActivityEntry]) throws -> Bool

    /// Replaces the round's assignments and enqueues `events` with them.
    func replaceAssignments(_ assignments: [AssignmentRecord], round: String, at: Date, events: [OutboxEvent], activity: [ActivityEntry]) throws
    /// A reviewer's own conflict: records it, drops that one assignment and queues `event`, in one transaction.
    func declareConflict(_ conflict: ConflictRecord, dropping assignment: AssignmentRecord, round: String, at: Date, event: OutboxEvent,
                         activity: [ActivityEntry]) throws
    func assignments(round: String) throws -> [AssignmentRecord]

    /// Adds or replaces reviews (by proposal, reviewer, criterion), in one transaction, and drops the reviewers' saved
    /// drafts of those proposals.
    func saveReviews(_ reviews: [ReviewRecord], round: String, activity: [ActivityEntry]) throws
    func reviews(round: String) throws -> [ReviewRecord]
    /// Keeps a reviewer's unsubmitted scores of one proposal (JSON text), replacing an earlier draft. A draft counts
    /// for nothing until the reviewer submits it.
    func saveDraft(_ draft: ReviewDraft) throws
    /// The reviewer's saved draft of a proposal, if any.
    func draft(round: String, proposal: String, reviewer: String) throws -> ReviewDraft?

    /// Appends decisions, moves the round to `decided`, and enqueues `event`, in one transaction.
    func recordDecisions(_ decisions: [DecisionRecord], round: String, at: Date, event: OutboxEvent?, activity: [ActivityEntry]) throws
    /// Every decision of the round, oldest first (the audit trail).
    func decisions(round: String) throws -> [DecisionRecord]
}

/// `RoundRepository` on the SQLite store.
public struct SQLiteRoundRepository: RoundRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func create(_ r: RoundRecord, activity: [ActivityEntry]) throws {
        let settings = try Self.settingsJSON(r.settings)
        try database.writer.write { db in
            if try Row.fetchOne(db, sql: "SELECT 1 FROM round WHERE id = ?", arguments: [r.id]) != nil {
                throw ServiceStoreError.alreadyExists(kind: "round", id: r.id)
            }
            try db.execute(sql: "INSERT INTO round (id, name, state, settings, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [r.id, r.name, r.state.rawValue, settings, r.createdAt.timeIntervalSince1970,
                                       r.updatedAt.timeIntervalSince1970])
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func all() throws -> [RoundRecord] {
        try database.writer.read { db in try Row.fetchAll(db, sql: "SELECT * FROM round ORDER BY id").map(Self.round) }
    }

    public func find(_ id: String) throws -> RoundRecord? {
        try database.writer.read { db in try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [id]).map(Self.round) }
    }

    public func setState(_ id: String, to state: RoundState, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE round SET state = ?, updated_at = ? WHERE id = ?", arguments: [state.rawValue, at.timeIntervalSince1970, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [id]) else {
                throw ServiceStoreError.notFound(kind: "round", id: id)
            }
            try ActivityLog.insert(activity, in: db)
            return try Self.round(row)
        }
    }

    public func update(_ id: String, name: String, settings: RoundSettings, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        let json = try Self.settingsJSON(settings)
        return try database.writer.write { db in
            try db.execute(sql: "UPDATE round SET name = ?, settings = ?, updated_at = ? WHERE id = ?",
                           arguments: [name, json, at.timeIntervalSince1970, id])
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM round WHERE id = ?", arguments: [id]) else {
                throw ServiceStoreError.notFound(kind: "round", id: id)
            }
            try ActivityLog.insert(activity, in: db)
            return try Self.round(row)
        }
    }

    public func saveProposals(_ proposals: [StoredProposal], activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            for p in proposals {
                let position = try Int.fetchOne(db, sql: """
                    SELECT COALESCE((SELECT position FROM round_proposal WHERE round = ? AND id = ?),
                                    (SELECT COALESCE(MAX(position), 0) + 1 FROM round_proposal WHERE round = ?))
                    """, arguments: [p.round, p.id, p.round]) ?? 1
                // An upsert, not INSERT OR REPLACE: a withdrawn proposal loaded again stays withdrawn.
                try db.execute(sql: """
                    INSERT INTO round_proposal (round, id, applicant, title, requested, body, position) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (round, id) DO UPDATE SET applicant = excluded.applicant, title = excluded.title,
                        requested = excluded.requested, body = excluded.body
                    """, arguments: [p.round, p.id, p.applicant, p.title, p.requested, p.json, position])
            }
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func proposals(round: String) throws -> [StoredProposal] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM round_proposal WHERE round = ? ORDER BY position", arguments: [round]).map(Self.proposal)
        }
    }

    public func proposal(round: String, id: String) throws -> StoredProposal? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM round_proposal WHERE round = ? AND id = ?", arguments: [round, id]).map(Self.proposal)
        }
    }

    public func withdrawProposal(round: String, id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try database.writer.write { db in
            try db.execute(sql: "UPDATE round_proposal SET withdrawn_at = ? WHERE round = ? AND id = ? AND withdrawn_at IS NULL",
                           arguments: [at.timeIntervalSince1970, round, id])
            guard db.changesCount == 1 else { return false }
            try ActivityLog.insert(activity, in: db)
            return true
        }
    }

    public func addConflicts(_ conflicts: [ConflictRecord], round: String, activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            for c in conflicts {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO round_conflict (round, reviewer, applicant, applicant_key) VALUES (?, ?, ?, ?)
                    """, arguments: [round, c.reviewer, c.applicant, ApplicantKey(c.applicant).value])
                // The webhook audience gate reads these rows at send time (`ReviewerConflicts`): a conflicted reviewer
                // is never notified about the applicant, even by a message queued before the conflict.
            }
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func conflicts(round: String) throws -> [ConflictRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT reviewer, applicant FROM round_conflict WHERE round = ? ORDER BY reviewer, applicant_key",
                             arguments: [round]).map { ConflictRecord(reviewer: $0["reviewer"], applicant: $0["applicant"]) }
        }
    }

    public func removeConflict(_ c: ConflictRecord, round: String, activity: [ActivityEntry]) throws -> Bool {
        try database.writer.write { db in
            // Reviewer ids compare as `ConflictKey` does, in Swift: SQL's lower and trim change ASCII letters and spaces
            // only, and would never match a reviewer named with an accent or padded with a tab.
            let key = ApplicantKey(c.applicant).value
            let reviewers = try String.fetchAll(db, sql: "SELECT reviewer FROM round_conflict WHERE round = ? AND applicant_key = ?",
                                                arguments: [round, key])
                .filter { ConflictKey.reviewer($0) == ConflictKey.reviewer(c.reviewer) }
            guard !reviewers.isEmpty else { return false }
            for reviewer in reviewers {
                try db.execute(sql: "DELETE FROM round_conflict WHERE round = ? AND applicant_key = ? AND reviewer = ?",
                               arguments: [round, key, reviewer])
            }
            try ActivityLog.insert(activity, in: db)
            return true
        }
    }

    public func replaceAssignments(_ assignments: [AssignmentRecord], round: String, at: Date, events: [OutboxEvent],
                                   activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            try db.execute(sql: "DELETE FROM round_assignment WHERE round = ?", arguments: [round])
            for a in assignments {
                try db.execute(sql: "INSERT OR IGNORE INTO round_assignment (round, proposal, reviewer, assigned_at) VALUES (?, ?, ?, ?)",
                               arguments: [round, a.proposal, a.reviewer, at.timeIntervalSince1970])
            }
            for event in events { try Outbox.enqueue(event, in: db, now: at) }
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func declareConflict(_ c: ConflictRecord, dropping a: AssignmentRecord, round: String, at: Date, event: OutboxEvent,
                                activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO round_conflict (round, reviewer, applicant, applicant_key) VALUES (?, ?, ?, ?)",
                           arguments: [round, c.reviewer, c.applicant, ApplicantKey(c.applicant).value])
            try db.execute(sql: "DELETE FROM round_assignment WHERE round = ? AND proposal = ? AND reviewer = ?", arguments: [round, a.proposal, a.reviewer])
            try Outbox.enqueue(event, in: db, now: at)
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func assignments(round: String) throws -> [AssignmentRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT proposal, reviewer FROM round_assignment WHERE round = ? ORDER BY proposal, reviewer",
                             arguments: [round]).map { AssignmentRecord(proposal: $0["proposal"], reviewer: $0["reviewer"]) }
        }
    }

    public func saveReviews(_ reviews: [ReviewRecord], round: String, activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            for r in reviews {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO round_review (round, proposal, reviewer, criterion, score, comment, submitted_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [round, r.proposal, r.reviewer, r.criterion, r.score, r.comment, r.submittedAt.timeIntervalSince1970])
            }
            for key in Set(reviews.map { [$0.proposal, $0.reviewer] }) {
                try db.execute(sql: "DELETE FROM review_draft WHERE round = ? AND proposal = ? AND reviewer = ?", arguments: [round, key[0], key[1]])
            }
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func reviews(round: String) throws -> [ReviewRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM round_review WHERE round = ? ORDER BY proposal, reviewer, criterion", arguments: [round])
                .map { try ReviewRecord(proposal: $0["proposal"], reviewer: $0["reviewer"], criterion: $0["criterion"], score: $0["score"],
                                        comment: $0["comment"], submittedAt: StoreTime.required($0, "submitted_at", of: "a review of round \(round)")) }
        }
    }

    public func saveDraft(_ d: ReviewDraft) throws {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT OR REPLACE INTO review_draft (round, proposal, reviewer, body, saved_at) VALUES (?, ?, ?, ?, ?)
                """, arguments: [d.round, d.proposal, d.reviewer, d.body, d.savedAt.timeIntervalSince1970])
        }
    }

    public func draft(round: String, proposal: String, reviewer: String) throws -> ReviewDraft? {
        try database.writer.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM review_draft WHERE round = ? AND proposal = ? AND reviewer = ?",
                             arguments: [round, proposal, reviewer]).map { row in
                try ReviewDraft(round: round, proposal: proposal, reviewer: reviewer, body: row["body"],
                                savedAt: StoreTime.required(row, "saved_at", of: "a review draft"))
            }
        }
    }

    public func recordDecisions(_ decisions: [DecisionRecord], round: String, at: Date, event: OutboxEvent?, activity: [ActivityEntry]) throws {
        try database.writer.write { db in
            for d in decisions {
                try db.execute(sql: """
                    INSERT INTO round_decision (round, proposal, decision, amount, reason, decided_by, run_id, recommended_fund,
                                                recommended_amount, departed, decided_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [round, d.proposal, d.decision.rawValue, d.amount, d.reason, d.decidedBy, d.runID, d.recommendedFund,
                                     d.recommendedAmount, d.departed, d.decidedAt.timeIntervalSince1970])
            }
            try db.execute(sql: "UPDATE round SET state = ?, updated_at = ? WHERE id = ?",
                           arguments: [RoundState.decided.rawValue, at.timeIntervalSince1970, round])
            if let event { try Outbox.enqueue(event, in: db, now: at) }
            try ActivityLog.insert(activity, in: db)
        }
    }

    public func decisions(round: String) throws -> [DecisionRecord] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM round_decision WHERE round = ? ORDER BY id", arguments: [round]).map { row in
                // An unreadable outcome is a corrupt audit trail, never silently a decline.
                guard let outcome = DecisionRecord.Outcome(rawValue: row["decision"] as String? ?? "") else {
                    throw ServiceStoreError.corrupt("round_decision.decision \(row["id"] as Int64? ?? 0) of round \(round)")
                }
                return try DecisionRecord(proposal: row["proposal"], decision: outcome,
                               amount: row["amount"], reason: row["reason"], decidedBy: row["decided_by"], runID: row["run_id"],
                               recommendedFund: row["recommended_fund"], recommendedAmount: row["recommended_amount"],
                               departed: row["departed"], decidedAt: StoreTime.required(row, "decided_at", of: "a decision of round \(round)"))
            }
        }
    }

    static func settingsJSON(_ settings: RoundSettings) throws -> String {
        String(decoding: try RoundSettings.encoder.encode(settings), as: UTF8.self)
    }

    static func round(_ row: Row) throws -> RoundRecord {
        let id: String = row["id"]
        guard let state = RoundState(rawValue: row["state"] as String? ?? "") else { throw ServiceStoreError.corrupt("round.state of \(id)") }
        let settings: RoundSettings
        do {
            guard let text = row["settings"] as String? else { throw ServiceStoreError.corrupt("round.settings of \(id) is NULL") }
            settings = try RoundSettings.decoder.decode(RoundSettings.self, from: Data(text.utf8))
        } catch { throw ServiceStoreError.corrupt("round.settings of \(id)") }
        return RoundRecord(id: id, name: row["name"], state: state, settings: settings, createdAt: try StoreTime.required(row, "created_at", of: "round \(id)"),
                           updatedAt: try StoreTime.required(row, "updated_at", of: "round \(id)"))
    }

    static func proposal(_ row: Row) throws -> StoredProposal {
        try StoredProposal(round: row["round"], id: row["id"], applicant: row["applicant"], title: row["title"], requested: row["requested"],
                           json: row["body"], withdrawnAt: StoreTime.date(row, "withdrawn_at", of: "a proposal"))
    }
}

/// How reviewer ids are compared for conflicts and a reviewer's scope: trimmed, case-insensitive. (Applicants are
/// compared by `ApplicantKey`.)
public enum ConflictKey {
    /// The comparison key of a reviewer id.
    public static func reviewer(_ id: String) -> String {
        id.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
