import AllotCore
import AllotStore
import Foundation
import Logging

/// Changes to a round after it was made: its name and settings (`PATCH /v1/rounds/{round}` and the settings page),
/// applying a saved what-if run's settings, withdrawing a proposal, and removing a conflict. The one place each
/// happens, so the API and the pages agree; every change goes to the store with its activity entry, in one
/// transaction, and that entry is the round's history.
struct RoundChanger<Rounds: RoundRepository, Runs: RunRepository>: Sendable {
    let rounds: Rounds
    let runs: Runs
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.round-changes")

    /// The keys a patch may hold: the round's name and every setting.
    static var patchableKeys: [String] { ["name"] + RoundSettings.keys }

    /// Applies a JSON merge patch (RFC 7396: a key sets its value, `null` clears it, an object merges into the
    /// object it names, so `{"weights": {"need": 2}}` changes one weight) to the round's name and settings. Every
    /// key is checked, the result is checked as a new round's settings are, and nothing is stored unless all of it
    /// is valid.
    func patch(_ round: RoundRecord, with body: Data, by identity: Identity) throws -> RoundRecord {
        try RoundController<Rounds>.writable(round)
        guard case let .object(patch) = try HTTPBody.decode(JSONValue.self, body) else {
            throw APIError.invalid("$: send a JSON object of the settings to change", path: "$")
        }
        guard !patch.isEmpty else { throw APIError.invalid("$: the patch changes nothing: name at least one setting", path: "$") }
        let allowed = Set(Self.patchableKeys)
        if let unknown = patch.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError.invalid("$.\(TextLimits.shown(unknown)): not a round setting; expected one of \(Self.patchableKeys.sorted().joined(separator: ", "))",
                                   path: "$.\(TextLimits.shown(unknown))")
        }
        var name = round.name
        if let value = patch["name"] {
            guard case let .string(text) = value, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw APIError.invalid("$.name: give the round's name as text", path: "$.name")
            }
            try TextLimits.check(text, path: "$.name", limit: InputLimits.maxNameLength)
            name = text
        }
        var settingsPatch = patch
        settingsPatch["name"] = nil
        // Constraints named outright replace the configured defaults the round may have used.
        if case .object = settingsPatch["constraints"], settingsPatch["use_default_constraints"] == nil {
            settingsPatch["use_default_constraints"] = .bool(false)
        }
        let current = try HTTPBody.decode(JSONValue.self, try RoundSettings.encoder.encode(round.settings))
        let merged = Self.merge(current, .object(settingsPatch))
        let settings = try HTTPBody.decode(RoundSettings.self, try RoundSettings.encoder.encode(merged))
        try RoundSettingsRules.check(settings)
        let changed = Self.changedKeys(from: round, to: name, settings)
        return try change(round, name: name, settings: settings, by: identity,
                          summary: changed.isEmpty ? "saved the round's settings unchanged" : "changed \(changed.joined(separator: ", "))")
    }

    /// Makes a saved run's settings the round's: the way an admin adopts a what-if after the meeting agrees it.
    func apply(run id: String, to round: RoundRecord, by identity: Identity) throws -> RoundRecord {
        try RoundController<Rounds>.writable(round)
        guard let run = try runs.run(round: round.id, id: id) else { throw APIError.notFound("no run '\(TextLimits.shown(id))' in round '\(round.id)'") }
        guard run.status == .succeeded else { throw APIError.conflict("run \(id) did not succeed: only a finished run's settings can be applied") }
        let settings = try Self.settings(of: run)
        var adopted = round.settings
        // The run's scoring settings; the round keeps its surveys, supply year, review rules and schedule.
        adopted.budget = settings.budget
        adopted.weights = settings.weights
        adopted.constraints = settings.constraints
        adopted.useDefaultConstraints = settings.useDefaultConstraints
        try RoundSettingsRules.check(adopted)
        return try change(round, name: round.name, settings: adopted, by: identity,
                          summary: "applied the settings of run \(id) (\(run.trigger))")
    }

    /// Withdraws a proposal (an applicant who pulls out, say): it leaves every later run and every reviewer's list.
    /// A reason is kept in the activity log.
    func withdraw(proposal id: String, in round: RoundRecord, reason: String?, by identity: Identity) throws -> StoredProposal {
        try RoundController<Rounds>.writable(round)
        guard let proposal = try rounds.proposal(round: round.id, id: id) else { throw APIError.notFound("no proposal '\(TextLimits.shown(id))' in round '\(round.id)'") }
        guard proposal.withdrawnAt == nil else { throw APIError.conflict("proposal \(id) is already withdrawn") }
        let reason = reason?.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let reason, !reason.isEmpty else { throw APIError.invalid("$.reason: say why the proposal is withdrawn", path: "$.reason") }
        try TextLimits.check(reason, path: "$.reason", limit: InputLimits.maxCommentLength)
        let at = now()
        var after = proposal
        after.withdrawnAt = at
        let entry = try Activity.entry(.proposalWithdrawn, by: identity, at: at, round: round.id, subject: id,
                                       summary: "withdrew proposal \(id), \(proposal.title): \(reason)",
                                       before: ProposalState(proposal), after: ProposalState(after))
        guard try rounds.withdrawProposal(round: round.id, id: id, at: at, activity: [entry]) else {
            throw APIError.conflict("proposal \(id) is already withdrawn")
        }
        logger.info("Proposal withdrawn", metadata: ["round": "\(round.id)", "proposal": "\(id)"])
        return after
    }

    /// Removes a recorded conflict (one entered in error): the reviewer may be assigned the applicant's proposals again.
    func removeConflict(_ conflict: ConflictRecord, in round: RoundRecord, by identity: Identity) throws {
        try RoundController<Rounds>.writable(round)
        let entry = try Activity.entry(.conflictRemoved, by: identity, at: now(), round: round.id, subject: conflict.reviewer,
                                       summary: "removed the conflict of reviewer \(conflict.reviewer) with \(conflict.applicant)", before: conflict)
        guard try rounds.removeConflict(conflict, round: round.id, activity: [entry]) else {
            throw APIError.notFound("no conflict of reviewer '\(TextLimits.shown(conflict.reviewer))' with '\(TextLimits.shown(conflict.applicant))' in round '\(round.id)'")
        }
        logger.info("Conflict removed", metadata: ["round": "\(round.id)"])
    }

    private func change(_ round: RoundRecord, name: String, settings: RoundSettings, by identity: Identity, summary: String) throws -> RoundRecord {
        let at = now()
        var after = round
        after.name = name
        after.settings = settings
        after.updatedAt = at
        let entry = try Activity.entry(.roundSettingsChanged, by: identity, at: at, round: round.id, subject: round.id, summary: summary,
                                       before: RoundController<Rounds>.RoundView(round), after: RoundController<Rounds>.RoundView(after))
        let updated = try rounds.update(round.id, name: name, settings: settings, at: at, activity: [entry])
        logger.info("Round settings changed", metadata: ["round": "\(round.id)"])
        return updated
    }

    /// The settings a run used, from its stored config (`RunInputs` keeps them under `round`).
    static func settings(of run: RoundRunRecord) throws -> RoundSettings {
        do { return try RoundSettings.decoder.decode(RunConfigSettings.self, from: Data(run.config.utf8)).round } catch {
            throw APIError.conflict("run \(run.id) does not record the settings it used, so they cannot be applied")
        }
    }

    /// RFC 7396's merge: objects merge key by key, `null` removes, anything else replaces.
    static func merge(_ target: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case let .object(changes) = patch else { return patch }
        var result: [String: JSONValue] = if case let .object(t) = target { t } else { [:] }
        for (key, value) in changes {
            if case .null = value { result[key] = nil } else { result[key] = merge(result[key] ?? .null, value) }
        }
        return .object(result)
    }

    /// The settings that differ, in words for the history ("budget, weights").
    static func changedKeys(from round: RoundRecord, to name: String, _ settings: RoundSettings) -> [String] {
        var changed: [String] = []
        if name != round.name { changed.append("name") }
        let a = round.settings, b = settings
        if a.budget != b.budget { changed.append("budget") }
        if a.weights != b.weights { changed.append("weights") }
        if a.constraints != b.constraints || a.useDefaultConstraints != b.useDefaultConstraints { changed.append("constraints") }
        if a.surveys != b.surveys { changed.append("surveys") }
        if a.supplyYear != b.supplyYear { changed.append("supply year") }
        if a.reviewDeadline != b.reviewDeadline { changed.append("review deadline") }
        if a.reviewsPerProposal != b.reviewsPerProposal { changed.append("reviews per proposal") }
        if a.requireAllReviews != b.requireAllReviews { changed.append("whether all reviews are required") }
        if a.scoreScale != b.scoreScale { changed.append("score scale") }
        if a.minimumReviews != b.minimumReviews { changed.append("minimum reviews") }
        if a.schedule != b.schedule || a.scheduleTimeZone != b.scheduleTimeZone { changed.append("schedule") }
        return changed
    }
}

/// The part of a run's stored config that holds its settings.
private struct RunConfigSettings: Decodable { let round: RoundSettings }

/// A proposal as the activity log keeps it when it is withdrawn (its identity and state, not its whole body).
struct ProposalState: Encodable {
    let id: String
    let title: String
    let applicant: String
    let requested: Double
    let withdrawnAt: Date?
    init(_ p: StoredProposal) {
        id = p.id
        title = p.title
        applicant = p.applicant
        requested = p.requested
        withdrawnAt = p.withdrawnAt
    }
    enum CodingKeys: String, CodingKey { case id, title, applicant, requested, withdrawnAt = "withdrawn_at" }
}
