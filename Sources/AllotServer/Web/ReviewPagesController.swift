import AllotCore
import AllotStore
import Foundation
import Hummingbird

/// The reviewer's pages: `/reviews` lists the proposals assigned to them (and only those, by `ReviewerScope`, the
/// API's rule), and `/reviews/{round}/{proposal}` holds the scoring form on the round's scale, which stores through
/// `ReviewSubmitter`, the same code as `POST /v1/rounds/{round}/reviews`.
struct ReviewPagesController<Rounds: RoundRepository> {
    let rounds: Rounds
    let submitter: ReviewSubmitter<Rounds>
    let conflicts: ConflictDeclarer<Rounds>
    let pages: PageRenderer

    struct ListPage: Sendable {
        struct Item: Sendable {
            let id: String
            let title: String
            let applicant: String
            let href: String
            let status: String
            let submitted: Bool
        }

        struct Round: Sendable {
            let name: String
            let deadline: String
            let items: [Item]
            let left: String
        }

        let layout: PageLayout
        let rounds: [Round]
        let hasRounds: Bool
        let submitted: String?
        let declared: String?
    }

    struct FormPage: Sendable {
        struct Field: Sendable {
            let name: String
            let id: String
            let label: String
            let value: String
            let error: String?
        }

        let layout: PageLayout
        let roundName: String
        let id: String
        let title: String
        let applicant: String
        let deadline: String
        let scale: String
        let min: String
        let max: String
        let fields: [Field]
        let comment: String
        let commentError: String?
        let errors: FormErrors
        let csrf: String
        let action: String
        let closed: Bool
        /// Set when the form shows the reviewer's saved, unsubmitted scores.
        let draftNote: String?
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.get("/reviews") { request, context in
            let identity = try context.require(.reviewer)
            var list: [ListPage.Round] = []
            for round in try rounds.all() where try RoundController.isAssigned(identity, in: round.id, rounds) {
                let scope = try ReviewerScope(reviewer: identity.reviewerID ?? "", round: round.id, rounds: rounds)
                let mine = Set(try rounds.reviews(round: round.id).filter { scope.isSelf($0.reviewer) }.map(\.proposal))
                let items = try rounds.proposals(round: round.id).filter { scope.canSee($0.id) }.map { p in
                    ListPage.Item(id: p.id, title: p.title.isEmpty ? p.id : p.title, applicant: p.applicant,
                                  href: "/reviews/\(PagePath.segment(round.id))/\(PagePath.segment(p.id))",
                                  status: mine.contains(p.id) ? "Submitted" : "Not started", submitted: mine.contains(p.id))
                }
                let left = items.filter { !$0.submitted }.count
                list.append(ListPage.Round(name: round.name, deadline: PageFormat.time(round.settings.reviewDeadline), items: items,
                                           left: left == 0 ? "All submitted" : left == 1 ? "1 to score" : "\(left) to score"))
            }
            let layout = PageLayout(title: "Your reviews", identity: identity, session: context.session, section: .reviews)
            let submitted = PageNotice.read("submitted", request, session: context.session).map { "Your scores for \($0) are submitted." }
            let declared = PageNotice.read("conflict", request, session: context.session).map {
                "Your conflict with the applicant of \($0) is recorded: it is no longer assigned to you, and the administrators have been told."
            }
            return try pages.page("reviews", ListPage(layout: layout, rounds: list, hasRounds: !list.isEmpty, submitted: submitted, declared: declared))
        }
        routes.get("/reviews/:round/:proposal") { _, context in
            let identity = try context.require(.reviewer)
            let (round, scope) = try scoped(context, identity)
            return try formPage(round: round, scope: scope, context: context, identity: identity, posted: nil, errors: FormErrors())
        }
        routes.post("/reviews/:round/:proposal") { request, context in
            let identity = try context.require(.reviewer)
            let (round, scope) = try scoped(context, identity)
            let form = try await FormBody.decode([String: String].self, request)
            try WebSecurity.checkCSRF(form["csrf"], context)
            let proposal = try context.parameters.require("proposal")
            let criteria = try submitter.criteria(round: round.id)
            if form["action"] == "save" {
                try RoundController<Rounds>.writable(round)
                try saveDraft(form, criteria: criteria, round: round, proposal: proposal, scope: scope)
                return PageRenderer.redirect("/reviews/\(PagePath.segment(round.id))/\(PagePath.segment(proposal))?saved=1")
            }
            let scale = try ReviewScale.of(round)
            var scores: [ReviewScore] = []
            var problems: [FormErrors.Item] = []
            let comment = form["comment"].flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
            for (i, criterion) in criteria.enumerated() {
                let text = (form["score-\(i)"] ?? "").trimmingCharacters(in: .whitespaces)
                guard !text.isEmpty else {
                    problems.append(.init(field: "score-\(i)", message: "Enter a score for \(PageFormat.criterion(criterion).lowercased())"))
                    continue
                }
                guard let score = Double(text), score.isFinite, scale.contains(score) else {
                    problems.append(.init(field: "score-\(i)", message: "Enter a score for \(PageFormat.criterion(criterion).lowercased()) "
                                          + "from \(PageFormat.number(scale.lowerBound, places: 0)) to \(PageFormat.number(scale.upperBound, places: 0))"))
                    continue
                }
                scores.append(ReviewScore(criterion: criterion, score: score, comment: i == 0 ? comment : nil, path: "score-\(i)"))
            }
            if problems.isEmpty {
                do {
                    _ = try submitter.submit(scores, proposal: proposal, in: round, scope: scope, by: identity)
                    return PageRenderer.redirect("/reviews?" + PageNotice.query("submitted", proposal, session: context.session))
                } catch let error as APIError where error.status == .unprocessableContent {
                    let field = error.path?.hasSuffix(".comment") == true ? "comment" : String(error.path?.split(separator: ".").first ?? "score-0")
                    problems.append(.init(field: field, message: FormErrors.message(error)))
                }
            }
            return try formPage(round: round, scope: scope, context: context, identity: identity, posted: form, errors: FormErrors(problems),
                                status: .unprocessableContent)
        }
        routes.post("/reviews/:round/:proposal/conflict") { request, context in
            let identity = try context.require(.reviewer)
            let (round, scope) = try scoped(context, identity)
            let form = try await FormBody.decode([String: String].self, request)
            try WebSecurity.checkCSRF(form["csrf"], context)
            let proposal = try context.parameters.require("proposal")
            _ = try conflicts.declare(proposal: proposal, in: round, scope: scope, by: identity)
            return PageRenderer.redirect("/reviews?" + PageNotice.query("conflict", proposal, session: context.session))
        }
        return routes
    }

    /// The round and the reviewer's scope in it; 404 for a round or proposal not theirs to see (conflicted included).
    func scoped(_ context: AllotRequestContext, _ identity: Identity) throws -> (RoundRecord, ReviewerScope) {
        let round = try RoundController.round(context, rounds)
        let scope = try ReviewerScope(reviewer: identity.reviewerID ?? "", round: round.id, rounds: rounds)
        let proposal = try context.parameters.require("proposal")
        guard scope.canSee(proposal) else { throw APIError.notFound("no proposal '\(proposal)' assigned to you in round '\(round.id)'") }
        return (round, scope)
    }

    func formPage(round: RoundRecord, scope: ReviewerScope, context: AllotRequestContext, identity: Identity, posted: [String: String]?,
                  errors: FormErrors, status: HTTPResponse.Status = .ok) throws -> Response {
        let id = try context.parameters.require("proposal")
        guard let proposal = try rounds.proposal(round: round.id, id: id) else { throw APIError.notFound("no proposal '\(id)'") }
        let scale = try ReviewScale.of(round)
        let criteria = try submitter.criteria(round: round.id)
        let mine = try rounds.reviews(round: round.id).filter { scope.isSelf($0.reviewer) && $0.proposal == id }
        // A saved draft is newer than anything submitted (submitting drops it), so it fills the form.
        var posted = posted
        var draftNote: String?
        if posted == nil, let draft = try rounds.draft(round: round.id, proposal: id, reviewer: scope.reviewer),
           let values = try? JSONDecoder().decode([String: String].self, from: Data(draft.body.utf8)) {
            posted = values
            draftNote = "These are the scores you saved \(PageFormat.time(draft.savedAt)). They count only once you submit them."
        }
        let stored = Dictionary(mine.map { (WordingKey.normalise($0.criterion), $0) }, uniquingKeysWith: { _, b in b })
        let fields = criteria.enumerated().map { i, c in
            FormPage.Field(name: "score-\(i)", id: "score-\(i)", label: PageFormat.criterion(c),
                           value: posted?["score-\(i)"] ?? stored[WordingKey.normalise(c)].map { PageFormat.number($0.score, places: $0.score.rounded() == $0.score ? 0 : 1) } ?? "",
                           error: errors.message(for: "score-\(i)"))
        }
        let title = proposal.title.isEmpty ? id : proposal.title
        let layout = PageLayout(title: (errors.hasErrors ? "Error: " : "") + "Score: " + title, identity: identity, session: context.session,
                                section: .reviews, crumbs: [("Your reviews", "/reviews")])
        let low = PageFormat.number(scale.lowerBound, places: 0), high = PageFormat.number(scale.upperBound, places: 0)
        return try pages.page("review", FormPage(
            layout: layout, roundName: round.name, id: id, title: title, applicant: proposal.applicant,
            deadline: PageFormat.time(round.settings.reviewDeadline), scale: "from \(low) to \(high)", min: low, max: high, fields: fields,
            comment: posted?["comment"] ?? stored[WordingKey.normalise(ReviewSubmitter<Rounds>.defaultCriterion)]?.comment ?? "",
            commentError: errors.message(for: "comment"), errors: errors, csrf: context.session?.csrf ?? "",
            action: "/reviews/\(PagePath.segment(round.id))/\(PagePath.segment(id))", closed: round.state == .closed, draftNote: draftNote),
            status: status)
    }

    /// Keeps the form as typed, without checking the scores (a draft may be half done); its size is bounded like a
    /// submission's: one short value per criterion and one comment.
    func saveDraft(_ form: [String: String], criteria: [String], round: RoundRecord, proposal: String, scope: ReviewerScope) throws {
        var values: [String: String] = [:]
        for i in criteria.indices {
            let text = (form["score-\(i)"] ?? "").trimmingCharacters(in: .whitespaces)
            values["score-\(i)"] = String(text.prefix(20))
        }
        let comment = form["comment"] ?? ""
        try TextLimits.check(comment, path: "comment", limit: InputLimits.maxCommentLength)
        values["comment"] = comment
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try rounds.saveDraft(ReviewDraft(round: round.id, proposal: proposal, reviewer: scope.reviewer,
                                         body: String(decoding: try encoder.encode(values), as: UTF8.self), savedAt: submitter.now()))
    }
}
