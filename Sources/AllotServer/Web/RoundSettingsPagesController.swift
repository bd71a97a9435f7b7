import AllotCore
import AllotIngest
import AllotStore
import Foundation
import Hummingbird
import Logging

/// Changing a round from the web app (admins): `/rounds/{round}/settings` (the budget, weights, floors, cap and
/// review rules, and the round's conflicts with a button to remove each), `/rounds/{round}/proposals/{proposal}/withdraw`
/// and applying a saved run's settings from its audit page. Every change goes through `RoundChanger`, the code of
/// `PATCH /v1/rounds/{round}` and its sibling routes, so the pages and the API keep the same rules and history.
struct RoundSettingsPagesController<Rounds: RoundRepository, Runs: RunRepository> {
    let rounds: Rounds
    let results: ResultSource<Rounds, Runs>
    let changer: RoundChanger<Rounds, Runs>
    let pages: PageRenderer
    /// Config/, for the weights and constraints a round without its own uses (as a run would).
    let configDirectory: ConfigDirectory

    struct Page: Sendable {
        struct ConflictRow: Sendable {
            let reviewer: String
            let applicant: String
        }

        let layout: PageLayout
        let action: String
        let csrf: String
        let errors: FormErrors
        let form: WhatIfForm?
        let hasScoring: Bool
        let review: [RoundSettingsForm.Field]
        let conflicts: [ConflictRow]
        let hasConflicts: Bool
        let removeAction: String
        let historyHref: String
        let notice: String?
    }

    struct WithdrawPage: Sendable {
        let layout: PageLayout
        let action: String
        let csrf: String
        let errors: FormErrors
        let proposal: String
        let title: String
        let reason: String
        let reasonError: String?
    }

    struct CSRFForm: Decodable { let csrf: String? }
    struct ConflictForm: Decodable {
        let csrf: String?
        let reviewer: String?
        let applicant: String?
    }
    struct WithdrawForm: Decodable {
        let csrf: String?
        let reason: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/rounds/:round/settings") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let q = request.uri.queryParameters
            let notice: String? = if q.get("saved") == "1" { "The round's settings are saved. Run the round to see their effect." }
                else if q.get("saved") == "0" { "Nothing was changed." }
                else if let run = PageNotice.read("applied", request, session: context.session) { "The settings of run \(run) are now the round's. Run the round to see them in its result." }
                else if q.get("removed") == "1" { "The conflict is removed." } else { nil }
            return try page(round: round, identity: identity, context: context, values: [:], asked: false, errors: nil, notice: notice)
        }
        routes.post("/rounds/:round/settings") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let values = try await FormBody.decode([String: String].self, request)
            try WebSecurity.checkCSRF(values["csrf"], context)
            let form = RoundSettingsForm(values: values, asked: true, round: round, document: try document(round), defaults: try defaults())
            guard let patch = form.patch else {
                return try page(round: round, identity: identity, context: context, values: values, asked: true, errors: nil, status: .unprocessableContent)
            }
            let base = "/rounds/\(PagePath.segment(round.id))/settings"
            guard !patch.isEmpty else { return PageRenderer.redirect("\(base)?saved=0") }
            do {
                _ = try changer.patch(round, with: try JSONEncoder().encode(JSONValue.object(patch)), by: identity)
            } catch let error as APIError where error.status == .unprocessableContent {
                let errors = FormErrors([.init(field: RoundSettingsForm.field(of: error.path), message: FormErrors.message(error))])
                return try page(round: round, identity: identity, context: context, values: values, asked: true, errors: errors, status: .unprocessableContent)
            }
            return PageRenderer.redirect("\(base)?saved=1")
        }
        routes.post("/rounds/:round/conflicts/remove") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let form = try await FormBody.decode(ConflictForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            try changer.removeConflict(ConflictRecord(reviewer: form.reviewer ?? "", applicant: form.applicant ?? ""), in: round, by: identity)
            return PageRenderer.redirect("/rounds/\(PagePath.segment(round.id))/settings?removed=1")
        }
        routes.post("/rounds/:round/runs/:run/apply") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let form = try await FormBody.decode(CSRFForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            let run = try context.parameters.require("run")
            _ = try changer.apply(run: run, to: round, by: identity)
            return PageRenderer.redirect("/rounds/\(PagePath.segment(round.id))/settings?" + PageNotice.query("applied", run, session: context.session))
        }
        routes.get("/rounds/:round/proposals/:proposal/withdraw") { _, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            return try withdrawPage(round: round, identity: identity, context: context, reason: "", errors: FormErrors())
        }
        routes.post("/rounds/:round/proposals/:proposal/withdraw") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            let form = try await FormBody.decode(WithdrawForm.self, request)
            try WebSecurity.checkCSRF(form.csrf, context)
            let id = try context.parameters.require("proposal")
            do {
                _ = try changer.withdraw(proposal: id, in: round, reason: form.reason, by: identity)
            } catch let error as APIError where error.status == .unprocessableContent {
                return try withdrawPage(round: round, identity: identity, context: context, reason: form.reason ?? "",
                                        errors: FormErrors([.init(field: "reason", message: FormErrors.message(error))]), status: .unprocessableContent)
            }
            return PageRenderer.redirect("/rounds/\(PagePath.segment(round.id))/proposals/\(PagePath.segment(id))?withdrawn=1")
        }
        return routes
    }

    /// The latest run's document, if the round has run (the weights and floors fields need one).
    func document(_ round: RoundRecord) throws -> ResultDocument? {
        try results.latestIfAny(round: round.id)?.document
    }

    func page(round: RoundRecord, identity: Identity, context: AllotRequestContext, values: [String: String], asked: Bool, errors: FormErrors?,
              notice: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let form = RoundSettingsForm(values: values, asked: asked, round: round, document: try document(round), defaults: try defaults())
        let errors = errors ?? form.errors
        let base = "/rounds/\(PagePath.segment(round.id))"
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Settings of \(round.name)", identity: identity, session: context.session,
                                section: .rounds, crumbs: [("Rounds", "/rounds"), (round.name, base)])
        let conflicts = try rounds.conflicts(round: round.id).map { Page.ConflictRow(reviewer: $0.reviewer, applicant: $0.applicant) }
        return try pages.page("round-settings", Page(
            layout: layout, action: "\(base)/settings", csrf: context.session?.csrf ?? "", errors: errors, form: form.scoring,
            hasScoring: form.scoring != nil, review: form.review, conflicts: conflicts, hasConflicts: !conflicts.isEmpty,
            removeAction: "\(base)/conflicts/remove", historyHref: "\(base)/history", notice: notice), status: status)
    }

    func withdrawPage(round: RoundRecord, identity: Identity, context: AllotRequestContext, reason: String, errors: FormErrors,
                      status: HTTPResponse.Status = .ok) throws -> Response {
        let id = try context.parameters.require("proposal")
        guard let proposal = try rounds.proposal(round: round.id, id: id), proposal.withdrawnAt == nil else {
            throw APIError.notFound("no proposal '\(id)' that is not withdrawn in round '\(round.id)'")
        }
        let base = "/rounds/\(PagePath.segment(round.id))"
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Withdraw proposal \(proposal.id)", identity: identity,
                                session: context.session, section: .rounds,
                                crumbs: [("Rounds", "/rounds"), (round.name, base), (proposal.id, "\(base)/proposals/\(PagePath.segment(id))")])
        return try pages.page("withdraw", WithdrawPage(
            layout: layout, action: "\(base)/proposals/\(PagePath.segment(id))/withdraw", csrf: context.session?.csrf ?? "", errors: errors,
            proposal: proposal.id, title: proposal.title, reason: reason, reasonError: errors.message(for: "reason")), status: status)
    }

    /// Config/scoring.yaml's weights and default constraints: what a run uses where the round has none of its own.
    func defaults() throws -> RoundSettingsForm.Defaults {
        let (scoring, constraints) = try ScoringConfigLoader.load(from: configDirectory)
        var weights: [String: Double] = [:]
        for (criterion, weight) in scoring.weights { weights[criterion.rawValue] = weight }
        return RoundSettingsForm.Defaults(weights: weights, constraints: constraints)
    }

}
