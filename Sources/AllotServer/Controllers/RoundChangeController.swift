import AllotStore
import Foundation
import Hummingbird

/// Changing a round through the API: `PATCH /v1/rounds/{round}` (a JSON merge patch of its name and settings),
/// `POST .../runs/{run}/apply` (a saved what-if's settings become the round's), `POST .../proposals/{proposal}/withdraw`,
/// and the conflicts: `GET .../conflicts`, `DELETE .../conflicts?reviewer=R&applicant=A`. Admins change; admins and
/// analysts read. Each change goes through `RoundChanger`, as the pages' forms do.
struct RoundChangeController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let changer: RoundChanger<Rounds, Runs>

    struct Withdrawal: Decodable { let reason: String? }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.patch(":round") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let body = try await HTTPBody.bytes(request, limit: context.maxUploadSize)
            return try Reply.json(RoundController<Rounds>.RoundView(try changer.patch(round, with: body, by: identity)))
        }
        routes.post(":round/runs/:run/apply") { _, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let updated = try changer.apply(run: try context.parameters.require("run"), to: round, by: identity)
            return try Reply.json(RoundController<Rounds>.RoundView(updated))
        }
        routes.post(":round/proposals/:proposal/withdraw") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let body = try await HTTPBody.json(Withdrawal.self, request, limit: context.maxUploadSize)
            let withdrawn = try changer.withdraw(proposal: try context.parameters.require("proposal"), in: round, reason: body.reason, by: identity)
            return try Reply.json(ProposalState(withdrawn))
        }
        routes.get(":round/conflicts") { _, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            return try Reply.json(try rounds.conflicts(round: round.id))
        }
        routes.delete(":round/conflicts") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let query = request.uri.queryParameters
            guard let reviewer = query.get("reviewer"), !reviewer.isEmpty else {
                throw APIError.badRequest("name the conflict's reviewer: ?reviewer=R&applicant=A")
            }
            guard let applicant = query.get("applicant"), !applicant.isEmpty else {
                throw APIError.badRequest("name the conflict's applicant: ?reviewer=R&applicant=A")
            }
            try changer.removeConflict(ConflictRecord(reviewer: reviewer, applicant: applicant), in: round, by: identity)
            return Reply.noContent()
        }
        return routes
    }
}
