@testable import AllotApp
import AllotIngest
import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting

/// The server under test, on a real temporary SQLite file (`TestServer`) or in memory (`MemoryTestServer`), with an
/// admin token and generated demo files. Route and page tests that read nothing but the API run in memory, the
/// controllers being generic over the store; the contract suites hold the memory store to SQLite's and PostgreSQL's
/// promises, and the `serve` tests run the real stores end to end.
typealias TestServer = StoreTestServer<SQLiteRepositories>
typealias MemoryTestServer = StoreTestServer<MemoryRepositories>

struct StoreTestServer<Store: StoreRepositories>: Sendable {
    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
    static var configDirectory: ConfigDirectory { ConfigDirectory(path: repository.appendingPathComponent("Config").path) }

    let folder: String
    let deps: ServerDependencies<Store>
    let admin: String

    /// A new temporary folder for the server's data directory.
    static func newFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-server-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// A server on `store` with an admin token.
    static func make(store: Store, folder: String, uploadMaxBytes: Int, robustnessSamples: Int) throws -> Self {
        let config = ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: folder + "/data", uploadMaxBytes: uploadMaxBytes, robustnessSamples: robustnessSamples)
        let deps = ServerDependencies(config: config, store: store, configDirectory: configDirectory)
        let (admin, _) = try APIToken.issue(role: .admin, name: "test admin", reviewerID: nil, in: store.tokens, actor: "allot")
        return Self(folder: folder, deps: deps, admin: admin)
    }

    /// The application under test (no services).
    var application: some ApplicationProtocol { Application(router: buildRouter(deps)) }

    /// A token of another role.
    func token(_ role: TokenRole, reviewer: String? = nil) throws -> String {
        try APIToken.issue(role: role, name: "test \(role.rawValue)", reviewerID: reviewer, in: deps.store.tokens, actor: "allot").token
    }
}

extension StoreTestServer where Store == SQLiteRepositories {
    /// A fresh SQLite store in a new temporary folder.
    /// `robustnessSamples` above 0 makes runs last long enough to be caught in progress.
    static func make(uploadMaxBytes: Int = 50 * 1024 * 1024, robustnessSamples: Int = 0) throws -> Self {
        let folder = try newFolder()
        return try make(store: SQLiteRepositories(try AppDatabase.open(dataDirectory: folder + "/data")), folder: folder,
                        uploadMaxBytes: uploadMaxBytes, robustnessSamples: robustnessSamples)
    }
}

extension StoreTestServer where Store == MemoryRepositories {
    /// A fresh in-memory store; the temporary folder holds only what the server writes beside its store.
    static func make(uploadMaxBytes: Int = 50 * 1024 * 1024, robustnessSamples: Int = 0) throws -> Self {
        try make(store: MemoryRepositories(), folder: try newFolder(), uploadMaxBytes: uploadMaxBytes, robustnessSamples: robustnessSamples)
    }
}

/// The demo's generated files, written once per process.
enum DemoFiles {
    struct Files: Sendable {
        let surveys: [String]
        let participation: String
        let activity: String
        let workforce: String
        let proposals: String
        let reviews: String
        let conflicts: String
    }

    static let files: Files? = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-server-demo-\(UUID().uuidString)").path
        guard let data = try? DemoData.write(to: folder, seed: 11, responses: 400),
              let round = try? DemoRound.write(to: folder, seed: 11, proposalCount: 18) else { return nil }
        return Files(surveys: data.surveys, participation: round.participation, activity: round.activity, workforce: round.workforce,
                     proposals: round.proposals, reviews: round.reviews, conflicts: round.conflicts)
    }()

    static func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
}

/// Requests with a token and a JSON or CSV body.
extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, json: String? = nil, csv: Data? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            headers[.contentType] = "application/json"
            body = ByteBuffer(string: json)
        } else if let csv {
            headers[.contentType] = "text/csv"
            body = ByteBuffer(bytes: csv)
        }
        return try await executeRequest(uri: uri, method: method, headers: headers, body: body)
    }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }

    /// The body as a JSON object or array.
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// A field of a JSON object body.
    subscript(key: String) -> Any? { (json as? [String: Any])?[key] }
}

/// Steps shared by the tests: a survey with responses, supply, a round with proposals.
enum Scenario {
    static let survey = "practitioner-2022-23"
    static let round = "r2024"

    static func surveyWithResponses(_ client: some TestClientProtocol, _ admin: String, closesAt: String? = nil) async throws -> TestResponse {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        let closes = closesAt.map { #", "closes_at": "\#($0)""# } ?? ""
        _ = try await client.call(.post, "/v1/surveys", token: admin, json: #"{"id": "\#(survey)", "title": "Practitioners 2022/23"\#(closes)}"#)
        let path = files.surveys.first { $0.hasSuffix("\(survey).csv") } ?? ""
        return try await client.call(.post, "/v1/surveys/\(survey)/responses", token: admin, csv: try DemoFiles.bytes(path))
    }

    static func supply(_ client: some TestClientProtocol, _ admin: String) async throws {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        for (kind, path) in [("participation", files.participation), ("activity", files.activity), ("workforce", files.workforce)] {
            let r = try await client.call(.post, "/v1/supply/\(kind)", token: admin, csv: try DemoFiles.bytes(path))
            guard r.status == .created else { throw ScenarioError.failed("supply \(kind): \(r.status) \(r.text)") }
        }
    }

    static func roundWithProposals(_ client: some TestClientProtocol, _ admin: String) async throws {
        guard let files = DemoFiles.files else { throw ScenarioError.noDemoFiles }
        let r = try await client.call(.post, "/v1/rounds", token: admin, json: """
            {"id": "\(round)", "name": "Round 2024", "budget": 150000, "surveys": ["\(survey)"], "supply_year": "2022-23",
             "reviews_per_proposal": 2}
            """)
        guard r.status == .created else { throw ScenarioError.failed("round: \(r.status) \(r.text)") }
        let p = try await client.call(.post, "/v1/rounds/\(round)/proposals", token: admin, json: String(decoding: try DemoFiles.bytes(files.proposals), as: UTF8.self))
        guard p.status == .created else { throw ScenarioError.failed("proposals: \(p.status) \(p.text)") }
    }

    /// Everything up to a successful run; returns the run's JSON.
    static func scoredRound(_ client: some TestClientProtocol, _ admin: String) async throws -> [String: Any] {
        _ = try await surveyWithResponses(client, admin)
        try await supply(client, admin)
        try await roundWithProposals(client, admin)
        let run = try await client.call(.post, "/v1/rounds/\(round)/runs", token: admin)
        guard run.status == .created, let json = run.json as? [String: Any], json["status"] as? String == "succeeded" else {
            throw ScenarioError.failed("run: \(run.status) \(run.text)")
        }
        return json
    }
}

enum ScenarioError: Error {
    case noDemoFiles
    case failed(String)
}
