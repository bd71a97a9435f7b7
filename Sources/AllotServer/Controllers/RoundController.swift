import AllotCore
import AllotStore
import Foundation
import Hummingbird
import Logging

/// Rounds: create with budget, constraints, weights and surveys; list; read; move through the lifecycle.
struct RoundController<Rounds: RoundRepository> {
    let rounds: Rounds
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.rounds")

    struct CreateRound: Decodable {
        let id: String
        let name: String?
        let settings: RoundSettings
        enum CodingKeys: String, CodingKey { case id, name }
        init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            id = try c.decode(String.self, forKey: .id)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            settings = try RoundSettings(from: decoder)
        }
    }

    struct StateChange: Decodable { let state: RoundState }

    struct RoundView: Encodable {
        let id: String
        let name: String
        let state: RoundState
        let settings: RoundSettings
        let createdAt: Date
        let updatedAt: Date
        init(_ r: RoundRecord) {
            id = r.id
            name = r.name
            state = r.state
            settings = r.settings
            createdAt = r.createdAt
            updatedAt = r.updatedAt
        }
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post { request, context in
            let identity = try context.require(.admin)
            let body = try await HTTPBody.json(CreateRound.self, request, limit: context.maxUploadSize)
            try Self.validate(body)
            let at = now()
            let record = RoundRecord(id: body.id, name: body.name ?? body.id, state: .open, settings: body.settings, createdAt: at, updatedAt: at)
            try rounds.create(record, activity: [
                try Activity.entry(.roundCreated, by: identity, at: at, round: record.id, subject: record.id, summary: "created the round \(record.name)",
                                   after: RoundView(record)),
            ])
            logger.info("Round created", metadata: ["round": "\(body.id)"])
            return try Reply.json(RoundView(record), status: .created)
        }
        routes.get { _, context in
            let identity = try context.require(.admin, .analyst, .reviewer)
            var list = try rounds.all()
            if identity.role == .reviewer { list = try list.filter { try Self.isAssigned(identity, in: $0.id, rounds) } }
            return try Reply.json(list.map(RoundView.init))
        }
        routes.get(":round") { _, context in
            _ = try context.require(.admin, .analyst, .reviewer)
            return try Reply.json(RoundView(try Self.round(context, rounds)))
        }
        routes.post(":round/state") { request, context in
            let identity = try context.require(.admin)
            let round = try Self.round(context, rounds)
            let body = try await HTTPBody.json(StateChange.self, request, limit: context.maxUploadSize)
            try Self.checkTransition(from: round.state, to: body.state, round: round.id)
            let at = now()
            let entry = try Activity.entry(.roundStateChanged, by: identity, at: at, round: round.id, subject: round.id,
                                           summary: "moved the round from \(round.state.rawValue) to \(body.state.rawValue)",
                                           before: ["state": round.state.rawValue], after: ["state": body.state.rawValue])
            let updated = try rounds.setState(round.id, to: body.state, at: at, activity: [entry])
            logger.info("Round state changed", metadata: ["round": "\(round.id)", "state": "\(body.state.rawValue)"])
            return try Reply.json(RoundView(updated))
        }
        return routes
    }

    /// The round named in the path, or 404; also 404 to a reviewer with no assignment in it, so a reviewer never
    /// learns of (or reads) a round it has nothing to do with, by any route under `/v1/rounds/{round}`.
    static func round(_ context: AllotRequestContext, _ rounds: Rounds) throws -> RoundRecord {
        let id = try context.parameters.require("round")
        guard let round = try rounds.find(id) else { throw APIError.notFound("no round '\(id)'") }
        if let identity = context.identity, identity.role == .reviewer, try !isAssigned(identity, in: round.id, rounds) {
            throw APIError.notFound("no round '\(id)'")
        }
        return round
    }

    /// Whether a reviewer token's reviewer has at least one assignment in `round` (ids compared as `ReviewerScope` does).
    static func isAssigned(_ identity: Identity, in round: String, _ rounds: Rounds) throws -> Bool {
        guard let reviewer = identity.reviewerID, !reviewer.isEmpty else { return false }
        let me = ConflictKey.reviewer(reviewer)
        return try rounds.assignments(round: round).contains { ConflictKey.reviewer($0.reviewer) == me }
    }

    /// A closed round is read-only: 409.
    static func writable(_ round: RoundRecord) throws {
        guard round.state != .closed else { throw APIError.conflict("round \(round.id) is closed: it is read-only") }
    }

    static var order: [RoundState] { [.open, .reviewing, .scored, .decided, .closed] }

    /// Rounds move forward (open -> reviewing -> scored -> decided -> closed), steps may be skipped, never undone.
    static func checkTransition(from: RoundState, to: RoundState, round: String) throws {
        try writable(RoundRecord(id: round, name: round, state: from, settings: RoundSettings(), createdAt: Date(), updatedAt: Date()))
        guard let a = order.firstIndex(of: from), let b = order.firstIndex(of: to), b >= a else {
            throw APIError.conflict("round \(round) cannot move from \(from.rawValue) back to \(to.rawValue)")
        }
    }

    static func validate(_ body: CreateRound) throws {
        try RoundIdentifier.check(body.id, path: "$.id")
        if let name = body.name { try TextLimits.check(name, path: "$.name", limit: InputLimits.maxNameLength) }
        try RoundSettingsRules.check(body.settings)
    }
}
