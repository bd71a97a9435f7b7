import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct LiveServerTests {
    @Test func theApplicationServesOnAPickedPortAndReportsIt() async throws {
        let server = try TestServer.make()
        let reported = ReportedPort()
        let app = buildApplication(server.deps) { port in await reported.set(port) }
        try await app.test(.live) { client async throws in
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
            #expect(try await client.call(.get, "/v1/rounds", token: server.admin).status == .ok)
            let port = await reported.port
            #expect(port != nil && port != 0)
        }
    }

    @Test func aSurveyPastItsCloseTimeIsClosedByTheSchedulerAndItsRoundsRerun() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let upload = try await Scenario.surveyWithResponses(client, server.admin, closesAt: "2001-01-01T00:00:00Z")
            #expect(upload.status == .created)
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        let made = await RunScheduler(server.deps).tick(at: server.deps.now()).runs
        #expect(made.count == 1)
        #expect(made.first?.trigger == "survey-closed:\(Scenario.survey)")
        #expect(made.first?.status == .succeeded)
        let closed = try SQLiteSurveyScheduleRepository(server.deps.database).find(Scenario.survey)
        #expect(closed?.closedAt != nil)
        let again = await RunScheduler(server.deps).tick(at: server.deps.now()).runs
        #expect(again.isEmpty)
        let events = try await server.deps.database.writer.read { db in try String.fetchAll(db, sql: "SELECT type FROM webhook_event ORDER BY rowid") }
        #expect(events == ["survey.closed", "round.completed"])
    }

    @Test func twoRunsOfOneRoundNeverOverlap() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await Scenario.surveyWithResponses(client, server.admin)
            try await Scenario.supply(client, server.admin)
            try await Scenario.roundWithProposals(client, server.admin)
        }
        let service = server.deps.runs
        async let a = attempt { try await service.run(round: Scenario.round, trigger: "test") }
        async let b = attempt { try await service.run(round: Scenario.round, trigger: "test") }
        let outcomes = await [a, b]
        let conflicts = outcomes.filter { if case .failure(let e) = $0 { return e is RunConflict } else { return false } }.count
        let succeeded = outcomes.filter { if case .success(let r) = $0 { return r.status == .succeeded } else { return false } }.count
        #expect(succeeded >= 1)
        #expect(succeeded + conflicts == 2)
    }
}

actor ReportedPort {
    var port: Int?
    func set(_ p: Int) { port = p }
}

func attempt(_ body: @Sendable () async throws -> RoundRunRecord) async -> Result<RoundRunRecord, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
