import AllotCore
import AllotStore
import Foundation
import Hummingbird

/// `/surveys`: the surveys with responses, refusals, state and close time; an upload form for a survey CSV (admin)
/// whose errors are listed with file, line and column; and `/surveys/{survey}`, a survey's summary tables with bars by
/// sector. Uploads and summaries go through `SurveyController`'s own methods, the code of
/// `POST /v1/surveys/{survey}/responses` and `GET /v1/surveys/{survey}/summary`.
struct SurveyPagesController<Schedules: SurveyScheduleRepository, Surveys: SurveyRepository, Outbox: OutboxStore> {
    let surveys: SurveyController<Schedules, Surveys, Outbox>
    let pages: PageRenderer

    struct Upload: Decodable {
        let csrf: String?
        let survey: String?
        let file: UploadedFile?
    }

    struct ListPage: Sendable {
        struct Row: Sendable {
            let id: String
            let href: String
            let title: String
            let state: String
            let responses: Int
            let refusals: Int
            let closes: String
        }

        struct Option: Sendable {
            let value: String
            let selected: Bool
        }

        let layout: PageLayout
        let rows: [Row]
        let hasRows: Bool
        let canUpload: Bool
        let csrf: String
        let options: [Option]
        let errors: FormErrors
        let fileError: String?
        let surveyError: String?
        let uploaded: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/surveys") { request, context in
            let identity = try context.require(.admin, .analyst)
            return try listPage(identity: identity, context: context, errors: FormErrors(), chosen: nil,
                                uploaded: PageNotice.read("uploaded", request, session: context.session))
        }
        routes.post("/surveys/upload") { request, context in
            let identity = try context.require(.admin)
            let body = try await request.body.collect(upTo: surveys.uploadLimit + 64 * 1024)
            let form = try MultipartForm.decode(Upload.self, body: body, contentType: request.headers[.contentType])
            try WebSecurity.checkCSRF(form.csrf, context)
            guard let survey = form.survey, !survey.isEmpty, try surveys.view(survey).id == survey else {
                return try listPage(identity: identity, context: context, errors: FormErrors([.init(field: "survey", message: "Select the survey the file belongs to")]),
                                    chosen: nil, uploaded: nil, status: .unprocessableContent)
            }
            guard let file = form.file, !file.bytes.isEmpty else {
                return try listPage(identity: identity, context: context, errors: FormErrors([.init(field: "file", message: "Choose the survey's CSV file")]),
                                    chosen: survey, uploaded: nil, status: .unprocessableContent)
            }
            let schedule = try surveys.ensureSchedule(survey)
            guard schedule.closedAt == nil else { throw APIError.conflict("survey \(survey) is closed: it accepts no more responses") }
            let name = file.fileName.isEmpty ? "\(survey).csv" : file.fileName
            do {
                let report = try await BlockingWork.run { try surveys.importCSV(file.bytes, survey: survey, fileName: name, by: identity) }
                let line = "\(name): \(report.inserted) responses stored, \(report.unchanged) already stored, \(report.refusals) refusals kept as ids only"
                return PageRenderer.redirect("/surveys?" + PageNotice.query("uploaded", line, session: context.session))
            } catch {
                // The same error the API answers (file, line and column), as the form's message: nothing was stored.
                let mapped = ErrorMapping.apiError(error)
                guard mapped.status == .unprocessableContent else { throw error }
                return try listPage(identity: identity, context: context,
                                    errors: FormErrors([.init(field: "file", message: "Nothing was stored: " + mapped.detail)]), chosen: survey, uploaded: nil,
                                    status: .unprocessableContent)
            }
        }
        routes.get("/surveys/:survey") { _, context in
            let identity = try context.require(.admin, .analyst)
            let id = try context.parameters.require("survey")
            let view = try surveys.view(id)
            let summary = try surveys.summary(id)
            let layout = PageLayout(title: view.title ?? id, identity: identity, session: context.session, section: .surveys,
                                    crumbs: [("Surveys", "/surveys")])
            return try pages.page("survey", SurveySummaryPage.make(summary, id: id, state: view.state, layout: layout))
        }
        return routes
    }

    func listPage(identity: Identity, context: AllotRequestContext, errors: FormErrors, chosen: String?, uploaded: String?,
                  status: HTTPResponse.Status = .ok) throws -> Response {
        let views = try surveys.views()
        let rows = views.map { v in
            ListPage.Row(id: v.id, href: "/surveys/\(PagePath.segment(v.id))", title: v.title ?? v.year ?? "", state: v.state, responses: v.responses,
                         refusals: v.refusals,
                         closes: v.closedAt.map { "closed \(PageFormat.time($0))" } ?? v.closesAt.map { "closes \(PageFormat.time($0))" } ?? "no close time")
        }
        let open = views.filter { $0.closedAt == nil }
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Surveys", identity: identity, session: context.session, section: .surveys)
        return try pages.page("surveys", ListPage(
            layout: layout, rows: rows, hasRows: !rows.isEmpty, canUpload: identity.role == .admin && !open.isEmpty, csrf: context.session?.csrf ?? "",
            options: open.map { ListPage.Option(value: $0.id, selected: $0.id == chosen) }, errors: errors, fileError: errors.message(for: "file"),
            surveyError: errors.message(for: "survey"), uploaded: uploaded), status: status)
    }
}
