import AllotStore
import Foundation
import Hummingbird

/// `/admin/activity`: every change anyone made, who, when, and what it was before and after, filtered by the query
/// `GET /v1/activity` reads (`ActivityQuery`), with the same entries as CSV at `/admin/activity.csv`; and
/// `/rounds/{round}/history`, one round's entries (admins and analysts), as `GET /v1/rounds/{round}/history`.
struct ActivityPagesController<Activities: ActivityRepository, Rounds: RoundRepository> {
    let activity: Activities
    let rounds: Rounds
    let pages: PageRenderer

    struct Page: Sendable {
        struct Option: Sendable {
            let value: String
            let label: String
            let selected: Bool
        }

        let layout: PageLayout
        let errors: FormErrors
        let isLog: Bool
        let actions: [Option]
        let round: String
        let actor: String
        let since: String
        let until: String
        let sinceError: String?
        let untilError: String?
        let entries: [ActivityRow]
        let hasEntries: Bool
        let csvHref: String
        let olderHref: String?
        let roundName: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/admin/activity") { request, context in
            let identity = try context.require(.admin)
            return try logPage(request, identity: identity, context: context)
        }
        routes.get("/admin/activity.csv") { request, context in
            _ = try context.require(.admin)
            var query = try ActivityQuery(request.uri.queryParameters)
            query.filter.limit = ActivityQuery.exportLimit
            return try csv(query, name: "allot-activity.csv")
        }
        // One round's history as CSV, for everyone who may read that history (an analyst may not read the whole log).
        routes.get("/rounds/:round/history.csv") { request, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            var query = try ActivityQuery(request.uri.queryParameters)
            query.filter.round = round.id
            query.filter.limit = ActivityQuery.exportLimit
            return try csv(query, name: "allot-history-\(PagePath.segment(round.id)).csv")
        }
        routes.get("/rounds/:round/history") { request, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            var query = try ActivityQuery(request.uri.queryParameters)
            query.filter.round = round.id
            let base = "/rounds/\(PagePath.segment(round.id))"
            let entries = try activity.entries(query.filter)
            let layout = PageLayout(title: "History of \(round.name)", identity: identity, session: context.session, section: .rounds,
                                    crumbs: [("Rounds", "/rounds"), (round.name, base)])
            return try pages.page("activity", Page(
                layout: layout, errors: FormErrors(), isLog: false, actions: [], round: round.id, actor: "", since: "", until: "", sinceError: nil,
                untilError: nil, entries: entries.map(ActivityRow.init), hasEntries: !entries.isEmpty, csvHref: "\(base)/history.csv",
                olderHref: Self.older(entries, query, path: "\(base)/history"), roundName: round.name))
        }
        return routes
    }

    func csv(_ query: ActivityQuery, name: String) throws -> Response {
        var response = Reply.raw(ActivityCSV.data(try activity.entries(query.filter)), contentType: "text/csv; charset=utf-8")
        response.headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return response
    }

    func logPage(_ request: Request, identity: Identity, context: AllotRequestContext) throws -> Response {
        let params = request.uri.queryParameters
        var asked: [String: String] = [:]
        for (k, v) in params { asked[String(k)] = String(v) }
        var errors = FormErrors()
        var entries: [ActivityEntry] = []
        var query: ActivityQuery?
        do {
            let q = try ActivityQuery(params)
            query = q
            entries = try activity.entries(q.filter)
        } catch let error as APIError where error.status == .badRequest {
            errors = FormErrors([.init(field: error.path ?? "action", message: FormErrors.message(error))])
        }
        let chosen = asked["action"] ?? ""
        let actions = [Page.Option(value: "", label: "All changes", selected: chosen.isEmpty)]
            + ActivityAction.allCases.map { Page.Option(value: $0.rawValue, label: $0.words, selected: $0.rawValue == chosen) }
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Activity log", identity: identity, session: context.session, section: .admin,
                                crumbs: [("Administration", "/admin")])
        let filterQuery = ["action", "round", "actor", "since", "until"].compactMap { key in
            asked[key].flatMap { $0.isEmpty ? nil : "\(key)=\(PagePath.query($0))" }
        }.joined(separator: "&")
        return try pages.page("activity", Page(
            layout: layout, errors: errors, isLog: true, actions: actions, round: asked["round"] ?? "", actor: asked["actor"] ?? "",
            since: asked["since"] ?? "", until: asked["until"] ?? "", sinceError: errors.message(for: "since"), untilError: errors.message(for: "until"),
            entries: entries.map(ActivityRow.init), hasEntries: !entries.isEmpty,
            csvHref: "/admin/activity.csv" + (filterQuery.isEmpty ? "" : "?\(filterQuery)"),
            olderHref: query.flatMap { Self.older(entries, $0, path: "/admin/activity", extra: filterQuery) }, roundName: nil),
            status: errors.hasErrors ? .badRequest : .ok)
    }

    /// The next page's link when this one is full.
    static func older(_ entries: [ActivityEntry], _ query: ActivityQuery, path: String, extra: String = "") -> String? {
        guard entries.count == query.filter.limit, let last = entries.last?.id else { return nil }
        return "\(path)?" + (extra.isEmpty ? "" : "\(extra)&") + "older_than=\(last)"
    }
}

/// One entry as the activity table shows it.
struct ActivityRow: Sendable {
    let id: String
    let at: String
    let actor: String
    let action: String
    let round: String
    let roundHref: String?
    let subject: String
    let summary: String
    let before: String?
    let after: String?
    let hasDetail: Bool

    init(_ e: ActivityEntry) {
        id = e.id.map(String.init) ?? ""
        at = PageFormat.time(e.at)
        actor = e.actor
        action = e.action.words
        round = e.round ?? "–"
        roundHref = e.round.map { "/rounds/\(PagePath.segment($0))" }
        subject = e.subject
        summary = e.summary
        before = e.before
        after = e.after
        hasDetail = e.before != nil || e.after != nil
    }
}
