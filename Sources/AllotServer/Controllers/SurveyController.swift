import AllotCore
import AllotIngest
import AllotRounds
import AllotStore
import AllotWebhooks
import Foundation
import Hummingbird
import Logging

/// Surveys: create with open and close times, upload responses (CSV), close, consent withdrawal, summary.
struct SurveyController<Schedules: SurveyScheduleRepository, Surveys: SurveyRepository, Outbox: OutboxStore> {
    let schedules: Schedules
    let surveys: Surveys
    let outbox: Outbox
    let evidence: EvidenceLoader
    let uploadLimit: Int
    let activity: any ActivityRepository
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.surveys")

    struct CreateSurvey: Decodable {
        let id: String
        let title: String?
        let year: String?
        let opensAt: Date?
        let closesAt: Date?
        enum CodingKeys: String, CodingKey { case id, title, year, opensAt = "opens_at", closesAt = "closes_at" }
    }

    struct SurveyView: Encodable {
        let id: String
        let title: String?
        let year: String?
        let kind: String?
        let opensAt: Date?
        let closesAt: Date?
        let closedAt: Date?
        let state: String
        let responses: Int
        let refusals: Int
    }

    struct UploadReport: Encodable {
        let survey: String
        let inserted: Int
        let unchanged: Int
        let refusals: Int
        let mapping: String
        let sha256: String
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        routes.post { request, context in
            let identity = try context.require(.admin)
            let body = try await HTTPBody.json(CreateSurvey.self, request, limit: context.maxUploadSize)
            guard !body.id.isEmpty, body.id.count <= 100 else { throw APIError.invalid("$.id: expected a survey id such as practitioner-2024-25", path: "$.id") }
            if let title = body.title { try TextLimits.check(title, path: "$.title", limit: InputLimits.maxTitleLength) }
            if let year = body.year { try TextLimits.check(year, path: "$.year", limit: InputLimits.maxNameLength) }
            if let o = body.opensAt, let c = body.closesAt, c < o { throw APIError.invalid("$.closes_at: must not be before opens_at", path: "$.closes_at") }
            let schedule = SurveySchedule(id: body.id, title: body.title, year: body.year, opensAt: body.opensAt, closesAt: body.closesAt, createdAt: now())
            try schedules.create(schedule)
            // The survey tables' repositories keep no activity yet: the entry follows the change in its own transaction.
            try activity.record([try Activity.entry(.surveyCreated, by: identity, at: schedule.createdAt, subject: body.id,
                                                    summary: "created survey \(body.id)", after: schedule)])
            logger.info("Survey created", metadata: ["survey": "\(body.id)"])
            return try Reply.json(try view(body.id), status: .created)
        }
        routes.get { _, context in
            _ = try context.require(.admin, .analyst)
            return try Reply.json(try views())
        }
        routes.get(":survey") { _, context in
            _ = try context.require(.admin, .analyst)
            return try Reply.json(try view(try context.parameters.require("survey")))
        }
        routes.post(":survey/responses") { request, context in
            let identity = try context.require(.admin)
            let survey = try context.parameters.require("survey")
            let schedule = try ensureSchedule(survey)
            guard schedule.closedAt == nil else { throw APIError.conflict("survey \(survey) is closed: it accepts no more responses") }
            let data = try await HTTPBody.bytes(request, limit: uploadLimit)
            let fileName = request.uri.queryParameters["file_name"].map(String.init) ?? "\(survey).csv"
            let report = try await BlockingWork.run { try importCSV(data, survey: survey, fileName: fileName, by: identity) }
            logger.info("Survey responses uploaded", metadata: ["survey": "\(survey)", "inserted": "\(report.inserted)"])
            return try Reply.json(report, status: .created)
        }
        routes.post(":survey/close") { _, context in
            let identity = try context.require(.admin)
            let survey = try context.parameters.require("survey")
            let before = try ensureSchedule(survey)
            // Closing a closed survey changes nothing and posts nothing: `survey.closed` goes once, from whichever
            // close (this one, another instance's, the scheduler's) changed it.
            guard try schedules.closeIfOpen(survey, at: now()) else { return try Reply.json(try view(survey)) }
            let after = try schedules.close(survey, at: now())
            try activity.record([try Activity.entry(.surveyClosed, by: identity, at: now(), subject: survey, summary: "closed survey \(survey)",
                                                    before: before, after: after)])
            try await enqueueClosed(survey)
            logger.info("Survey closed", metadata: ["survey": "\(survey)"])
            return try Reply.json(try view(survey))
        }
        routes.delete(":survey/responses/:response") { _, context in
            let identity = try context.require(.admin)
            let survey = try context.parameters.require("survey")
            let response = try context.parameters.require("response")
            guard try schedules.withdraw(survey: survey, responseID: response) else {
                throw APIError.notFound("no stored response '\(response)' in survey '\(survey)'")
            }
            // The entry names the response, never what it said: it was erased because consent was withdrawn.
            try activity.record([try Activity.entry(.responseDeleted, by: identity, at: now(), subject: response,
                                                    summary: "erased response \(response) of survey \(survey): consent withdrawn")])
            logger.info("Consent withdrawn: response erased", metadata: ["survey": "\(survey)"])
            return Reply.noContent()
        }
        routes.get(":survey/summary") { _, context in
            _ = try context.require(.admin, .analyst)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            return Reply.raw(try encoder.encode(try summary(try context.parameters.require("survey"))), contentType: "application/json; charset=utf-8")
        }
        return routes
    }

    /// Every survey, by id: those with a schedule and those ingested by the command line (which have none).
    func views() throws -> [SurveyView] {
        let ids = Set(try schedules.all().map(\.id)).union(try surveys.surveys().map(\.id))
        return try ids.sorted().map { try view($0) }
    }

    /// A survey's report tables.
    func summary(_ survey: String) throws -> SurveySummary {
        _ = try view(survey)
        let (ev, _) = try evidence.surveyEvidence([survey])
        guard let tally = ev.tallies[survey] else { throw APIError.notFound("no survey '\(survey)'") }
        return SurveySummary(tally)
    }

    func view(_ id: String) throws -> SurveyView {
        let stored = try surveys.surveys().first { $0.id == id }
        guard let s = try schedules.find(id) ?? stored.map({ SurveySchedule(id: $0.id, year: $0.academicYear, createdAt: now()) }) else {
            throw APIError.notFound("no survey '\(id)'")
        }
        let state = s.state(at: now()).rawValue
        return SurveyView(id: s.id, title: s.title, year: s.year ?? stored?.academicYear, kind: stored?.kind, opensAt: s.opensAt,
                          closesAt: s.closesAt, closedAt: s.closedAt, state: state, responses: stored?.responses ?? 0,
                          refusals: stored?.refusals ?? 0)
    }

    /// The survey's schedule; a survey ingested by the command line gets one (open, no times) on first use here.
    func ensureSchedule(_ id: String) throws -> SurveySchedule {
        if let schedule = try schedules.find(id) { return schedule }
        guard try surveys.surveys().contains(where: { $0.id == id }) else { throw APIError.notFound("no survey '\(id)'") }
        let schedule = SurveySchedule(id: id, createdAt: now())
        try schedules.create(schedule)
        return schedule
    }

    /// Reads the CSV with the survey readers and stores it in one transaction: a bad row stores nothing.
    func importCSV(_ data: Data, survey: String, fileName: String, by identity: Identity) throws -> UploadReport {
        let catalogue = try evidence.catalogue()
        let lookup = try evidence.postcodeLookup()
        let repository = surveys
        let report = try TemporaryFile.with(data, name: fileName) { path in
            try repository.importResponses(from: ImportSource(fileName: fileName, mapping: "recognised")) { writer in
                var counts = ImportCounts()
                let report = try SurveyFileReader.read(path: path, catalogue: catalogue,
                                                       options: SurveyReadOptions(lookup: lookup, computeDigest: true)) { row, line in
                    do {
                        switch row {
                        case let .response(r):
                            guard r.survey == survey else { throw Self.otherSurvey(r.survey, survey, fileName, line) }
                            if try writer.add(r) == .inserted { counts.inserted += 1 } else { counts.unchanged += 1 }
                        case let .refusal(s, id):
                            guard s == survey else { throw Self.otherSurvey(s, survey, fileName, line) }
                            if try writer.addRefusal(survey: s, responseID: id) == .inserted { counts.refusals += 1 } else { counts.refusalsUnchanged += 1 }
                        case .blank: break
                        }
                    } catch let StoreError.conflictingResponse(s, id) {
                        throw SurveyInputError.conflictingResponse(file: fileName, line: line, survey: s, responseID: id,
                                                                   previous: "in this file or an earlier upload")
                    }
                }
                counts.mapping = report.mapping
                // The API's `unchanged` is every row already stored, refusals included (the import record keeps them apart).
                let result = UploadReport(survey: survey, inserted: counts.inserted, unchanged: counts.unchanged + counts.refusalsUnchanged, refusals: counts.refusals,
                                          mapping: report.mapping, sha256: report.sha256 ?? "")
                return (result, counts, report.sha256)
            }
        }
        try activity.record([try Activity.entry(.surveyUploaded, by: identity, at: now(), subject: survey,
                                                summary: "uploaded \(fileName) to survey \(survey): \(report.inserted) new responses, \(report.unchanged) already stored, \(report.refusals) refusals",
                                                after: report)])
        return report
    }

    static func otherSurvey(_ found: String, _ expected: String, _ file: String, _ line: Int) -> APIError {
        APIError(.unprocessableContent, "invalid_input", "\(file):\(line): the row belongs to survey '\(found)', not '\(expected)'; upload it to /v1/surveys/\(found)/responses",
                 line: line, column: 2)
    }

    /// `survey.closed` in the outbox.
    func enqueueClosed(_ survey: String) async throws {
        let stored = try surveys.surveys().first { $0.id == survey }
        let at = now()
        try await outbox.enqueueEvent(SurveyClosed(surveyID: survey, closedAt: at, responses: stored?.responses ?? 0), occurredAt: at)
    }
}
