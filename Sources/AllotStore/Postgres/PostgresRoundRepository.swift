import AllotCore
import Foundation
import PostgresNIO

/// `RoundRepository` on the PostgreSQL store: rounds and their settings here; proposals, conflicts, reviews and
/// decisions in the files beside it. Each change runs in one transaction with its activity entries (and, where the
/// SQLite store enqueues webhook events, with those: `PostgresRoundRepository+Events`).
///
/// Where SQLite's single writer makes a read-then-write safe, these use one conditional statement (`RETURNING` tells
/// whether it changed anything) or lock the round's row first, since several instances may write at once.
public struct PostgresRoundRepository: Sendable {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func create(_ round: RoundRecord, activity: [ActivityEntry]) throws {
        try store.wait { try await create(round, activity: activity) }
    }

    public func all() throws -> [RoundRecord] {
        try store.wait { try await all() }
    }

    public func find(_ id: String) throws -> RoundRecord? {
        try store.wait { try await find(id) }
    }

    public func setState(_ id: String, to state: RoundState, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        try store.wait { try await setState(id, to: state, at: at, activity: activity) }
    }

    public func update(_ id: String, name: String, settings: RoundSettings, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        try store.wait { try await update(id, name: name, settings: settings, at: at, activity: activity) }
    }

    public func saveProposals(_ proposals: [StoredProposal], activity: [ActivityEntry]) throws {
        try store.wait { try await saveProposals(proposals, activity: activity) }
    }

    public func proposals(round: String) throws -> [StoredProposal] {
        try store.wait { try await proposals(round: round) }
    }

    public func withdrawProposal(round: String, id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.wait { try await withdrawProposal(round: round, id: id, at: at, activity: activity) }
    }

    public func proposal(round: String, id: String) throws -> StoredProposal? {
        try store.wait { try await proposal(round: round, id: id) }
    }

    public func addConflicts(_ conflicts: [ConflictRecord], round: String, activity: [ActivityEntry]) throws {
        try store.wait { try await addConflicts(conflicts, round: round, activity: activity) }
    }

    public func conflicts(round: String) throws -> [ConflictRecord] {
        try store.wait { try await conflicts(round: round) }
    }

    public func removeConflict(_ conflict: ConflictRecord, round: String, activity: [ActivityEntry]) throws -> Bool {
        try store.wait { try await removeConflict(conflict, round: round, activity: activity) }
    }

    public func assignments(round: String) throws -> [AssignmentRecord] {
        try store.wait { try await assignments(round: round) }
    }

    public func saveReviews(_ reviews: [ReviewRecord], round: String, activity: [ActivityEntry]) throws {
        try store.wait { try await saveReviews(reviews, round: round, activity: activity) }
    }

    public func reviews(round: String) throws -> [ReviewRecord] {
        try store.wait { try await reviews(round: round) }
    }

    public func saveDraft(_ draft: ReviewDraft) throws {
        try store.wait { try await saveDraft(draft) }
    }

    public func draft(round: String, proposal: String, reviewer: String) throws -> ReviewDraft? {
        try store.wait { try await draft(round: round, proposal: proposal, reviewer: reviewer) }
    }

    public func decisions(round: String) throws -> [DecisionRecord] {
        try store.wait { try await decisions(round: round) }
    }
}

extension PostgresRoundRepository {
    static let columns = "id, name, state, settings, created_at, updated_at"

    /// Stores the round and its entries in one transaction; a taken id is `ServiceStoreError.alreadyExists` (the
    /// primary key decides, so two instances creating one id at once cannot both succeed).
    func create(_ r: RoundRecord, activity: [ActivityEntry]) async throws {
        let settings = try Self.settingsJSON(r.settings)
        do {
            try await store.transaction { connection in
                try await connection.query("""
                    INSERT INTO round (id, name, state, settings, created_at, updated_at)
                    VALUES (\(r.id), \(r.name), \(r.state.rawValue), \(settings), \(r.createdAt.postgres), \(r.updatedAt.postgres))
                    """, logger: store.logger)
                try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            }
        } catch let error where PostgresStoreError.sqlState(of: error) == "23505" {
            throw ServiceStoreError.alreadyExists(kind: "round", id: r.id)
        }
    }

    /// By id in byte order (COLLATE "C", as SQLite orders them).
    func all() async throws -> [RoundRecord] {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM round ORDER BY id COLLATE \"C\"").map(Self.round)
    }

    func find(_ id: String) async throws -> RoundRecord? {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM round WHERE id = \(id)").first.map(Self.round)
    }

    /// One UPDATE ... RETURNING: no round is `notFound`, and its entries are not kept (the transaction rolls back).
    func setState(_ id: String, to state: RoundState, at: Date, activity: [ActivityEntry]) async throws -> RoundRecord {
        try await store.transaction { connection in
            let rows = try await connection.query("""
                UPDATE round SET state = \(state.rawValue), updated_at = \(at.postgres) WHERE id = \(id) RETURNING \(unescaped: Self.columns)
                """, logger: store.logger).collect()
            guard let row = rows.first else { throw ServiceStoreError.notFound(kind: "round", id: id) }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return try Self.round(row)
        }
    }

    /// As `setState`, for the name and settings.
    func update(_ id: String, name: String, settings: RoundSettings, at: Date, activity: [ActivityEntry]) async throws -> RoundRecord {
        let json = try Self.settingsJSON(settings)
        return try await store.transaction { connection in
            let rows = try await connection.query("""
                UPDATE round SET name = \(name), settings = \(json), updated_at = \(at.postgres) WHERE id = \(id)
                RETURNING \(unescaped: Self.columns)
                """, logger: store.logger).collect()
            guard let row = rows.first else { throw ServiceStoreError.notFound(kind: "round", id: id) }
            try await PostgresActivityLog.insert(activity, on: connection, logger: store.logger)
            return try Self.round(row)
        }
    }

    /// Settings as SQLite keeps them: `RoundSettings.encoder`'s JSON text (sorted keys), not JSONB, so the stored
    /// text is byte for byte the same on either store.
    static func settingsJSON(_ settings: RoundSettings) throws -> String {
        String(decoding: try RoundSettings.encoder.encode(settings), as: UTF8.self)
    }

    static func round(_ row: PostgresRow) throws -> RoundRecord {
        let (id, name, stateText, settingsText, createdAt, updatedAt) = try row.decode(
            (String, String, String, String, PostgresTime, PostgresTime).self)
        guard let state = RoundState(rawValue: stateText) else { throw ServiceStoreError.corrupt("round.state of \(id)") }
        let settings: RoundSettings
        do { settings = try RoundSettings.decoder.decode(RoundSettings.self, from: Data(settingsText.utf8)) } catch {
            throw ServiceStoreError.corrupt("round.settings of \(id)")
        }
        return RoundRecord(id: id, name: name, state: state, settings: settings, createdAt: createdAt.date, updatedAt: updatedAt.date)
    }
}
