import AllotIngest
import AllotServer
import AllotStore
import Foundation
import Hummingbird
import HummingbirdTesting

/// The daemon's JSON request bodies: every operation of docs/openapi.json that takes a JSON body, on a real router
/// over a real SQLite store, as an admin (who reaches every route's validation). An input whose first line names an
/// operation (`POST /v1/rounds`) goes to it, so a kept input always tests the route it was kept for; otherwise its
/// first byte picks the operation (what mutation explores). The rest is the body. The daemon must answer every body
/// (a 4xx is a right answer); a crash or a 5xx is a finding.
public enum FuzzRequests {
    struct Operation: Sendable { let method: HTTPRequest.Method; let path: String }

    final class Harness: @unchecked Sendable {
        let application: Application<RouterResponder<AllotRequestContext>>
        let token: String
        let operations: [Operation]

        init() throws {
            let folder = NSTemporaryDirectory() + "allot-fuzz-requests-\(getpid())"
            try? FileManager.default.removeItem(atPath: folder)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let config = try ConfigDirectory.locate()
            let database = try AppDatabase.open(dataDirectory: folder)
            let deps = ServerDependencies(config: ServerConfig(host: "127.0.0.1", port: 0, dataDirectory: folder, robustnessSamples: 0),
                                          database: database, configDirectory: config)
            token = try APIToken.issue(role: .admin, name: "fuzz", reviewerID: nil, in: SQLiteTokenRepository(database), actor: "allot").token
            application = Application(router: buildRouter(deps))
            let document = try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any] ?? [:]
            var operations: [Operation] = []
            for (path, item) in (document["paths"] as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                for (method, operation) in (item as? [String: Any] ?? [:]).sorted(by: { $0.key < $1.key }) {
                    let body = ((operation as? [String: Any])?["requestBody"] as? [String: Any])?["content"] as? [String: Any]
                    guard body?["application/json"] != nil, let m = HTTPRequest.Method(rawValue: method.uppercased()) else { continue }
                    let concrete = path.replacingOccurrences(of: "{round}", with: "fz-round")
                        .replacingOccurrences(of: "{survey}", with: "practitioner-2022-23")
                        .replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
                    operations.append(Operation(method: m, path: concrete))
                }
            }
            self.operations = operations
            // A survey and a round for the round-scoped routes to find.
            send(Operation(method: .post, path: "/v1/surveys"), Data(#"{"id": "practitioner-2022-23"}"#.utf8))
            send(Operation(method: .post, path: "/v1/rounds"), Data(#"{"id": "fz-round", "budget": 1000, "surveys": ["practitioner-2022-23"]}"#.utf8))
        }

        /// Sends one body and answers with the status.
        func send(_ operation: Operation, _ body: Data) async -> Int {
            let status = Status()
            let (application, token) = (self.application, self.token)
            try? await application.test(.router) { client in
                var headers = HTTPFields()
                headers[.authorization] = "Bearer \(token)"
                headers[.contentType] = "application/json"
                let response = try await client.executeRequest(uri: operation.path, method: operation.method, headers: headers,
                                                               body: ByteBuffer(bytes: body))
                status.code = response.status.code
            }
            return status.code
        }

        /// The same, waiting on a semaphore: libFuzzer calls in synchronously, from a thread of its own.
        @discardableResult
        func send(_ operation: Operation, _ body: Data) -> Int {
            let done = DispatchSemaphore(value: 0)
            let status = Status()
            Task {
                status.code = await send(operation, body)
                done.signal()
            }
            done.wait()
            return status.code
        }

        /// The operation an input names on its first line, with the body after it; else the one its first byte picks.
        func route(_ bytes: Data) -> (Operation, Data)? {
            if let newline = bytes.firstIndex(of: UInt8(ascii: "\n")),
               let line = String(data: bytes[bytes.startIndex..<newline], encoding: .utf8) {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                if parts.count == 2, let method = HTTPRequest.Method(rawValue: parts[0]),
                   let operation = operations.first(where: { $0.method == method && $0.path == parts[1] }) {
                    return (operation, bytes[bytes.index(after: newline)...])
                }
            }
            guard let first = bytes.first, !operations.isEmpty else { return nil }
            return (operations[Int(first) % operations.count], bytes.dropFirst())
        }
    }

    final class Status: @unchecked Sendable { var code = 0 }

    nonisolated(unsafe) static var harness: Harness?

    static func ready() -> Harness {
        if let harness { return harness }
        do {
            let made = try Harness()
            harness = made
            return made
        } catch { fatalError("fuzz harness: \(error)") }
    }

    /// One input's operation and the answer's status (nil for an empty input).
    public static func answer(_ bytes: Data) async -> (operation: String, status: Int)? {
        let harness = ready()
        guard let (operation, body) = harness.route(bytes) else { return nil }
        return ("\(operation.method) \(operation.path)", await harness.send(operation, body))
    }

    /// The fuzzer's view: a 5xx answer is a finding, reported by crashing so libFuzzer keeps the input.
    public static func one(_ bytes: Data) {
        let harness = ready()
        guard let (operation, body) = harness.route(bytes) else { return }
        let status: Int = harness.send(operation, body)
        if status >= 500 { fatalError("\(operation.method) \(operation.path) answered \(status) to a request body") }
    }
}
