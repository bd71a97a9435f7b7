import AllotServer
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@Suite struct SurveyRouteTests {
    @Test func aSurveyIsCreatedFilledFromCSVAndClosed() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let upload = try await Scenario.surveyWithResponses(client, server.admin, closesAt: "2030-01-01T00:00:00Z")
            #expect(upload.status == .created, "\(upload.text)")
            let inserted = try #require(upload["inserted"] as? Int)
            #expect(inserted + (upload["refusals"] as? Int ?? 0) == 400)
            #expect(inserted > 350)
            let again = try await client.call(.post, "/v1/surveys/\(Scenario.survey)/responses", token: server.admin,
                                              csv: try DemoFiles.bytes(try #require(DemoFiles.files).surveys[1]))
            #expect(again["inserted"] as? Int == 0)
            let view = try await client.call(.get, "/v1/surveys/\(Scenario.survey)", token: server.admin)
            #expect(view["state"] as? String == "open")
            #expect(view["responses"] as? Int == inserted)
            #expect(view["closes_at"] as? String == "2030-01-01T00:00:00Z")
            let summary = try await client.call(.get, "/v1/surveys/\(Scenario.survey)/summary", token: server.admin)
            #expect(summary.status == .ok)
            let closed = try await client.call(.post, "/v1/surveys/\(Scenario.survey)/close", token: server.admin)
            #expect(closed["state"] as? String == "closed")
            let late = try await client.call(.post, "/v1/surveys/\(Scenario.survey)/responses", token: server.admin, csv: Data("a\n".utf8))
            #expect(late.status == .conflict)
            let events = try await server.deps.database.writer.read { db in
                try String.fetchAll(db, sql: "SELECT type FROM webhook_event")
            }
            #expect(events == ["survey.closed"])
        }
    }

    @Test func aBadSurveyFileIsRejectedWholeWithItsLineAndColumn() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            _ = try await client.call(.post, "/v1/surveys", token: server.admin, json: #"{"id": "practitioner-2022-23"}"#)
            let path = try #require(DemoFiles.files).surveys[1]
            var lines = String(decoding: try DemoFiles.bytes(path), as: UTF8.self).components(separatedBy: "\n")
            var cells = lines[5].components(separatedBy: ",")
            cells[2] = "perhaps"
            lines[5] = cells.joined(separator: ",")
            let r = try await client.call(.post, "/v1/surveys/practitioner-2022-23/responses", token: server.admin,
                                          csv: Data(lines.joined(separator: "\n").utf8))
            #expect(r.status == .unprocessableContent)
            #expect(r["line"] as? Int == 6)
            #expect(r["column"] as? Int == 3)
            #expect((r["detail"] as? String)?.contains("perhaps") == true)
            let view = try await client.call(.get, "/v1/surveys/practitioner-2022-23", token: server.admin)
            #expect(view["responses"] as? Int == 0)
        }
    }

    @Test func aSurveyIngestedByTheCommandLineIsListedAndCanBeClosed() async throws {
        let server = try TestServer.make()
        try await server.deps.database.writer.write { db in
            try db.execute(sql: "INSERT INTO survey (id, kind, academic_year, created_at) VALUES ('technician-2022-23', 'technician', '2022-23', '2024-01-01')")
        }
        try await server.application.test(.router) { client async throws in
            let list = try #require(try await client.call(.get, "/v1/surveys", token: server.admin).json as? [[String: Any]])
            #expect(list.map { $0["id"] as? String } == ["technician-2022-23"])
            let closed = try await client.call(.post, "/v1/surveys/technician-2022-23/close", token: server.admin)
            #expect(closed["state"] as? String == "closed")
            #expect(try await client.call(.post, "/v1/surveys/unknown/close", token: server.admin).status == .notFound)
        }
    }

    @Test func anUploadOverTheLimitGets413() async throws {
        let server = try TestServer.make(uploadMaxBytes: 1000)
        try await server.application.test(.router) { client async throws in
            _ = try await client.call(.post, "/v1/surveys", token: server.admin, json: #"{"id": "practitioner-2022-23"}"#)
            let r = try await client.call(.post, "/v1/surveys/practitioner-2022-23/responses", token: server.admin,
                                          csv: Data(repeating: UInt8(ascii: "a"), count: 5000))
            #expect(r.status == .contentTooLarge)
            #expect(r["error"] as? String == "too_large")
        }
    }
}
