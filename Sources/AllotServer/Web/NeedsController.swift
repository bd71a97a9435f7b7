import AllotCore
import AllotStore
import Foundation
import Hummingbird

/// `/needs`: the need map and its table, from `EvidenceLoader.needReport`, the code of `GET /v1/needs`.
struct NeedsController<Surveys: SurveyRepository> {
    let surveys: Surveys
    let evidence: EvidenceLoader
    let pages: PageRenderer

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/needs") { request, context in
            let identity = try context.require(.admin, .analyst)
            let loaded = try surveys.surveys().map(\.id)
            var ids = request.uri.queryParameters.getAll("survey").map { String($0) }.filter { !$0.isEmpty }
            if ids.isEmpty { ids = loaded }
            let group = request.uri.queryParameters.get("group").flatMap { Taxonomy.learnerGroup.index(of: $0) != nil ? $0 : nil }
            let layout = PageLayout(title: "Need by council area", identity: identity, session: context.session, section: .needs)
            guard !ids.isEmpty else {
                return try pages.page("problem", ProblemPage(layout: layout, detail: "No survey is loaded yet: the need map is drawn from survey responses."))
            }
            // A survey named in the link that is not loaded is named back, with the ones that are (a link from an
            // old email, or a typing slip), rather than the bare page-not-found.
            if let unknown = ids.first(where: { !loaded.contains($0) }) {
                let detail = "No survey called \u{201C}\(unknown)\u{201D} is loaded. "
                    + (loaded.isEmpty ? "No survey is loaded yet." : "The surveys loaded are: \(loaded.joined(separator: ", ")).")
                return try pages.page("problem", ProblemPage(layout: layout.titled("Survey not found"), detail: detail), status: .notFound)
            }
            let chosen = ids
            let report = try await BlockingWork.run { try evidence.needReport(surveys: chosen) }
            return try pages.page("needs", NeedsPage.make(report: report, surveys: ids, group: group, layout: layout))
        }
        return routes
    }
}
