import AllotCore
import AllotStore
import AllotWebhooks
import Foundation
import Logging

/// One decision as the API's JSON body and the proposal page's form give it.
struct DecisionInput: Decodable, Sendable {
    let proposal: String
    let decision: DecisionRecord.Outcome
    let amount: Double?
    let reason: String?
}

/// What the latest run recommended for one proposal.
struct Recommendation: Sendable {
    let fund: Bool
    let amount: Double?
}

/// Records the panel's decisions: fund (with an amount) or decline per proposal. Departing from the latest run's
/// recommendation needs a reason; every decision is kept with who made it and what it departed from, and posted as
/// `round.decided`. A closed round is read-only. The one place decisions are checked and stored: the API
/// (`POST /v1/rounds/{round}/decisions`) and the proposal page's decision form both call it.
struct DecisionRecorder<Rounds: RoundRepository, Runs: RunRepository>: Sendable {
    let rounds: Rounds
    let runs: Runs
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.decisions")

    /// Checks and stores one batch: all of it or (on the first bad entry, named by its JSON path) none of it.
    func record(_ inputs: [DecisionInput], in round: RoundRecord, by identity: Identity) throws -> [DecisionRecord] {
        try RoundController<Rounds>.writable(round)
        guard let latest = try runs.latestResult(round: round.id) else {
            throw APIError.conflict("round \(round.id) has no successful run: run it before recording decisions")
        }
        let recommendations = try Self.recommendations(latest.json, run: latest.run.id)
        let proposals = Dictionary(try rounds.proposals(round: round.id).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let at = now()
        try Self.checkOnePerProposal(inputs)
        var records: [DecisionRecord] = []
        for (i, d) in inputs.enumerated() {
            if let reason = d.reason { try TextLimits.check(reason, path: "$[\(i)].reason", limit: InputLimits.maxCommentLength) }
            guard let proposal = proposals[d.proposal] else {
                throw APIError.invalid("$[\(i)].proposal: no proposal '\(d.proposal)' in round \(round.id)", path: "$[\(i)].proposal")
            }
            switch d.decision {
            case .fund:
                guard let amount = d.amount else { throw APIError.invalid("$[\(i)].amount: a funding decision needs an amount in pounds", path: "$[\(i)].amount") }
                guard amount.isFinite, amount > 0, amount <= proposal.requested else {
                    throw APIError.invalid("$[\(i)].amount: \(amount) is not valid: expected above 0 and no more than the \(proposal.requested) requested",
                                           path: "$[\(i)].amount")
                }
            case .decline:
                if d.amount != nil { throw APIError.invalid("$[\(i)].amount: a decline has no amount", path: "$[\(i)].amount") }
            }
            let rec = recommendations[d.proposal]
            let departed = Self.departs(d, from: rec)
            let reason = d.reason?.trimmingCharacters(in: .whitespacesAndNewlines)
            if departed, reason?.isEmpty ?? true {
                throw APIError.invalid("$[\(i)].reason: a reason is required when the decision departs from the recommendation (\(Self.describe(rec)))",
                                       path: "$[\(i)].reason")
            }
            records.append(DecisionRecord(proposal: d.proposal, decision: d.decision, amount: d.amount, reason: reason, decidedBy: identity.auditName,
                                          runID: latest.run.id, recommendedFund: rec?.fund, recommendedAmount: rec?.amount, departed: departed,
                                          decidedAt: at))
        }
        let standing = DecisionTrail.standing(try rounds.decisions(round: round.id) + records)
        let payload = RoundDecided(
            roundID: round.id, runID: latest.run.id, decidedBy: identity.auditName,
            decisions: records.map { .init(proposalID: $0.proposal, decision: $0.decision.rawValue, amount: $0.amount, departed: $0.departed,
                                           reason: $0.reason) },
            funded: standing.filter { $0.decision == .fund }.count, totalAwarded: standing.compactMap(\.amount).reduce(0, +))
        let event = try WebhookEvents.outboxEvent(payload, occurredAt: at)
        let before = DecisionTrail.standing(try rounds.decisions(round: round.id))
        let entries = try records.map { r in
            try Activity.entry(.decisionRecorded, by: identity, at: at, round: round.id, subject: r.proposal,
                               summary: r.decision == .fund ? "funded \(r.proposal) with \(Money.text(r.amount ?? 0))" : "declined \(r.proposal)",
                               before: before.first { $0.proposal == r.proposal }, after: r)
        }
        try rounds.recordDecisions(records, round: round.id, at: at, event: event, activity: entries)
        logger.info("Decisions recorded", metadata: ["round": "\(round.id)", "count": "\(records.count)",
                                                     "departures": "\(records.filter(\.departed).count)"])
        return records
    }

    /// One batch decides each proposal once: funding and declining it together (or deciding it twice) is 422 naming
    /// both entries, and nothing of the batch is stored.
    static func checkOnePerProposal(_ inputs: [DecisionInput]) throws {
        var first: [String: Int] = [:]
        for (i, d) in inputs.enumerated() {
            if let j = first[d.proposal] {
                let what = inputs[j].decision == d.decision ? "both \(d.decision.rawValue)" : "\(inputs[j].decision.rawValue) and \(d.decision.rawValue)"
                throw APIError.invalid("$[\(j)].proposal and $[\(i)].proposal: the batch decides proposal '\(TextLimits.shown(d.proposal))' twice (\(what)); "
                                       + "send one decision per proposal", path: "$[\(i)].proposal")
            }
            first[d.proposal] = i
        }
    }

    static func departs(_ d: DecisionInput, from rec: Recommendation?) -> Bool {
        guard let rec else { return d.decision == .fund }
        switch d.decision {
        case .decline: return rec.fund
        case .fund:
            guard rec.fund else { return true }
            guard let a = d.amount, let r = rec.amount else { return false }
            return abs(a - r) >= 0.5
        }
    }

    static func describe(_ rec: Recommendation?) -> String {
        guard let rec else { return "not in the latest run" }
        guard rec.fund else { return "recommended: decline" }
        return rec.amount.map { "recommended: fund \(Int($0.rounded()))" } ?? "recommended: fund"
    }

    /// Proposal id -> recommendation, from a stored result's `proposals[].{id, recommended, award}`.
    /// A stored result that cannot be read is a corrupt store, never "no recommendations" (which would make every
    /// decision a departure, or none).
    static func recommendations(_ json: Data, run: String) throws -> [String: Recommendation] {
        guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              let proposals = root["proposals"] as? [[String: Any]] else {
            throw ServiceStoreError.corrupt("round_run.result of \(run) has no proposals")
        }
        var out: [String: Recommendation] = [:]
        for p in proposals {
            guard let id = p["id"] as? String else { continue }
            let fund = (p["recommended"] as? Bool) ?? false
            out[id] = Recommendation(fund: fund, amount: fund ? (p["award"] as? Double) ?? (p["award"] as? NSNumber)?.doubleValue : nil)
        }
        return out
    }

}

/// A round's decision trail read as the decisions in force.
enum DecisionTrail {
    /// The decision in force per proposal: the latest one recorded, by proposal id.
    static func standing(_ trail: [DecisionRecord]) -> [DecisionRecord] {
        var latest: [String: DecisionRecord] = [:]
        for d in trail { latest[d.proposal] = d }
        return latest.keys.sorted().compactMap { latest[$0] }
    }
}
