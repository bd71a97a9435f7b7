@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Changing a round through the API") struct RoundChangeRouteTests {
    static func settings(_ client: some TestClientProtocol, _ token: String) async throws -> [String: Any] {
        try #require(try await client.call(.get, "/v1/rounds/\(Scenario.round)", token: token)["settings"] as? [String: Any])
    }

    static func history(_ client: some TestClientProtocol, _ token: String, _ query: String = "") async throws -> [[String: Any]] {
        try #require(try await client.call(.get, "/v1/rounds/\(Scenario.round)/history\(query)", token: token).json as? [[String: Any]])
    }

    @Test("A merge patch changes only the keys it names, a null clears one, and the history keeps both sides")
    func patchChangesWhatItNames() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Scenario.roundWithProposals(client, server.admin)
            let round = Scenario.round
            let first = try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin,
                                              json: #"{"budget": 120000, "weights": {"need_alignment": 2}, "review_deadline": "2027-01-15T17:00:00Z"}"#)
            #expect(first.status == .ok, "\(first.text)")
            var s = try await Self.settings(client, server.admin)
            #expect(s["budget"] as? Double == 120000)
            #expect((s["weights"] as? [String: Double]) == ["need_alignment": 2])
            #expect(s["surveys"] as? [String] == [Scenario.survey], "a key the patch leaves out keeps its value")
            #expect(s["reviews_per_proposal"] as? Int == 2)
            #expect(s["review_deadline"] as? String == "2027-01-15T17:00:00Z")

            let second = try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: #"{"weights": {"need_alignment": null}, "review_deadline": null}"#)
            #expect(second.status == .ok)
            s = try await Self.settings(client, server.admin)
            #expect((s["weights"] as? [String: Double]) == nil || (s["weights"] as? [String: Double]) == [:], "null removes a weight override")
            #expect(s["review_deadline"] == nil)
            #expect(s["budget"] as? Double == 120000)

            let history = try await Self.history(client, server.admin, "?action=round.settings_changed")
            #expect(history.count == 2)
            let oldest = try #require(history.last)
            #expect(oldest["summary"] as? String == "changed budget, weights, review deadline")
            #expect((oldest["actor"] as? String)?.hasPrefix("test admin (tok_") == true)
            #expect((oldest["before"] as? String)?.contains("\"budget\":150000") == true)
            #expect((oldest["after"] as? String)?.contains("\"budget\":120000") == true)
        }
    }

    @Test("A bad patch names its JSON path and stores nothing, not even a history entry; a closed round is 409")
    func badPatchStoresNothing() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Scenario.roundWithProposals(client, server.admin)
            let round = Scenario.round
            let cases: [(String, String)] = [
                (#"{"budget": -1}"#, "$.budget"),
                (#"{"charm": 3}"#, "$.charm"),
                (#"{"weights": {"charm": 1}}"#, "$.weights.charm"),
                (#"{"reviews_per_proposal": 0, "budget": 90000}"#, "$.reviews_per_proposal"),
                (#"{"constraints": {"group_floors": {"martians": 0.1}}}"#, "$.constraints.group_floors.martians"),
                (#"{"name": ""}"#, "$.name"),
            ]
            for (body, path) in cases {
                let r = try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: body)
                #expect(r.status == .unprocessableContent, "\(body): \(r.status)")
                #expect(r["path"] as? String == path, "\(body): \(r.text)")
            }
            #expect(try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: "[1]").status == .unprocessableContent)
            let s = try await Self.settings(client, server.admin)
            #expect(s["budget"] as? Double == 150000)
            #expect(try await Self.history(client, server.admin, "?action=round.settings_changed").isEmpty)
            let analyst = try server.token(.analyst)
            #expect(try await client.call(.patch, "/v1/rounds/\(round)", token: analyst, json: #"{"budget": 1}"#).status == .forbidden)

            _ = try await client.call(.post, "/v1/rounds/\(round)/state", token: server.admin, json: #"{"state": "closed"}"#)
            #expect(try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: #"{"budget": 100000}"#).status == .conflict)
        }
    }

    @Test("A withdrawn proposal leaves the next run and stays withdrawn when the proposals are loaded again")
    func withdrawnProposalLeavesTheRun() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let run = try await Scenario.scoredRound(client, server.admin)
            _ = run
            let round = Scenario.round
            let results = try #require(try await client.call(.get, "/v1/rounds/\(round)/results", token: server.admin).json as? [String: Any])
            let proposals = try #require(results["proposals"] as? [[String: Any]])
            let id = try #require(proposals.first?["id"] as? String)

            let noReason = try await client.call(.post, "/v1/rounds/\(round)/proposals/\(id)/withdraw", token: server.admin, json: #"{}"#)
            #expect(noReason.status == .unprocessableContent && noReason["path"] as? String == "$.reason")
            let w = try await client.call(.post, "/v1/rounds/\(round)/proposals/\(id)/withdraw", token: server.admin, json: #"{"reason": "The applicant pulled out"}"#)
            #expect(w.status == .ok, "\(w.text)")
            #expect(w["withdrawn_at"] as? String != nil)
            #expect(try await client.call(.post, "/v1/rounds/\(round)/proposals/\(id)/withdraw", token: server.admin,
                                          json: #"{"reason": "again"}"#).status == .conflict)
            #expect(try await client.call(.post, "/v1/rounds/\(round)/proposals/nope/withdraw", token: server.admin,
                                          json: #"{"reason": "x"}"#).status == .notFound)

            guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
            let reload = try await client.call(.post, "/v1/rounds/\(round)/proposals", token: server.admin,
                                               json: String(decoding: try DemoFiles.bytes(files.proposals), as: UTF8.self))
            #expect(reload.status == .created)
            let rerun = try await client.call(.post, "/v1/rounds/\(round)/runs", token: server.admin)
            #expect(rerun["status"] as? String == "succeeded", "\(rerun.text)")
            let after = try #require(try await client.call(.get, "/v1/rounds/\(round)/results", token: server.admin)["proposals"] as? [[String: Any]])
            #expect(after.count == proposals.count - 1)
            #expect(!after.contains { $0["id"] as? String == id }, "withdrawn, loaded again, still out of the run")

            let entry = try #require(try await Self.history(client, server.admin, "?action=proposal.withdrawn").first)
            #expect(entry["subject"] as? String == id)
            #expect((entry["summary"] as? String)?.hasSuffix(": The applicant pulled out") == true)
        }
    }

    @Test("Conflicts are listed, and one removed is gone, in the history, and a second removal is 404")
    func conflictsListAndRemove() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            try await Scenario.roundWithProposals(client, server.admin)
            let round = Scenario.round
            let added = try await client.call(.post, "/v1/rounds/\(round)/conflicts", token: server.admin,
                                              json: #"[{"reviewer": "rev-a", "applicant": "Tayside STEM Hub & Partners"}, {"reviewer": "rev-b", "applicant": "Fife Science"}]"#)
            #expect(added.status == .created)
            let listed = try #require(try await client.call(.get, "/v1/rounds/\(round)/conflicts", token: server.admin).json as? [[String: Any]])
            #expect(listed.count == 2)
            let analyst = try server.token(.analyst)
            #expect(try await client.call(.get, "/v1/rounds/\(round)/conflicts", token: analyst).status == .ok)
            #expect(try await client.call(.delete, "/v1/rounds/\(round)/conflicts?reviewer=REV-A&applicant=tayside%20stem%20hub%20%26%20partners",
                                          token: analyst).status == .forbidden)
            let removed = try await client.call(.delete, "/v1/rounds/\(round)/conflicts?reviewer=REV-A&applicant=tayside%20stem%20hub%20%26%20partners",
                                                token: server.admin)
            #expect(removed.status == .noContent, "reviewer ids compare in any case, applicants as ApplicantKey does")
            let left = try #require(try await client.call(.get, "/v1/rounds/\(round)/conflicts", token: server.admin).json as? [[String: Any]])
            #expect(left.map { $0["reviewer"] as? String } == ["rev-b"])
            #expect(try await client.call(.delete, "/v1/rounds/\(round)/conflicts?reviewer=rev-a&applicant=Tayside%20STEM%20Hub%20%26%20Partners",
                                          token: server.admin).status == .notFound)
            #expect(try await client.call(.delete, "/v1/rounds/\(round)/conflicts?reviewer=rev-a", token: server.admin).status == .badRequest)
            #expect(try await Self.history(client, server.admin, "?action=conflict.removed").count == 1)
            #expect(try await Self.history(client, server.admin, "?action=conflicts.added").count == 2)
        }
    }

    @Test("A run's settings applied become the round's; a run of another round is 404")
    func applyingARunsSettings() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            _ = try await Scenario.scoredRound(client, server.admin)
            let round = Scenario.round
            // A run made with other settings: patch, run, patch back, then apply the run.
            _ = try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: #"{"budget": 90000, "constraints": {"max_per_applicant": 40000}}"#)
            let run = try await client.call(.post, "/v1/rounds/\(round)/runs", token: server.admin)
            let runID = try #require(run["id"] as? String)
            _ = try await client.call(.patch, "/v1/rounds/\(round)", token: server.admin, json: #"{"budget": 150000, "constraints": null}"#)
            #expect(try await Self.settings(client, server.admin)["budget"] as? Double == 150000)

            let applied = try await client.call(.post, "/v1/rounds/\(round)/runs/\(runID)/apply", token: server.admin)
            #expect(applied.status == .ok, "\(applied.text)")
            let s = try await Self.settings(client, server.admin)
            #expect(s["budget"] as? Double == 90000)
            #expect((s["constraints"] as? [String: Any])?["max_per_applicant"] as? Double == 40000)
            #expect(s["surveys"] as? [String] == [Scenario.survey])
            #expect(try await client.call(.post, "/v1/rounds/\(round)/runs/run_nope/apply", token: server.admin).status == .notFound)
            let entry = try #require(try await Self.history(client, server.admin, "?action=round.settings_changed").first)
            #expect(entry["summary"] as? String == "applied the settings of run \(runID) (manual)")
        }
    }
}
