import AllotCore
import AllotRounds
import AllotStore
import Foundation
import Hummingbird

/// The panel's pages: the rounds, one round's ranking and portfolio, a proposal with its evidence and the decision
/// form, the result CSV and a run's audit record. Each reads through the same code as its `/v1` twin (the same roles,
/// the same round lookup, `ResultSource` for results, `DecisionRecorder` for decisions), so they never disagree.
struct RoundPagesController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let runs: Runs
    let results: ResultSource<Rounds, Runs>
    let decisions: DecisionRecorder<Rounds, Runs>
    let pages: PageRenderer

    struct DecisionForm: Decodable {
        let csrf: String?
        let decision: String?
        let amount: String?
        let reason: String?
    }

    struct RunPage: Sendable {
        struct Input: Sendable {
            let name: String
            let value: String
        }

        let layout: PageLayout
        let id: String
        let trigger: String
        let status: String
        let started: String
        let finished: String
        let attempt: Int
        let codeVersion: String
        let error: String?
        let inputs: [Input]
        let config: String
        /// For an admin, a finished run's settings can become the round's (a what-if, most often).
        let applyAction: String?
        let csrf: String
        let isWhatIf: Bool
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/rounds") { _, context in
            let identity = try context.require(.admin, .analyst)
            let rows = try rounds.all().map { try RoundListPage.row($0, rounds: rounds, runs: runs) }
            let layout = PageLayout(title: "Rounds", identity: identity, session: context.session, section: .rounds)
            return try pages.page("rounds", RoundListPage(layout: layout, rows: rows, hasRows: !rows.isEmpty))
        }
        routes.get("/rounds/:round") { request, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            let q = request.uri.queryParameters
            let filters = RoundPage.Filters(show: q.get("show"), group: q.get("group"), ric: q.get("ric"))
            let layout = PageLayout(title: round.name, identity: identity, session: context.session, section: .rounds, crumbs: [("Rounds", "/rounds")])
            let entry = try results.latestIfAny(round: round.id)
            let run = try entry.flatMap { try runs.run(round: round.id, id: $0.run) }
            let page = try RoundPage.make(round: round, entry: entry, run: run, decisions: try rounds.decisions(round: round.id), filters: filters,
                                          layout: layout, canChange: identity.role == .admin)
            return try pages.page("round", page)
        }
        routes.get("/rounds/:round/results.csv") { _, context in
            _ = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            let entry = try results.latest(round: round.id)
            var response = Reply.buffer(entry.csvBuffer, contentType: "text/csv; charset=utf-8")
            response.headers[.contentDisposition] = "attachment; filename=\"\(PagePath.segment(round.id))-\(PagePath.segment(entry.run)).csv\""
            return response
        }
        routes.get("/rounds/:round/runs/:run") { _, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            let id = try context.parameters.require("run")
            guard let run = try runs.run(round: round.id, id: id) else { throw APIError.notFound("no run '\(id)' of round '\(round.id)'") }
            let base = "/rounds/\(PagePath.segment(round.id))"
            let layout = PageLayout(title: "Run \(run.id)", identity: identity, session: context.session, section: .rounds,
                                    crumbs: [("Rounds", "/rounds"), (round.name, base)])
            return try pages.page("run", RunPage(
                layout: layout, id: run.id, trigger: run.trigger, status: run.status.rawValue, started: PageFormat.time(run.startedAt),
                finished: PageFormat.time(run.finishedAt), attempt: run.attempt, codeVersion: run.codeVersion, error: run.error,
                inputs: run.inputs.keys.sorted().map { RunPage.Input(name: $0, value: run.inputs[$0] ?? "") }, config: run.config,
                applyAction: identity.role == .admin && run.status == .succeeded && round.state != .closed
                    ? "\(base)/runs/\(PagePath.segment(run.id))/apply" : nil,
                csrf: context.session?.csrf ?? "", isWhatIf: run.trigger.contains("what-if")))
        }
        routes.get("/rounds/:round/proposals/:proposal") { request, context in
            let identity = try context.require(.admin, .analyst)
            let round = try RoundController.round(context, rounds)
            let recorded = request.uri.queryParameters.get("recorded") == "1"
            return try proposalPage(round: round, identity: identity, context: context, input: nil, errors: FormErrors(), recorded: recorded,
                                    withdrawnNow: request.uri.queryParameters.get("withdrawn") == "1")
        }
        routes.post("/rounds/:round/proposals/:proposal") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let form = try await FormBody.decode(DecisionForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            let proposal = try context.parameters.require("proposal")
            let (input, problems) = Self.decisionInput(form, proposal: proposal)
            if let input, problems.items.isEmpty {
                do {
                    _ = try decisions.record([input], in: round, by: identity)
                    return PageRenderer.redirect("/rounds/\(PagePath.segment(round.id))/proposals/\(PagePath.segment(proposal))?recorded=1")
                } catch let error as APIError where error.status == .unprocessableContent {
                    let field = Self.field(of: error.path)
                    return try proposalPage(round: round, identity: identity, context: context, input: form,
                                            errors: FormErrors([.init(field: field, message: FormErrors.message(error))]), recorded: false,
                                            status: .unprocessableContent)
                }
            }
            return try proposalPage(round: round, identity: identity, context: context, input: form, errors: problems, recorded: false,
                                    status: .unprocessableContent)
        }
        return routes
    }

    /// The form as the API's decision, or what is missing from it, per field.
    static func decisionInput(_ form: DecisionForm, proposal: String) -> (DecisionInput?, FormErrors) {
        let reason = form.reason.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        switch form.decision {
        case "fund":
            let text = (form.amount ?? "").replacingOccurrences(of: "£", with: "").replacingOccurrences(of: ",", with: "")
                .trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { return (nil, FormErrors([.init(field: "amount", message: "Enter the amount to fund, in pounds")])) }
            guard let amount = Double(text), amount.isFinite else {
                return (nil, FormErrors([.init(field: "amount", message: "Enter the amount as a number of pounds, like 12000")]))
            }
            return (DecisionInput(proposal: proposal, decision: .fund, amount: amount, reason: reason), FormErrors())
        case "decline":
            return (DecisionInput(proposal: proposal, decision: .decline, amount: nil, reason: reason), FormErrors())
        default:
            return (nil, FormErrors([.init(field: "decision-fund", message: "Select fund or decline")]))
        }
    }

    /// The form field of an API error's JSON path (`$[0].amount` -> `amount`); the radios' first option otherwise.
    static func field(of path: String?) -> String {
        guard let path, let last = path.split(separator: ".").last else { return "decision-fund" }
        switch last {
        case "amount": return "amount"
        case "reason": return "reason"
        default: return "decision-fund"
        }
    }

    func proposalPage(round: RoundRecord, identity: Identity, context: AllotRequestContext, input: DecisionForm?, errors: FormErrors,
                      recorded: Bool, withdrawnNow: Bool = false, status: HTTPResponse.Status = .ok) throws -> Response {
        let id = try context.parameters.require("proposal")
        let entry = try results.latest(round: round.id)
        guard let doc = entry.document else { throw ServiceStoreError.corrupt("round_run.result of \(entry.run) cannot be read") }
        guard let proposal = doc.proposals.first(where: { $0.scored.id == id }) else {
            throw APIError.notFound("no proposal '\(id)' in the latest run of round '\(round.id)'")
        }
        let base = "/rounds/\(PagePath.segment(round.id))"
        var form: ProposalPage.Form?
        if identity.role == .admin, round.state != .closed, let session = context.session {
            let recommended = proposal.recommended == true
            form = ProposalPage.Form(
                csrf: session.csrf, action: "\(base)/proposals/\(PagePath.segment(id))",
                fundChecked: input.map { $0.decision == "fund" } ?? recommended, declineChecked: input.map { $0.decision == "decline" } ?? !recommended,
                amount: input?.amount ?? (recommended ? PageFormat.number(proposal.award, places: 0) : ""), reason: input?.reason ?? "",
                recommendation: ProposalPage.recommendation(proposal), errors: errors, decisionError: errors.message(for: "decision-fund"),
                amountError: errors.message(for: "amount"), reasonError: errors.message(for: "reason"))
        }
        let title = proposal.scored.title.isEmpty ? id : proposal.scored.title
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + title, identity: identity, session: context.session, section: .rounds,
                                crumbs: [("Rounds", "/rounds"), (round.name, base)])
        var page = ProposalPage.make(round: round, proposal: proposal, document: doc, decisions: try rounds.decisions(round: round.id), form: form,
                                     recorded: recorded, layout: layout)
        let stored = try rounds.proposal(round: round.id, id: id)
        page.withdrawn = stored?.withdrawnAt.map(PageFormat.time)
        if identity.role == .admin, round.state != .closed, stored != nil, stored?.withdrawnAt == nil {
            page.withdrawHref = "\(base)/proposals/\(PagePath.segment(id))/withdraw"
        }
        page.withdrawnNow = withdrawnNow
        return try pages.page("proposal", page, status: status)
    }
}
