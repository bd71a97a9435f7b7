import AllotCore
import AllotRounds
import AllotStore
import Foundation
import Hummingbird
import Logging

/// `/rounds/{round}/what-if`: change the weights, the budget, the floors and the cap and see, beside the stored run,
/// what moves. The preview is the real re-score and re-solve (`RoundRunService.preview`, the run's own code without
/// robustness sampling) and stores nothing, so it is a GET; an admin may save it as a new run (trigger `what-if`),
/// which leaves the round's own settings as they are.
struct WhatIfController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let results: ResultSource<Rounds, Runs>
    let service: RoundRunService
    let activity: any ActivityRepository
    let pages: PageRenderer
    let logger = Logger(label: "allot.web.what-if")

    struct Page: Sendable {
        let layout: PageLayout
        let action: String
        let form: WhatIfForm
        let errors: FormErrors
        let comparison: WhatIfComparison?
        let problem: String?
        let canSave: Bool
        let csrf: String
        let query: [Hidden]
        let runID: String
        let runHref: String
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/rounds/:round/what-if") { request, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            var values: [String: String] = [:]
            for (k, v) in request.uri.queryParameters { values[String(k)] = String(v) }
            return try await page(round: round, identity: identity, context: context, values: values, asked: values["preview"] == "1")
        }
        routes.post("/rounds/:round/what-if") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let values = try await FormBody.decode([String: String].self, request)
            try WebSecurity.checkCSRF(values["csrf"], context)
            let entry = try results.latest(round: round.id)
            guard let doc = entry.document else { throw ServiceStoreError.corrupt("round_run.result of \(entry.run) cannot be read") }
            let form = WhatIfForm(values: values, asked: true, round: round, document: doc)
            guard let settings = form.settings else {
                return try await page(round: round, identity: identity, context: context, values: values, asked: true)
            }
            let run = try await service.run(round: round.id, trigger: "what-if", settings: settings)
            try activity.record([try Activity.entry(.runRequested, by: identity, at: run.startedAt, round: round.id, subject: run.id,
                                                    summary: "saved a what-if as run \(run.id) (\(run.status.rawValue)); the round's settings are unchanged until it is applied",
                                                    before: RoundController<Rounds>.RoundView(round).settings, after: settings)])
            logger.info("What-if saved as a run", metadata: ["round": "\(round.id)", "run": "\(run.id)", "status": "\(run.status.rawValue)"])
            return PageRenderer.redirect("/rounds/\(PagePath.segment(round.id))/runs/\(PagePath.segment(run.id))")
        }
        return routes
    }

    func page(round: RoundRecord, identity: Identity, context: AllotRequestContext, values: [String: String], asked: Bool) async throws -> Response {
        let base = "/rounds/\(PagePath.segment(round.id))"
        let entry = try results.latest(round: round.id)
        guard let doc = entry.document else { throw ServiceStoreError.corrupt("round_run.result of \(entry.run) cannot be read") }
        let form = WhatIfForm(values: values, asked: asked, round: round, document: doc)
        var comparison: WhatIfComparison?
        var problem: String?
        if asked, let settings = form.settings {
            let clock = ContinuousClock()
            let started = clock.now
            do {
                let preview = try await service.preview(round: round, settings: settings)
                let elapsed = clock.now - started
                comparison = WhatIfComparison(stored: doc, preview: preview, base: base,
                                              seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            } catch let failure as RunSettings.Failure {
                // The run's own words ("no portfolio meets the round's rules: ..."), as a sentence.
                problem = failure.description.prefix(1).uppercased() + failure.description.dropFirst()
            }
        }
        let title = (form.errors.hasErrors ? "Error: " : "") + "What if: \(round.name)"
        let layout = PageLayout(title: title, identity: identity, session: context.session, section: .rounds,
                                crumbs: [("Rounds", "/rounds"), (round.name, base)])
        let fields = form.weights.map { Hidden(name: $0.id, value: $0.value) } + [Hidden(name: "budget", value: form.budget.value)]
            + form.floors.map { Hidden(name: $0.id, value: $0.value) } + [Hidden(name: "cap", value: form.cap.value)]
        let page = Page(layout: layout, action: "\(base)/what-if", form: form, errors: form.errors, comparison: comparison, problem: problem,
                        canSave: identity.role == .admin && round.state != .closed && comparison != nil, csrf: context.session?.csrf ?? "",
                        query: fields, runID: entry.run, runHref: "\(base)/runs/\(PagePath.segment(entry.run))")
        return try pages.page("what-if", page, status: form.errors.hasErrors ? .unprocessableContent : .ok)
    }
}
