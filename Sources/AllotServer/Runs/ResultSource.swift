import AllotStore
import Foundation

/// The latest successful result of a round: from the cache, else from the store (after a restart), then cached.
/// The API's `/results` routes and the round pages read results only through it.
struct ResultSource<Rounds: RoundRepository, Runs: RunRepository>: Sendable {
    let rounds: Rounds
    let runs: Runs
    let results: ResultCache

    /// The latest result of round `id`; nil when it has no successful run yet (a missing round is 404). A cached
    /// result is checked against the store once `ResultCache.revalidateAfter` has passed, so a newer run made by
    /// another instance on the same store replaces it.
    func latestIfAny(round id: String) throws -> ResultCache.Entry? {
        if let fresh = results.freshEntry(round: id) { return fresh }
        guard let latest = try runs.latestSucceededRun(round: id) else {
            guard try rounds.find(id) != nil else { throw APIError.notFound("no round '\(id)'") }
            return nil
        }
        if let cached = results.entry(round: id), cached.run == latest {
            results.confirm(round: id, run: latest)
            return cached
        }
        guard let stored = try runs.latestResult(round: id) else { return nil }
        results.store(round: id, run: stored.run.id, json: stored.json, csv: stored.csv)
        return results.entry(round: id) ?? ResultCache.Entry(run: stored.run.id, json: stored.json, csv: stored.csv)
    }

    /// The latest result of round `id`, or 404 saying it has not run.
    func latest(round id: String) throws -> ResultCache.Entry {
        guard let entry = try latestIfAny(round: id) else { throw APIError.notFound("round '\(id)' has no successful run yet") }
        return entry
    }
}
