import AllotCore
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import Logging

/// The panel's decisions over the API: a batch recorded by `DecisionRecorder` (the same code as the proposal page's
/// form), and the trail read back.
struct DecisionController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let recorder: DecisionRecorder<Rounds, Runs>

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post(":round/decisions") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let inputs = try await HTTPBody.json([DecisionInput].self, request, limit: context.maxUploadSize)
            let records = try recorder.record(inputs, in: round, by: identity)
            return try Reply.json(records, status: .created)
        }
        routes.get(":round/decisions") { _, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            return try Reply.json(try rounds.decisions(round: round.id))
        }
        return routes
    }
}
