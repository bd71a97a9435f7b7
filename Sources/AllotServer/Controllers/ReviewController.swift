import AllotCore
import AllotIngest
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import Logging

/// Reviews (admin: CSV of a whole panel; reviewer: one JSON score for their own assignment) and assignments
/// (computed by `ReviewerAssignment`, each raising `review.assigned`).
struct ReviewController<Rounds: RoundRepository, Reviewers: ReviewerRepository> {
    let rounds: Rounds
    let reviewers: Reviewers
    let uploadLimit: Int
    let now: @Sendable () -> Date
    /// The web app's address, for the reviewer's page link in `review.assigned`.
    let publicURL: String
    var submitter: ReviewSubmitter<Rounds> { ReviewSubmitter(rounds: rounds, now: now) }
    let logger = Logger(label: "allot.api.reviews")

    struct ReviewerSubmission: Decodable {
        let proposal: String
        let score: Double
        let comment: String?
        let criterion: String?
    }

    struct AssignRequest: Decodable {
        let reviewsPerProposal: Int?
        enum CodingKeys: String, CodingKey { case reviewsPerProposal = "reviews_per_proposal" }
    }

    struct AssignmentsView: Encodable {
        let round: String
        let assignments: [AssignmentRecord]
        let loads: [String: Int]
    }

    struct ReviewsReport: Encodable {
        let round: String
        let stored: Int
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post(":round/reviews") { request, context in
            let identity = try context.require(.admin, .reviewer)
            let round = try RoundController.round(context, rounds)
            try RoundController<Rounds>.writable(round)
            let scale = try ReviewScale.of(round)
            let at = now()
            let records: [ReviewRecord]
            if let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds) {
                let body = try await HTTPBody.json(ReviewerSubmission.self, request, limit: context.maxUploadSize)
                let score = ReviewScore(criterion: body.criterion, score: body.score, comment: body.comment, path: "$")
                return try Reply.json(ReviewsReport(round: round.id, stored: try submitter.submit([score], proposal: body.proposal, in: round, scope: scope, by: identity).count),
                                      status: .created)
            } else {
                guard HTTPBody.isCSV(request) else { throw APIError.badRequest("upload the panel's reviews as text/csv (proposal, reviewer, criterion, score, comment)") }
                let data = try await HTTPBody.bytes(request, limit: uploadLimit)
                let ids = try rounds.proposals(round: round.id).map(\.id)
                let reviews: [Review]
                do { reviews = try ReviewReader(scale: scale, proposalIDs: ids).read(bytes: Array(data), name: "reviews.csv") }
                catch { throw ErrorMapping.apiError(error) }
                records = reviews.map { ReviewRecord(proposal: $0.proposal, reviewer: $0.reviewer, criterion: $0.criterion, score: $0.score,
                                                     comment: $0.comment, submittedAt: at) }
            }
            let entry = try Activity.entry(.reviewsSubmitted, by: identity, at: at, round: round.id, subject: "reviews.csv",
                                           summary: "uploaded the panel's reviews: \(records.count) scores", after: records)
            try rounds.saveReviews(records, round: round.id, activity: [entry])
            logger.info("Reviews stored", metadata: ["round": "\(round.id)", "count": "\(records.count)", "role": "\(identity.role.rawValue)"])
            return try Reply.json(ReviewsReport(round: round.id, stored: records.count), status: .created)
        }
        routes.post(":round/proposals/:proposal/conflict") { _, context in
            let identity = try context.require(.reviewer)
            let round = try RoundController.round(context, rounds)
            guard let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds) else { throw APIError.forbidden(role: identity.role) }
            let conflict = try ConflictDeclarer(rounds: rounds, now: now).declare(proposal: try context.parameters.require("proposal"), in: round, scope: scope,
                                                                                   by: identity)
            return try Reply.json(conflict, status: .created)
        }
        routes.get(":round/reviews") { _, context in
            let identity = try context.require(.admin, .analyst, .reviewer)
            let round = try RoundController.round(context, rounds)
            var reviews = try rounds.reviews(round: round.id)
            if let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds) {
                reviews = reviews.filter { scope.isSelf($0.reviewer) && scope.canSee($0.proposal) }
            }
            return try Reply.json(reviews)
        }
        routes.post(":round/assignments") { request, context in
            let identity = try context.require(.admin)
            let round = try RoundController.round(context, rounds)
            try RoundController<Rounds>.writable(round)
            let body = try await HTTPBody.json(AssignRequest.self, request, limit: context.maxUploadSize)
            guard let k = body.reviewsPerProposal ?? round.settings.reviewsPerProposal, (1...InputLimits.maxReviewsPerProposal).contains(k) else {
                throw APIError.invalid("$.reviews_per_proposal: give a number of reviews per proposal from 1 to \(InputLimits.maxReviewsPerProposal)",
                                       path: "$.reviews_per_proposal")
            }
            let view = try assign(round, reviewsPerProposal: k, by: identity)
            return try Reply.json(view, status: .created)
        }
        routes.get(":round/assignments") { _, context in
            let identity = try context.require(.admin, .analyst, .reviewer)
            let round = try RoundController.round(context, rounds)
            var list = try rounds.assignments(round: round.id)
            if let scope = try ReviewerScope.of(identity, round: round.id, rounds: rounds) {
                list = list.filter { scope.isSelf($0.reviewer) && scope.canSee($0.proposal) }
            }
            return try Reply.json(AssignmentsView(round: round.id, assignments: list, loads: Self.loads(list)))
        }
        return routes
    }

    static func loads(_ list: [AssignmentRecord]) -> [String: Int] {
        list.reduce(into: [:]) { $0[$1.reviewer, default: 0] += 1 }
    }

    /// Computes a fresh assignment and stores it with one `review.assigned` per assignment.
    func assign(_ round: RoundRecord, reviewsPerProposal k: Int, by identity: Identity) throws -> AssignmentsView {
        let proposals = try rounds.proposals(round: round.id).filter { $0.withdrawnAt == nil }
        let panel = try reviewers.all()
        guard !panel.isEmpty else { throw APIError.conflict("no reviewers are registered: POST /v1/reviewers first") }
        let conflicts = try rounds.conflicts(round: round.id)
        // Conflicts are matched here (applicants by `ApplicantKey`), and handed over as the proposals each reviewer must not get.
        let byReviewer = Dictionary(grouping: conflicts) { ConflictKey.reviewer($0.reviewer) }
        let coreConflicts = panel.compactMap { r -> AssignmentConflicts? in
            guard let mine = byReviewer[ConflictKey.reviewer(r.id)] else { return nil }
            let applicants = Set(mine.map { ApplicantKey($0.applicant) })
            return AssignmentConflicts(reviewer: r.id, proposals: proposals.filter { applicants.contains(ApplicantKey($0.applicant)) }.map(\.id))
        }
        let result: ReviewerAssignmentResult
        do {
            result = try ReviewerAssignment.assign(proposals: proposals.map { AssignmentProposal(id: $0.id, applicant: $0.applicant) },
                                                   reviewers: panel.map { AssignmentReviewer(id: $0.id) }, conflicts: coreConflicts,
                                                   reviewsPerProposal: k)
        } catch { throw APIError.invalid("the reviewers cannot cover the proposals: \(error.description)") }
        let at = now()
        let due = round.settings.reviewDeadline ?? at.addingTimeInterval(14 * 86_400)
        let byID = Dictionary(proposals.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assignments = result.assignments.map { AssignmentRecord(proposal: $0.proposal, reviewer: $0.reviewer) }
        let events = try assignments.map { a in
            try WebhookEvents.outboxEvent(ReviewAssigned(reviewer: a.reviewer, roundID: round.id, applicantID: a.proposal,
                                                         applicantName: byID[a.proposal]?.applicant ?? a.proposal, dueBy: due,
                                                         reviewURL: SignInLinks.url(publicURL, path: "/reviews/\(PagePath.segment(round.id))/\(PagePath.segment(a.proposal))")),
                                          occurredAt: at)
        }
        let entry = try Activity.entry(.assignmentsMade, by: identity, at: at, round: round.id, subject: round.id,
                                       summary: "assigned \(assignments.count) reviews, \(k) per proposal",
                                       before: try rounds.assignments(round: round.id), after: assignments)
        try rounds.replaceAssignments(assignments, round: round.id, at: at, events: events, activity: [entry])
        logger.info("Reviewers assigned", metadata: ["round": "\(round.id)", "assignments": "\(assignments.count)", "max_load": "\(result.maxLoad)"])
        return AssignmentsView(round: round.id, assignments: assignments, loads: result.loads)
    }
}

/// Reviewers: register and list.
struct ReviewerController<Reviewers: ReviewerRepository> {
    let reviewers: Reviewers
    let activity: any ActivityRepository
    let now: @Sendable () -> Date

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post { request, context in
            let identity = try context.require(.admin)
            let body = try await HTTPBody.json(ReviewerRecord.self, request, limit: context.maxUploadSize)
            guard !body.id.isEmpty else { throw APIError.invalid("$.id: must not be empty", path: "$.id") }
            guard !body.name.isEmpty else { throw APIError.invalid("$.name: must not be empty", path: "$.name") }
            try TextLimits.check(body.id, path: "$.id", limit: InputLimits.maxNameLength)
            try TextLimits.check(body.name, path: "$.name", limit: InputLimits.maxNameLength)
            if let email = body.email { try TextLimits.check(email, path: "$.email", limit: InputLimits.maxNameLength) }
            let before = try reviewers.find(body.id)
            try reviewers.save(body, at: now())
            try activity.record([try Activity.entry(.reviewerAdded, by: identity, at: now(), subject: body.id,
                                                    summary: before == nil ? "added reviewer \(body.name)" : "changed reviewer \(body.name)",
                                                    before: before, after: body)])
            return try Reply.json(body, status: .created)
        }
        routes.get { _, context in
            _ = try context.require(.admin, .analyst)
            return try Reply.json(try reviewers.all())
        }
        return routes
    }
}
