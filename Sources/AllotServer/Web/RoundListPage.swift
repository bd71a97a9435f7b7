import AllotCore
import AllotStore
import Foundation

/// `/rounds`: every round with its state, budget, review progress, last run and what needs doing next.
struct RoundListPage: Sendable {
    struct Row: Sendable {
        let id: String
        let name: String
        let href: String
        let state: String
        let budget: String
        let reviews: String
        let lastRun: String
        let next: String
    }

    let layout: PageLayout
    let rows: [Row]
    let hasRows: Bool

    /// What a round needs next, from its state and what it holds: the one step that moves it on.
    static func nextStep(state: RoundState, proposals: Int, expectedReviews: Int, reviewsIn: Int, lastSuccess: RoundRunRecord?,
                         decided: Int, awaitingAssignment: Bool = false) -> String {
        switch state {
        case .closed: return "Nothing: the round is closed"
        case .open, .reviewing, .scored, .decided:
            if proposals == 0 { return "Add the round's proposals" }
            if awaitingAssignment { return "Assign reviewers (or load the panel's reviews)" }
            if reviewsIn < expectedReviews { return "Wait for \(expectedReviews - reviewsIn) of \(expectedReviews) reviews" }
            if lastSuccess == nil { return "Run the round" }
            if decided < proposals { return "Record the panel's decisions (\(decided) of \(proposals) decided)" }
            return "Close the round"
        }
    }

    /// One round's row from the store.
    static func row(_ round: RoundRecord, rounds: some RoundRepository, runs: some RunRepository) throws -> Row {
        let proposals = try rounds.proposals(round: round.id).filter { $0.withdrawnAt == nil }
        let live = Set(proposals.map(\.id))
        let assignments = try rounds.assignments(round: round.id).filter { live.contains($0.proposal) }
        let reviewed = Set(try rounds.reviews(round: round.id).map { "\($0.proposal)\u{1F}\(ConflictKey.reviewer($0.reviewer))" })
        let reviewsIn = assignments.filter { reviewed.contains("\($0.proposal)\u{1F}\(ConflictKey.reviewer($0.reviewer))") }.count
        let history = try runs.runs(round: round.id)
        let last = history.max { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        let lastSuccess = history.filter { $0.status == .succeeded }.max { ($0.startedAt, $0.id) < ($1.startedAt, $1.id) }
        let decided = Set(try rounds.decisions(round: round.id).map(\.proposal)).count
        let runText = last.map { "\(PageFormat.time($0.finishedAt ?? $0.startedAt)), \($0.trigger), \($0.status.rawValue)" } ?? "Not run yet"
        // Reviews loaded as the panel's file come without assignments: then what is in is the reviews themselves.
        let loaded = Set(reviewed.filter { key in live.contains(String(key.split(separator: "\u{1F}").first ?? "")) }).count
        let perProposal = round.settings.reviewsPerProposal ?? 0
        let reviews = !assignments.isEmpty ? "\(reviewsIn) of \(assignments.count) in"
            : loaded > 0 ? "\(loaded) in (loaded from the panel's file)"
            : perProposal > 0 ? "none yet: \(proposals.count * perProposal) expected once reviewers are assigned" : "No reviewers assigned"
        return Row(id: round.id, name: round.name, href: "/rounds/\(PagePath.segment(round.id))", state: round.state.rawValue,
                   budget: PageFormat.money(round.settings.budget),
                   reviews: reviews,
                   lastRun: runText,
                   next: nextStep(state: round.state, proposals: proposals.count, expectedReviews: assignments.count, reviewsIn: reviewsIn,
                                  lastSuccess: lastSuccess, decided: decided,
                                  awaitingAssignment: assignments.isEmpty && loaded == 0 && (perProposal > 0 || (round.settings.minimumReviews ?? 0) > 0)))
    }
}

/// Path segments of the pages' links, percent-encoded (ids are checked at entry, but a link never trusts that).
enum PagePath {
    static func segment(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }

    /// A query value, percent-encoded as a segment is (so `&`, `=` and `+` stay inside the value).
    static func query(_ value: String) -> String { segment(value) }
}
