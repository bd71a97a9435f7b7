import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// CSV uploads go through the command line's readers: a row whose field count differs from the header's is a 422 naming
/// the file, line and column (the files are the readers' fixtures, Tests/AllotIngestTests/Fixtures/field-count).
@Suite("Uploads with a row whose field count differs from the header's") struct FieldCountUploadTests {
    static func fixture(_ name: String) throws -> Data {
        try Data(contentsOf: TestServer.repository.appendingPathComponent("Tests/AllotIngestTests/Fixtures/field-count/" + name))
    }

    private func expectRefused(_ r: TestResponse, _ place: String, line: Int, column: Int, _ route: String) {
        #expect(r.status == .unprocessableContent, "\(route): \(r.status) \(r.text)")
        #expect(r["line"] as? Int == line && r["column"] as? Int == column, "\(route): \(r.text)")
        #expect((r["detail"] as? String)?.contains(place) == true, "\(route): \(r.text)")
        #expect((r["detail"] as? String)?.contains("fields but the header row has") == true, "\(route): \(r.text)")
    }

    @Test("Survey responses, supply files, proposals, reviews and conflicts are refused with the row's place")
    func everyCSVUploadRefusesTheRow() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            let survey = try await client.call(.post, "/v1/surveys", token: server.admin, json: #"{"id": "practitioner-2022-23"}"#)
            #expect(survey.status == .created, "\(survey.text)")
            let responses = try await client.call(.post, "/v1/surveys/practitioner-2022-23/responses?file_name=survey.csv", token: server.admin,
                                                  csv: try Self.fixture("survey-unquoted-comma.csv"))
            expectRefused(responses, ":4:17:", line: 4, column: 17, "responses")
            let summary = try await client.call(.get, "/v1/surveys/practitioner-2022-23", token: server.admin)
            #expect(summary["responses"] as? Int == 0, "nothing is stored: \(summary.text)")

            for (kind, file, place, line, column) in [("participation", "provider-participation.csv", "provider-participation.csv:4:7:", 4, 7),
                                                      ("activity", "provider-activity.csv", "provider-activity.csv:3:5:", 3, 5),
                                                      ("workforce", "workforce.csv", "workforce.csv:3:4:", 3, 4)] {
                let r = try await client.call(.post, "/v1/supply/\(kind)?file_name=\(file)", token: server.admin, csv: try Self.fixture(file))
                expectRefused(r, place, line: line, column: column, kind)
            }

            let round = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "counts", "budget": 100000}"#)
            #expect(round.status == .created, "\(round.text)")
            let proposals = try await client.call(.post, "/v1/rounds/counts/proposals", token: server.admin, csv: try Self.fixture("proposals.csv"))
            expectRefused(proposals, "proposals.csv:3:14:", line: 3, column: 14, "proposals")
            let conflicts = try await client.call(.post, "/v1/rounds/counts/conflicts", token: server.admin, csv: try Self.fixture("conflicts.csv"))
            expectRefused(conflicts, "conflicts.csv:3:3:", line: 3, column: 3, "conflicts")
            // Reviews need the round's proposals: the first row of the proposals fixture, alone.
            let good = String(decoding: try Self.fixture("proposals.csv"), as: UTF8.self).split(separator: "\n").prefix(2).joined(separator: "\n") + "\n"
            let stored = try await client.call(.post, "/v1/rounds/counts/proposals", token: server.admin, csv: Data(good.utf8))
            #expect(stored.status == .created, "\(stored.text)")
            let reviews = try await client.call(.post, "/v1/rounds/counts/reviews", token: server.admin,
                                                csv: Data("proposal,reviewer,criterion,score,comment\nR5-017,Ann,impact,4,Good, but costly\n".utf8))
            expectRefused(reviews, "reviews.csv:2:6:", line: 2, column: 6, "reviews")
            #expect(try await client.call(.get, "/health", token: nil).status == .ok)
        }
    }
}
