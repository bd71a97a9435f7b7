import AllotServer
import AllotStore
import AllotWebhooks
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// A conflict declared through the API between two delivery attempts of `review.assigned` withholds the retry: the
/// gate reads the round's conflicts at send time and matches the applicant by `ApplicantKey`, whatever the spelling.
@Suite("Conflicts declared while a reviewer's endpoint is failing")
struct ConflictGateTests {
    @Test("the retried review.assigned about a now-conflicted applicant is suppressed and logged as suppressed")
    func theRetryAboutANowConflictedApplicantIsSuppressed() async throws {
        let server = try TestServer.make()
        let failing = LockedState(true)
        let receiver = try await HookReceiver.start { failing.withLock { $0 } ? .serviceUnavailable : .noContent }
        let clock = LockedState(Date(timeIntervalSince1970: 1_900_000_000))
        let client = try CurlClient(policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 2)
        let dispatcher = WebhookDispatcher(
            outbox: SQLiteOutboxStore(server.deps.database), transport: client,
            settings: DeliverySettings(retrySchedule: [1, 2, 3], jitter: 0, lease: 30, pollInterval: 0.05, workers: 2),
            now: { clock.withLock { $0 } }, random: { 0.5 })
        try await server.deps.database.writer.write { db in
            try WebhookEndpoints.save(
                WebhookEndpoint(id: "rev-a-hook", url: receiver.url, secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"],
                                eventTypes: ["review.assigned"], concurrency: 64, reviewerID: "rev-a"),
                now: clock.withLock { $0 }, in: db)
        }

        try await server.application.test(.router) { api async throws in
            let admin = server.admin
            let round = Scenario.round
            try await Scenario.roundWithProposals(api, admin)
            #expect(try await api.call(.post, "/v1/reviewers", token: admin, json: #"{"id": "rev-a", "name": "Reviewer A"}"#).status == .created)
            let assigned = try await api.call(.post, "/v1/rounds/\(round)/assignments", token: admin, json: #"{"reviews_per_proposal": 1}"#)
            #expect(assigned.status == .created, "\(assigned.text)")
            let proposals = try #require(try await api.call(.get, "/v1/rounds/\(round)/proposals", token: admin).json as? [[String: Any]])
            let applicantOf = Dictionary(uniqueKeysWithValues: proposals.compactMap { p in
                (p["id"] as? String).map { ($0, p["applicant"] as? String ?? "") }
            })
            let target = try #require(applicantOf.values.sorted().first)
            let targetProposals = Set(applicantOf.filter { $0.value == target }.map(\.key))

            // First attempt: the endpoint answers 503 to every message, so each is due again after 1 s.
            let first = try await dispatcher.runOnce()
            #expect(first.delivered == 0)
            #expect(receiver.requests.count == proposals.count)

            // The conflict is declared between the attempts, in another spelling: case, doubled spaces, a full stop.
            let variant = "  " + target.uppercased().replacingOccurrences(of: " ", with: "  ") + ". "
            let declared = try await api.call(.post, "/v1/rounds/\(round)/conflicts", token: admin,
                                              json: #"[{"reviewer": "rev-a", "applicant": "\#(variant)"}]"#)
            #expect(declared.status == .created, "\(declared.text)")
            // The reviewer's scope uses the same key: the applicant's proposals are hidden from it now.
            let reviewer = try server.token(.reviewer, reviewer: "rev-a")
            for id in targetProposals {
                #expect(try await api.call(.get, "/v1/rounds/\(round)/proposals/\(id)", token: reviewer).status == .notFound)
            }

            failing.withLock { $0 = false }
            clock.withLock { $0 = $0.addingTimeInterval(5) }
            let second = try await dispatcher.runOnce()
            #expect(second.suppressed == targetProposals.count)
            #expect(second.delivered == proposals.count - targetProposals.count)
            let retried = receiver.requests.dropFirst(proposals.count)
            #expect(retried.count == proposals.count - targetProposals.count)
            #expect(retried.allSatisfy { $0.data["applicant_name"] as? String != target && !targetProposals.contains($0.data["applicant_id"] as? String ?? "") })

            let log = try await server.deps.database.writer.read { db in
                try DeliveryLog.messages(MessageFilter(endpointID: "rev-a-hook", limit: 1000), in: db)
            }
            let events = try await server.deps.database.writer.read { db in
                try Dictionary(uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT id, body FROM webhook_event").map { row -> (String, String) in
                    let body = try JSONSerialization.jsonObject(with: row["body"] as Data) as? [String: Any]
                    return (row["id"], (body?["data"] as? [String: Any])?["applicant_id"] as? String ?? "")
                })
            }
            let withheld = log.filter { targetProposals.contains(events[$0.eventID] ?? "") }
            #expect(withheld.count == targetProposals.count)
            for message in withheld {
                #expect(message.state == .suppressed)
                #expect(message.lastError?.contains("conflicted with applicant") == true, "\(message.lastError ?? "")")
                let attempts = try await server.deps.database.writer.read { db in try DeliveryLog.attempts(messageID: message.messageID, in: db) }
                #expect(attempts.map(\.outcome) == ["retry", "suppressed"])
            }
            #expect(log.filter { !withheld.contains($0) }.allSatisfy { $0.state == .delivered })
        }
        await client.shutdown()
        await receiver.stop()
    }
}
