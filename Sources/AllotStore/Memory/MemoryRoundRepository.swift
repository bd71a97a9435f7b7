import AllotCore
import Foundation

/// `RoundRepository` in memory. Each change is one write with its activity entries and webhook events; a change to a
/// round that does not exist is refused (`notFound`), as the SQL schema's foreign keys refuse it.
public struct MemoryRoundRepository: RoundRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func create(_ round: RoundRecord, activity: [ActivityEntry]) throws {
        try store.write { tables in
            guard tables.rounds[round.id] == nil else { throw ServiceStoreError.alreadyExists(kind: "round", id: round.id) }
            tables.rounds[round.id] = round
            tables.keep(activity)
        }
    }

    public func all() throws -> [RoundRecord] {
        store.read { $0.rounds.values.sorted { ByteOrder.less($0.id, $1.id) } }
    }

    public func find(_ id: String) throws -> RoundRecord? {
        store.read { $0.rounds[id] }
    }

    public func setState(_ id: String, to state: RoundState, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        try store.write { tables in
            var round = try tables.requireRound(id)
            round.state = state
            round.updatedAt = at
            tables.rounds[id] = round
            tables.keep(activity)
            return round
        }
    }

    public func update(_ id: String, name: String, settings: RoundSettings, at: Date, activity: [ActivityEntry]) throws -> RoundRecord {
        try store.write { tables in
            var round = try tables.requireRound(id)
            round.name = name
            round.settings = settings
            round.updatedAt = at
            tables.rounds[id] = round
            tables.keep(activity)
            return round
        }
    }

    public func saveProposals(_ proposals: [StoredProposal], activity: [ActivityEntry]) throws {
        try store.write { tables in
            for proposal in proposals {
                _ = try tables.requireRound(proposal.round)
                var list = tables.proposals[proposal.round] ?? []
                if let i = list.firstIndex(where: { $0.id == proposal.id }) {
                    // Replaced in place (its load position kept); a withdrawn proposal loaded again stays withdrawn.
                    var replaced = proposal
                    replaced.withdrawnAt = list[i].withdrawnAt
                    list[i] = replaced
                } else {
                    var added = proposal
                    added.withdrawnAt = nil
                    list.append(added)
                }
                tables.proposals[proposal.round] = list
            }
            tables.keep(activity)
        }
    }

    public func proposals(round: String) throws -> [StoredProposal] {
        store.read { $0.proposals[round] ?? [] }
    }

    public func withdrawProposal(round: String, id: String, at: Date, activity: [ActivityEntry]) throws -> Bool {
        try store.write { tables in
            guard let i = tables.proposals[round]?.firstIndex(where: { $0.id == id && $0.withdrawnAt == nil }) else { return false }
            tables.proposals[round]?[i].withdrawnAt = at
            tables.keep(activity)
            return true
        }
    }

    public func proposal(round: String, id: String) throws -> StoredProposal? {
        store.read { $0.proposals[round]?.first { $0.id == id } }
    }

    public func addConflicts(_ conflicts: [ConflictRecord], round: String, activity: [ActivityEntry]) throws {
        try store.write { tables in
            _ = try tables.requireRound(round)
            for conflict in conflicts {
                // The key is the schema's: the reviewer as given, the applicant by `ApplicantKey`.
                let key = ApplicantKey(conflict.applicant).value
                let known = tables.conflicts[round]?.contains { $0.reviewer == conflict.reviewer && ApplicantKey($0.applicant).value == key } ?? false
                if !known { tables.conflicts[round, default: []].append(conflict) }
            }
            tables.keep(activity)
        }
    }

    public func conflicts(round: String) throws -> [ConflictRecord] {
        store.read { tables in
            (tables.conflicts[round] ?? []).sorted {
                ByteOrder.less([$0.reviewer, ApplicantKey($0.applicant).value], [$1.reviewer, ApplicantKey($1.applicant).value])
            }
        }
    }

    public func removeConflict(_ conflict: ConflictRecord, round: String, activity: [ActivityEntry]) throws -> Bool {
        try store.write { tables in
            let (key, reviewer) = (ApplicantKey(conflict.applicant).value, ConflictKey.reviewer(conflict.reviewer))
            let before = tables.conflicts[round]?.count ?? 0
            tables.conflicts[round]?.removeAll { ApplicantKey($0.applicant).value == key && ConflictKey.reviewer($0.reviewer) == reviewer }
            guard (tables.conflicts[round]?.count ?? 0) < before else { return false }
            tables.keep(activity)
            return true
        }
    }

    public func replaceAssignments(_ assignments: [AssignmentRecord], round: String, at: Date, events: [OutboxEvent],
                                   activity: [ActivityEntry]) throws {
        try store.write { tables in
            _ = try tables.requireRound(round)
            tables.assignments[round] = Set(assignments)
            for event in events { try tables.enqueue(event, now: at) }
            tables.keep(activity)
        }
    }

    public func declareConflict(_ conflict: ConflictRecord, dropping assignment: AssignmentRecord, round: String, at: Date,
                                event: OutboxEvent, activity: [ActivityEntry]) throws {
        try store.write { tables in
            _ = try tables.requireRound(round)
            let key = ApplicantKey(conflict.applicant).value
            if !(tables.conflicts[round]?.contains { $0.reviewer == conflict.reviewer && ApplicantKey($0.applicant).value == key } ?? false) {
                tables.conflicts[round, default: []].append(conflict)
            }
            tables.assignments[round]?.remove(assignment)
            try tables.enqueue(event, now: at)
            tables.keep(activity)
        }
    }

    public func assignments(round: String) throws -> [AssignmentRecord] {
        store.read { tables in
            (tables.assignments[round] ?? []).sorted { ByteOrder.less([$0.proposal, $0.reviewer], [$1.proposal, $1.reviewer]) }
        }
    }

    public func saveReviews(_ reviews: [ReviewRecord], round: String, activity: [ActivityEntry]) throws {
        try store.write { tables in
            _ = try tables.requireRound(round)
            for review in reviews {
                tables.reviews[round, default: [:]][MemoryReviewKey(proposal: review.proposal, reviewer: review.reviewer, criterion: review.criterion)] = review
                tables.drafts[MemoryDraftKey(round: round, proposal: review.proposal, reviewer: review.reviewer)] = nil
            }
            tables.keep(activity)
        }
    }

    public func reviews(round: String) throws -> [ReviewRecord] {
        store.read { tables in
            (tables.reviews[round] ?? [:]).values.sorted {
                ByteOrder.less([$0.proposal, $0.reviewer, $0.criterion], [$1.proposal, $1.reviewer, $1.criterion])
            }
        }
    }

    public func saveDraft(_ draft: ReviewDraft) throws {
        try store.write { tables in
            _ = try tables.requireRound(draft.round)
            tables.drafts[MemoryDraftKey(round: draft.round, proposal: draft.proposal, reviewer: draft.reviewer)] = draft
        }
    }

    public func draft(round: String, proposal: String, reviewer: String) throws -> ReviewDraft? {
        store.read { $0.drafts[MemoryDraftKey(round: round, proposal: proposal, reviewer: reviewer)] }
    }

    public func recordDecisions(_ decisions: [DecisionRecord], round: String, at: Date, event: OutboxEvent?, activity: [ActivityEntry]) throws {
        try store.write { tables in
            var record = try tables.requireRound(round)
            tables.decisions[round, default: []] += decisions
            record.state = .decided
            record.updatedAt = at
            tables.rounds[round] = record
            if let event { try tables.enqueue(event, now: at) }
            tables.keep(activity)
        }
    }

    public func decisions(round: String) throws -> [DecisionRecord] {
        store.read { $0.decisions[round] ?? [] }
    }
}
