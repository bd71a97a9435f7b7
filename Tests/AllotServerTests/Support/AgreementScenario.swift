@testable import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The whole API scenario through the in-process router, from survey to decisions, for the suites that run it on two
/// stores and compare: each store's answers to the same requests agree, once the values that differ by nature (ids
/// made at random, times) are masked.
enum AgreementScenario {
    /// The scenario's requests; returns each GET's masked body by path.
    static func answers(_ deps: ServerDependencies<some StoreRepositories>, admin: String) async throws -> [(String, String)] {
        let round = Scenario.round
        let app = Application(router: buildRouter(deps))
        return try await app.test(.router) { client in
            func post(_ path: String, json: String? = nil, csv: Data? = nil, token: String = admin, _ expected: HTTPResponse.Status = .created) async throws {
                let r = try await client.call(.post, path, token: token, json: json, csv: csv)
                #expect(r.status == expected, "POST \(path): \(r.status) \(r.text.prefix(400))")
            }
            _ = try await Scenario.scoredRound(client, admin)
            for id in ["rev-a", "rev-b", "rev-c"] {
                try await post("/v1/reviewers", json: #"{"id": "\#(id)", "name": "Reviewer \#(id)"}"#)
            }
            let proposals = try #require(try await client.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]])
            let applicant = try #require(proposals.first?["applicant"] as? String)
            try await post("/v1/rounds/\(round)/conflicts", json: #"[{"reviewer": "rev-a", "applicant": "\#(applicant)"}]"#)
            try await post("/v1/rounds/\(round)/assignments", json: #"{"reviews_per_proposal": 2}"#)
            let assigned = try await client.call(.get, "/v1/rounds/\(round)/assignments", token: admin)
            let assignments = try #require((assigned.json as? [String: Any])?["assignments"] as? [[String: Any]], "\(assigned.text.prefix(300))")
            let reviewerTokens = try Dictionary(uniqueKeysWithValues: ["rev-a", "rev-b", "rev-c"].map { id in
                (id, try APIToken.issue(role: .reviewer, name: "reviewer \(id)", reviewerID: id, in: deps.store.tokens, actor: "test").token)
            })
            for assignment in assignments {
                guard let proposal = assignment["proposal"] as? String, let reviewer = assignment["reviewer"] as? String,
                      let token = reviewerTokens[reviewer] else { continue }
                try await post("/v1/rounds/\(round)/reviews", json: #"{"proposal": "\#(proposal)", "score": 4}"#, token: token)
            }
            try await post("/v1/rounds/\(round)/runs")
            let first = try #require(proposals.first?["id"] as? String)
            try await post("/v1/rounds/\(round)/decisions", json: #"[{"proposal": "\#(first)", "decision": "decline", "reason": "panel view"}]"#)
            try await post("/v1/webhooks/endpoints", json: #"{"id": "panel-hook", "url": "http://127.0.0.1:9/hook", "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}"#)
            try await post("/v1/surveys/\(Scenario.survey)/close", json: "{}", .ok)
            var answers: [(String, String)] = []
            for path in ["/v1/rounds/\(round)/results", "/v1/rounds/\(round)/results.csv", "/v1/rounds/\(round)/runs", "/v1/rounds/\(round)",
                         "/v1/rounds/\(round)/proposals", "/v1/rounds/\(round)/assignments", "/v1/rounds/\(round)/reviews",
                         "/v1/rounds/\(round)/decisions", "/v1/rounds/\(round)/conflicts", "/v1/surveys", "/v1/surveys/\(Scenario.survey)",
                         "/v1/surveys/\(Scenario.survey)/summary", "/v1/reviewers", "/v1/webhooks/endpoints", "/v1/webhooks/deliveries?limit=1000",
                         "/v1/activity", "/v1/rounds/\(round)/history", "/v1/needs?survey=\(Scenario.survey)"] {
                let r = try await client.call(.get, path, token: admin)
                answers.append((path, "\(r.status.code) " + masked(r.text)))
            }
            return answers
        }
    }

    /// Times, made-up ids and tokens replaced by placeholders, so what is left must agree exactly.
    static func masked(_ text: String) -> String {
        let patterns = [
            #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"#: "<time>",
            #"\b(run|tok|msg|evt|del)_[A-Za-z0-9_-]+"#: "<id>",
            #"allot_[A-Za-z0-9_-]{20,}"#: "<token>",
            #""(id|delivery_id)":\s*\d+"#: #""$1": <n>"#,
        ]
        var out = text
        for (pattern, replacement) in patterns.sorted(by: { $0.key < $1.key }) {
            out = out.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return out
    }
}
