import AllotCore
import AllotIngest
import AllotStore
import Foundation
import Hummingbird
import Logging

/// A round's proposals (JSON array or CSV, checked by `ProposalReader`) and conflicts (CSV or JSON).
/// Reviewer tokens list only the proposals assigned to them that they are not conflicted with; any other single
/// proposal is 404 to them, so its existence is not revealed.
struct ProposalController<Rounds: RoundRepository> {
    let rounds: Rounds
    let evidence: EvidenceLoader
    let uploadLimit: Int
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.proposals")

    struct ProposalView: Encodable {
        let id: String
        let applicant: String
        let title: String
        let requested: Double
        let proposal: JSONText
        init(_ p: StoredProposal) {
            id = p.id
            applicant = p.applicant
            title = p.title
            requested = p.requested
            proposal = JSONText(p.json)
        }
    }

    struct UploadReport: Encodable {
        let round: String
        let stored: Int
        let ids: [String]
    }

    struct ConflictsReport: Encodable {
        let round: String
        let stored: Int
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post(":round/proposals") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            try RoundController<Rounds>.writable(round)
            let data = try await HTTPBody.bytes(request, limit: uploadLimit)
            let name = HTTPBody.isCSV(request) ? "proposals.csv" : "proposals.json"
            let proposals: [Proposal]
            do { proposals = try ProposalReader(mapping: try evidence.mapping()).read(bytes: Array(data), name: name) }
            catch { throw ErrorMapping.apiError(error) }
            let stored = try proposals.map { try ProposalJSON.stored($0, round: round.id) }
            let earlier = Dictionary(try rounds.proposals(round: round.id).map { ($0.id, ProposalView($0)) }, uniquingKeysWith: { a, _ in a })
            let at = now()
            let entries = try stored.map { p in
                let before = earlier[p.id]
                return try Activity.entry(.proposalsLoaded, by: identity, at: at, round: round.id, subject: p.id,
                                          summary: before == nil ? "loaded proposal \(p.id), \(p.title)" : "replaced proposal \(p.id), \(p.title)",
                                          before: before, after: ProposalView(p))
            }
            try rounds.saveProposals(stored, activity: entries)
            logger.info("Proposals uploaded", metadata: ["round": "\(round.id)", "count": "\(stored.count)"])
            return try Reply.json(UploadReport(round: round.id, stored: stored.count, ids: stored.map(\.id)), status: .created)
        }
        routes.get(":round/proposals") { _, context in
            let identity = try context.require(.admin, .analyst, .reviewer)
            let round = try RoundController.round(context, rounds)
            var list = try rounds.proposals(round: round.id)
            if let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds) { list = list.filter { scope.canSee($0.id) } }
            return try Reply.json(list.map(ProposalView.init))
        }
        routes.get(":round/proposals/:proposal") { _, context in
            let identity = try context.require(.admin, .analyst, .reviewer)
            let round = try RoundController.round(context, rounds)
            let id = try context.parameters.require("proposal")
            let missing = APIError.notFound("no proposal '\(id)' in round '\(round.id)'")
            if let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds), !scope.canSee(id) { throw missing }
            guard let proposal = try rounds.proposal(round: round.id, id: id) else { throw missing }
            return try Reply.json(ProposalView(proposal))
        }
        routes.post(":round/conflicts") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            try RoundController<Rounds>.writable(round)
            let data = try await HTTPBody.bytes(request, limit: uploadLimit)
            let conflicts: [ConflictRecord]
            if HTTPBody.isCSV(request) {
                do { conflicts = try ConflictReader().read(bytes: Array(data), name: "conflicts.csv").map { ConflictRecord(reviewer: $0.reviewer, applicant: $0.applicant) } }
                catch { throw ErrorMapping.apiError(error) }
            } else {
                conflicts = try HTTPBody.decode([ConflictRecord].self, data)
                if let i = conflicts.firstIndex(where: { $0.reviewer.isEmpty || $0.applicant.isEmpty }) {
                    throw APIError.invalid("$[\(i)]: reviewer and applicant must not be empty", path: "$[\(i)]")
                }
                for (i, c) in conflicts.enumerated() {
                    try TextLimits.check(c.reviewer, path: "$[\(i)].reviewer", limit: InputLimits.maxNameLength)
                    try TextLimits.check(c.applicant, path: "$[\(i)].applicant", limit: InputLimits.maxNameLength)
                }
            }
            let at = now()
            let entries = try conflicts.map { c in
                try Activity.entry(.conflictsAdded, by: identity, at: at, round: round.id, subject: c.reviewer,
                                   summary: "recorded that reviewer \(c.reviewer) has a conflict with \(c.applicant)", after: c)
            }
            try rounds.addConflicts(conflicts, round: round.id, activity: entries)
            logger.info("Conflicts declared", metadata: ["round": "\(round.id)", "count": "\(conflicts.count)"])
            return try Reply.json(ConflictsReport(round: round.id, stored: conflicts.count), status: .created)
        }
        return routes
    }
}

/// Already-encoded JSON embedded as it is in an answer.
struct JSONText: Encodable {
    let text: String
    init(_ text: String) { self.text = text }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        try container.encode(value)
    }
}

/// Any JSON value (to re-embed stored JSON without a schema).
enum JSONValue: Codable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null } else if let b = try? c.decode(Bool.self) { self = .bool(b) } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) { self = .string(s) } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(b): try c.encode(b)
        case let .number(n): try c.encode(n)
        case let .string(s): try c.encode(s)
        case let .array(a): try c.encode(a)
        case let .object(o): try c.encode(o)
        }
    }
}
