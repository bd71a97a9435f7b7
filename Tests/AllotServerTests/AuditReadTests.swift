@testable import AllotServer
import AllotIngest
import AllotStore
import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

/// What a run and a decision are audited by is never read as a default: unreadable stored values are a typed error
/// naming them (500 `store_corrupt`), and a config file the run cannot read fails the run instead of being recorded
/// as the hash of an empty text.
@Suite("Audit reads") struct AuditReadTests {
    @Test("Corrupt stored inputs, a time that is not a time and an unknown decision outcome are store_corrupt, not [:], 1970 or decline")
    func corruptStoredValuesAreErrors() async throws {
        let server = try TestServer.make()
        try await server.application.test(.router) { client async throws in
            let run = try await Scenario.scoredRound(client, server.admin)
            let runID = try #require(run["id"] as? String)
            let round = Scenario.round
            #expect(try await client.call(.get, "/v1/rounds/\(round)/runs/\(runID)", token: server.admin).status == .ok)

            try await server.deps.database.writer.write { db in try db.execute(sql: "UPDATE round_run SET inputs = 'not json' WHERE id = ?", arguments: [runID]) }
            let inputs = try await client.call(.get, "/v1/rounds/\(round)/runs/\(runID)", token: server.admin)
            #expect(inputs.status == .internalServerError, "\(inputs.text)")
            #expect(inputs["error"] as? String == "store_corrupt")
            #expect((inputs["detail"] as? String ?? "").contains("inputs"))

            try await server.deps.database.writer.write { db in
                try db.execute(sql: "UPDATE round_run SET inputs = '{}', started_at = 'soon' WHERE id = ?", arguments: [runID])
            }
            let time = try await client.call(.get, "/v1/rounds/\(round)/runs", token: server.admin)
            #expect(time.status == .internalServerError, "\(time.text.prefix(300))")
            #expect((time["detail"] as? String ?? "").contains("started_at"))

            try await server.deps.database.writer.write { db in
                try db.execute(sql: "UPDATE round_run SET started_at = 1 WHERE id = ?", arguments: [runID])
                try db.execute(sql: """
                    INSERT INTO round_decision (round, proposal, decision, amount, reason, decided_by, run_id, recommended_fund,
                                                recommended_amount, departed, decided_at)
                    VALUES (?, 'P', 'maybe', NULL, NULL, 'admin', ?, 0, NULL, 0, 1)
                    """, arguments: [round, runID])
            }
            let decisions = try await client.call(.get, "/v1/rounds/\(round)/decisions", token: server.admin)
            #expect(decisions.status == .internalServerError, "\(decisions.text.prefix(300))")
            #expect(decisions["error"] as? String == "store_corrupt")

            // A stored result that cannot be read is not "no recommendations" for the next decisions.
            try await server.deps.database.writer.write { db in
                try db.execute(sql: "DELETE FROM round_decision WHERE decision = 'maybe'")
                try db.execute(sql: "UPDATE round_run SET result = CAST('{}' AS BLOB) WHERE id = ?", arguments: [runID])
            }
            let proposal = try #require((try await client.call(.get, "/v1/rounds/\(round)/proposals", token: server.admin).json as? [[String: Any]])?
                .first?["id"] as? String)
            let decided = try await client.call(.post, "/v1/rounds/\(round)/decisions", token: server.admin,
                                                json: #"[{"proposal": "\#(proposal)", "decision": "decline", "reason": "r"}]"#)
            #expect(decided.status == .internalServerError, "\(decided.text.prefix(300))")
            #expect(decided["error"] as? String == "store_corrupt")
            #expect((try await client.call(.get, "/v1/rounds/\(round)/decisions", token: server.admin).json as? [Any])?.isEmpty == true)
        }
    }

    @Test("A config file the run cannot read for its record fails the run at stage config")
    func anUnreadableConfigFileIsAFailure() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-audit-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try AppDatabase.open(dataDirectory: folder + "/data")
        let loader = EvidenceLoader(store: SQLiteRepositories(database), configDirectory: ConfigDirectory(path: folder))
        do {
            _ = try RunInputs.configText("scoring.yaml", loader)
            Issue.record("a missing scoring.yaml was read")
        } catch let failure as RunSettings.Failure {
            #expect(failure.stage == "config")
            #expect(failure.description.contains("scoring.yaml"))
        }
        try "weights: {}\n".write(toFile: folder + "/scoring.yaml", atomically: true, encoding: .utf8)
        #expect(try RunInputs.configText("scoring.yaml", loader) == "weights: {}\n")
    }
}
