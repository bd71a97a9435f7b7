import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The daemon refuses the weights and score scales the command line refuses, with the JSON path.
@Suite("Round weights and score scales through the API") struct ScoringSettingsRouteTests {
    @Test("A weight or score scale out of range is a 422 naming its JSON path, and the round is not stored")
    func outOfRangeIsRefused() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client async throws in
            for (body, path) in [(#""weights": {"need_alignment": 1e300}"#, "$.weights.need_alignment"),
                                 (#""weights": {"need_alignment": -0.5}"#, "$.weights.need_alignment"),
                                 (#""score_scale": [1, 1e300]"#, "$.score_scale"),
                                 (#""score_scale": [5, 1]"#, "$.score_scale")] {
                let r = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "w", "budget": 1000, \#(body)}"#)
                #expect(r.status == .unprocessableContent, "\(body): \(r.status) \(r.text)")
                #expect(r["path"] as? String == path, "\(body): \(r.text)")
            }
            #expect(try await client.call(.get, "/v1/rounds/w", token: server.admin).status == .notFound)
            let ok = try await client.call(.post, "/v1/rounds", token: server.admin, json: #"{"id": "w", "budget": 1000, "score_scale": [0, 10], "weights": {"need_alignment": 2}}"#)
            #expect(ok.status == .created, "\(ok.text)")
        }
    }
}
