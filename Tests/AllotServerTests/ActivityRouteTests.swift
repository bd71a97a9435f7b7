@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("The activity log") struct ActivityRouteTests {
    @Test("Tokens made and revoked, uploads and rounds are logged with who and when; filters narrow; a bad filter is 400 naming it")
    func changesAreLoggedAndFiltered() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let made = try await client.call(.post, "/v1/tokens", token: server.admin, json: #"{"role": "analyst", "name": "=HYPERLINK(\"x\")"}"#)
            let id = try #require(made["id"] as? String)
            #expect(try await client.call(.delete, "/v1/tokens/\(id)", token: server.admin).status == .noContent)
            _ = try await Scenario.surveyWithResponses(client, server.admin)

            let all = try #require(try await client.call(.get, "/v1/activity", token: server.admin).json as? [[String: Any]])
            let actions = all.compactMap { $0["action"] as? String }
            // The last is the test's own admin token, made by `APIToken.issue` as a command would.
            #expect(actions == ["survey.uploaded", "survey.created", "token.revoked", "token.created", "token.created"], "newest first: \(actions)")
            #expect(all.last?["actor"] as? String == "allot")
            let revoked = try #require(all.first { $0["action"] as? String == "token.revoked" })
            #expect(revoked["subject"] as? String == id)
            #expect((revoked["before"] as? String)?.contains("\"revokedAt\"") == false, "before: not revoked")
            #expect((revoked["after"] as? String)?.contains("\"revokedAt\"") == true)
            #expect(all.dropLast().allSatisfy { ($0["actor"] as? String)?.hasPrefix("test admin (tok_") == true })
            #expect(!all.contains { ($0["after"] as? String ?? "").contains("allot_") }, "no token in the log")

            let tokensOnly = try #require(try await client.call(.get, "/v1/activity?action=token.created", token: server.admin).json as? [[String: Any]])
            #expect(tokensOnly.count == 2)
            let paged = try #require(try await client.call(.get, "/v1/activity?limit=1", token: server.admin).json as? [[String: Any]])
            let olderThan = try #require(paged.first?["id"] as? Int)
            let next = try #require(try await client.call(.get, "/v1/activity?limit=1&older_than=\(olderThan)", token: server.admin).json as? [[String: Any]])
            #expect(next.first?["action"] as? String == "survey.created")
            let tomorrow = Date().addingTimeInterval(86_400).formatted(.iso8601.year().month().day())
            let none = try #require(try await client.call(.get, "/v1/activity?since=\(tomorrow)", token: server.admin).json as? [Any])
            #expect(none.isEmpty)

            for (query, parameter) in [("since=yesterday", "since"), ("action=round.deleted", "action"), ("limit=0", "limit"), ("older_than=x", "older_than")] {
                let bad = try await client.call(.get, "/v1/activity?\(query)", token: server.admin)
                #expect(bad.status == .badRequest, "\(query)")
                #expect(bad["path"] as? String == parameter)
                #expect((bad["detail"] as? String)?.hasPrefix("\(parameter): ") == true)
            }
            let analyst = try server.token(.analyst)
            #expect(try await client.call(.get, "/v1/activity", token: analyst).status == .forbidden)

            let csv = try await client.call(.get, "/v1/activity.csv?action=token.created", token: server.admin)
            #expect(csv.status == .ok)
            let lines = csv.text.split(separator: "\n")
            #expect(lines.first == "id,at,actor,action,what,round,subject,summary,before,after")
            #expect(lines.count == 4, "the header, the test admin's token, the one made here and the analyst's: \(csv.text)")
            #expect(csv.text.contains(",token.created,Token created,,\(id),"))
            #expect(ActivityCSV.neutralised("=HYPERLINK(1)") == "'=HYPERLINK(1)" && ActivityCSV.neutralised("-1") == "'-1")
            #expect(ActivityCSV.neutralised("made a token") == "made a token")
        }
    }

    @Test("A token's use is noted, to the minute, and listed")
    func lastUseIsNoted() async throws {
        let server = try MemoryTestServer.make()
        try await server.application.test(.router) { client in
            let analyst = try server.token(.analyst)
            var tokens = try #require(try await client.call(.get, "/v1/tokens", token: server.admin).json as? [[String: Any]])
            #expect(tokens.first { $0["name"] as? String == "test analyst" }?["last_used_at"] == nil)
            #expect(try await client.call(.get, "/v1/rounds", token: analyst).status == .ok)
            tokens = try #require(try await client.call(.get, "/v1/tokens", token: server.admin).json as? [[String: Any]])
            #expect(tokens.first { $0["name"] as? String == "test analyst" }?["last_used_at"] as? String != nil)
        }
    }
}
