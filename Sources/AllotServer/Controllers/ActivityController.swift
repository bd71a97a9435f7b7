import AllotIngest
import AllotStore
import Foundation
import Hummingbird

/// The activity log over the API: `GET /v1/activity` (JSON) and `GET /v1/activity.csv` (admin), filtered by the query
/// (`action`, `round`, `actor`, `since`, `until` as dates, `older_than` an entry id for the next page, `limit`), and a
/// round's history, `GET /v1/rounds/{round}/history` (admin, analyst). The activity page reads the same query.
struct ActivityController<Activities: ActivityRepository, Rounds: RoundRepository> {
    let activity: Activities
    let rounds: Rounds

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("activity") { request, context in
            _ = try context.require(.admin)
            return try Reply.json(try activity.entries(try ActivityQuery(request.uri.queryParameters).filter))
        }
        routes.get("activity.csv") { request, context in
            _ = try context.require(.admin)
            var query = try ActivityQuery(request.uri.queryParameters)
            query.filter.limit = ActivityQuery.exportLimit
            var response = Reply.raw(ActivityCSV.data(try activity.entries(query.filter)), contentType: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"allot-activity.csv\""
            return response
        }
        routes.get("rounds/:round/history") { request, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            var query = try ActivityQuery(request.uri.queryParameters)
            query.filter.round = round.id
            return try Reply.json(try activity.entries(query.filter))
        }
        return routes
    }
}

/// The activity log's filter read from a query string; a bad value is 400 naming its parameter.
struct ActivityQuery {
    var filter: ActivityFilter
    /// What was asked, as typed, to fill the page's filter form back in.
    let asked: [String: String]

    static let defaultLimit = 200
    static let maxLimit = 1_000
    /// An export holds every entry the filter selects, up to this many.
    static let exportLimit = 1_000_000

    init(_ query: some Sequence<(key: Substring, value: Substring)>) throws {
        var asked: [String: String] = [:]
        for (k, v) in query { asked[String(k)] = String(v).trimmingCharacters(in: .whitespaces) }
        self.asked = asked
        func present(_ key: String) -> String? { asked[key].flatMap { $0.isEmpty ? nil : $0 } }
        var f = ActivityFilter(limit: Self.defaultLimit)
        if let a = present("action") {
            guard let action = ActivityAction(rawValue: a) else {
                throw Self.problem("action", "'\(TextLimits.shown(a))' is not an activity; expected one of \(ActivityAction.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            f.action = action
        }
        f.round = present("round")
        f.actor = present("actor")
        f.since = try present("since").map { try Self.day($0, "since") }
        // `until` names the last day included.
        f.until = try present("until").map { try Self.day($0, "until").addingTimeInterval(86_400) }
        if let o = present("older_than") {
            guard let id = Int64(o), id > 0 else { throw Self.problem("older_than", "give an activity entry's id, a whole number") }
            f.olderThan = id
        }
        if let l = present("limit") {
            guard let n = Int(l), (1...Self.maxLimit).contains(n) else { throw Self.problem("limit", "give a number of entries from 1 to \(Self.maxLimit)") }
            f.limit = n
        }
        filter = f
    }

    /// A date (`2026-12-03`) or a time (ISO 8601), read as UTC.
    static func day(_ text: String, _ name: String) throws -> Date {
        if let time = try? Date(text, strategy: .iso8601) { return time }
        if let day = try? Date("\(text)T00:00:00Z", strategy: .iso8601) { return day }
        throw problem(name, "'\(TextLimits.shown(text))' is not a date; write it as 2026-12-03")
    }

    /// A bad parameter: 400 naming it (`path` is the parameter, so the activity page puts the message on its field).
    static func problem(_ parameter: String, _ message: String) -> APIError {
        APIError(.badRequest, "bad_request", "\(parameter): \(message)", path: parameter)
    }
}

/// The activity log as CSV (what an audit or freedom-of-information answer is built from).
enum ActivityCSV {
    static let header = ["id", "at", "actor", "action", "what", "round", "subject", "summary", "before", "after"]

    static func data(_ entries: [ActivityEntry]) -> Data {
        var out: [UInt8] = []
        func write(_ fields: [String]) {
            for (i, f) in fields.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                CSVWriter.append(neutralised(f), to: &out)
            }
            out.append(0x0A)
        }
        write(header)
        for e in entries {
            write([e.id.map(String.init) ?? "", e.at.formatted(.iso8601), e.actor, e.action.rawValue, e.action.words, e.round ?? "", e.subject,
                   e.summary, e.before ?? "", e.after ?? ""])
        }
        return Data(out)
    }

    /// A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@` or a tab as a formula; the log holds text people
    /// typed (names, reasons), so such a cell gets a leading apostrophe, which spreadsheets show as text.
    static func neutralised(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }
}
