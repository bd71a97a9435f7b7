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
            _ = try context.require(.admin)
            let body = try await HTTPBody.json(CreateRound.self, request, limit: context.maxUploadSize)
            try Self.validate(body)
            let at = now()
            let record = RoundRecord(id: body.id, name: body.name ?? body.id, state: .open, settings: body.settings, createdAt: at, updatedAt: at)
            try rounds.create(record)
            logger.info("Round created", metadata: ["round": "\(body.id)"])
            return try Reply.json(RoundView(record), status: .created)
        }
        routes.get { _, context in
            _ = try context.require(.admin, .analyst)
            return try Reply.json(try rounds.all().map(RoundView.init))
        }
        routes.get(":round") { _, context in
            _ = try context.require(.admin, .analyst, .reviewer)
            return try Reply.json(RoundView(try Self.round(context, rounds)))
        }
        routes.post(":round/state") { request, context in
            _ = try context.require(.admin)
            let round = try Self.round(context, rounds)
            let body = try await HTTPBody.json(StateChange.self, request, limit: context.maxUploadSize)
            try Self.checkTransition(from: round.state, to: body.state, round: round.id)
            let updated = try rounds.setState(round.id, to: body.state, at: now())
            logger.info("Round state changed", metadata: ["round": "\(round.id)", "state": "\(body.state.rawValue)"])
            return try Reply.json(RoundView(updated))
        }
        return routes
    }

    /// The round named in the path, or 404.
    static func round(_ context: AllotRequestContext, _ rounds: Rounds) throws -> RoundRecord {
        let id = try context.parameters.require("round")
        guard let round = try rounds.find(id) else { throw APIError.notFound("no round '\(id)'") }
        return round
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
        guard !body.id.isEmpty, body.id.count <= 100, body.id.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw APIError.invalid("$.id: expected a round id of letters, digits, '-', '_' or '.', e.g. 2024-25", path: "$.id")
        }
        let s = body.settings
        if let b = s.budget, !(b > 0 && b.isFinite) { throw APIError.invalid("$.budget: must be above 0", path: "$.budget") }
        // Weights and score scale through the one check the command line uses too (`ScoringSettingsCheck`).
        do throws(ScoringSettingsCheck.Problem) {
            _ = try ScoringSettingsCheck.weights(s.weights)
            if let scale = s.scoreScale { _ = try ScoringSettingsCheck.scoreScale(scale) }
        } catch {
            throw APIError.invalid("$.\(error.description)", path: "$.\(error.key)")
        }
        if let k = s.reviewsPerProposal, k < 1 { throw APIError.invalid("$.reviews_per_proposal: must be 1 or more", path: "$.reviews_per_proposal") }
        if let schedule = s.schedule {
            do { _ = try CronSchedule(parsing: schedule) } catch {
                throw APIError.invalid("$.schedule: \(error)", path: "$.schedule")
            }
        }
        if let zone = s.scheduleTimeZone, TimeZone(identifier: zone) == nil {
            throw APIError.invalid("$.schedule_time_zone: unknown time zone '\(zone)'; expected an IANA name such as Europe/London",
                                   path: "$.schedule_time_zone")
        }
    }
}
