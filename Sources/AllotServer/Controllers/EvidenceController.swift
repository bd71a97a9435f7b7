import AllotCore
import AllotStore
import Foundation
import Hummingbird

/// `GET /v1/needs` and `GET /v1/gaps`: the need model and the gap model from stored surveys and supply.
struct EvidenceController {
    let evidence: EvidenceLoader

    static let levels = ["national", "group", "ric", "council", "urban_rural", "simd_quintile", "all"]

    struct NeedsView: Encodable {
        let surveys: [String]
        let level: String
        let rows: [NeedRow]
    }

    struct GapsView: Encodable {
        let surveys: [String]
        let supplyYear: String?
        let report: GapReport
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("needs") { request, context in
            _ = try context.require(.admin, .analyst)
            let surveys = try Self.surveys(request)
            let level = request.uri.queryParameters["level"].map(String.init) ?? "council"
            guard Self.levels.contains(level) else {
                throw APIError.invalid("level: '\(level)' is not valid: expected one of \(Self.levels.joined(separator: ", "))", path: "level")
            }
            let report = try await BlockingWork.run { try evidence.needReport(surveys: surveys) }
            let rows = level == "all" ? report.rows : report.rows.filter { $0.level == level }
            return try Reply.json(NeedsView(surveys: surveys, level: level, rows: rows))
        }
        routes.get("gaps") { request, context in
            _ = try context.require(.admin, .analyst)
            let surveys = try Self.surveys(request)
            let year = request.uri.queryParameters["supply_year"].map(String.init)
            let report = try await BlockingWork.run { try evidence.gaps(surveys: surveys, supplyYear: year).gaps.report() }
            return try Reply.json(GapsView(surveys: surveys, supplyYear: year, report: report))
        }
        return routes
    }

    static func surveys(_ request: Request) throws -> [String] {
        let surveys = request.uri.queryParameters.getAll("survey").map { String($0) }
        guard !surveys.isEmpty else { throw APIError.invalid("survey: give at least one survey id, e.g. ?survey=practitioner-2022-23", path: "survey") }
        return surveys
    }
}
