import AllotCore
import AllotStore
import Foundation
import Hummingbird

/// Runs (run now, history) and results (the latest successful run's stored JSON and CSV, served from memory).
struct RunController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let runs: Runs
    let service: RoundRunService
    let results: ResultSource<Rounds, Runs>
    let activity: any ActivityRepository

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post(":round/runs") { _, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            try RoundController<Rounds>.writable(round)
            let record = try await service.run(round: round.id, trigger: .manual)
            try activity.record([try Activity.entry(.runRequested, by: identity, at: record.startedAt, round: round.id, subject: record.id,
                                                    summary: "ran the round: run \(record.id) \(record.status.rawValue)", after: record)])
            return try Reply.json(record, status: .created)
        }
        routes.get(":round/runs") { _, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            return try Reply.json(try runs.runs(round: round.id))
        }
        routes.get(":round/runs/:run") { _, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            let id = try context.parameters.require("run")
            guard let run = try runs.run(round: round.id, id: id) else { throw APIError.notFound("no run '\(id)' of round '\(round.id)'") }
            return try Reply.json(run)
        }
        routes.get(":round/results") { _, context in
            _ = try context.require(.admin, .analyst)
            let entry = try results.latest(round: try context.parameters.require("round"))
            var response = Reply.buffer(entry.jsonBuffer, contentType: "application/json; charset=utf-8")
            response.headers[.eTag] = "\"\(entry.run)\""
            return response
        }
        routes.get(":round/results.csv") { _, context in
            _ = try context.require(.admin, .analyst)
            let entry = try results.latest(round: try context.parameters.require("round"))
            var response = Reply.buffer(entry.csvBuffer, contentType: "text/csv; charset=utf-8")
            response.headers[.eTag] = "\"\(entry.run)\""
            return response
        }
        return routes
    }
}
