import AllotStore
import AllotWebhooks
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Hummingbird
import ServiceLifecycle
import Logging
#if canImport(Glibc)
import Glibc
#endif

/// Black-box support: the built `allot` executable run as a child process (`allot serve`, `allot token create`),
/// an HTTP client for its API, and a loopback webhook receiver recording every request.
enum AllotBinary {
    /// The `allot` binary next to the test bundle (built by `swift build --build-tests`).
    static var path: String {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("allot").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return TestServer.repository.appendingPathComponent(".build/debug/allot").path
    }

    /// The environment without `ALLOT_...` overrides, so only the test's config file counts.
    static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ALLOT_") }
    }

    /// Runs `allot ARGS` to completion; returns its status and output.
    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
    }
}

enum ServeError: Error, CustomStringConvertible {
    case failed(String)
    var description: String { if case let .failed(why) = self { why } else { "" } }
}

/// A temporary folder holding `allot.yaml`, `webhooks.yaml`, the data directory and an admin token made by
/// `allot token create`.
struct ServeFolder: Sendable {
    let path: String
    let token: String
    /// The PostgreSQL store the instance uses (`database_url`); nil: SQLite in `data`.
    var databaseURL: String? = nil
    var data: String { path + "/data" }
    var config: String { path + "/allot.yaml" }
    var webhooks: String { path + "/webhooks.yaml" }

    /// Creates the folder and the token. `endpoint` is the receiver's URL, signed with `secret`.
    static func make(_ name: String, endpoint: String, secret: WebhookSecret, samples: Int, tickSeconds: Double = 1,
                     concurrency: Int = 4, databaseURL: String? = nil, leaseSeconds: Double? = nil) throws -> ServeFolder {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("allot-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path + "/data", withIntermediateDirectories: true)
        let token = try AllotBinary.run(["token", "create", "--role", "admin", "--name", name, "--data-dir", path + "/data"]
            + (databaseURL.map { ["--database-url", $0] } ?? []))
        guard token.status == 0 else { throw ServeError.failed("allot token create: \(token.status) \(token.err)") }
        let folder = ServeFolder(path: path, token: token.out.trimmingCharacters(in: .whitespacesAndNewlines), databaseURL: databaseURL)
        try folder.writeConfig(samples: samples, tickSeconds: tickSeconds)
        try """
            delivery:
              retry_schedule_seconds: [1, 1, 2, 2, 5]
              poll_interval_seconds: 0.5\(leaseSeconds.map { "\n  lease_seconds: \($0)\n  total_timeout_seconds: \($0 / 2)\n  connect_timeout_seconds: \($0 / 4)" } ?? "")
            allow_targets: ["127.0.0.1/32"]
            endpoints:
              - id: e2e-receiver
                url: \(endpoint)
                secrets: [\(secret.text)]
                concurrency: \(concurrency)
            """.write(toFile: folder.webhooks, atomically: true, encoding: .utf8)
        return folder
    }

    /// (Re)writes `allot.yaml`: port 0, this data directory, a fast scheduler, few robustness samples.
    func writeConfig(samples: Int, tickSeconds: Double = 1) throws {
        try ("""
            listen: 127.0.0.1:0
            data_dir: \(data)
            scheduler:
              tick_seconds: \(tickSeconds)
            runs:
              robustness_samples: \(samples)
              seed: 1
            webhooks:
              config: \(webhooks)
            """ + (databaseURL.map { "\ndatabase_url: \($0)\n" } ?? "")).write(toFile: config, atomically: true, encoding: .utf8)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// `allot serve` as a child process. Stopped with `terminate` (SIGTERM); `kill` (SIGKILL) in every other path,
/// and on deinit, so no test leaves a daemon behind.
final class ServeProcess: @unchecked Sendable {
    let process: Process
    let port: Int
    let logPath: String
    let api: APIClient

    private init(process: Process, port: Int, logPath: String, token: String) {
        self.process = process
        self.port = port
        self.logPath = logPath
        api = APIClient(base: "http://127.0.0.1:\(port)", token: token)
    }

    deinit { kill() }

    /// Starts `allot serve --config FOLDER/allot.yaml` and waits (up to `timeout`) for `listening on HOST:PORT`.
    static func start(_ folder: ServeFolder, timeout: Duration = .seconds(30)) async throws -> ServeProcess {
        let stamp = UUID().uuidString.prefix(8)
        let out = "\(folder.path)/serve-\(stamp).out", err = "\(folder.path)/serve-\(stamp).log"
        for file in [out, err] where !FileManager.default.createFile(atPath: file, contents: nil) {
            throw ServeError.failed("cannot create \(file) for the daemon's output")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: AllotBinary.path)
        p.arguments = ["serve", "--config", folder.config, "--config-dir", TestServer.configDirectory.path]
        p.environment = AllotBinary.environment
        p.standardOutput = FileHandle(forWritingAtPath: out)
        p.standardError = FileHandle(forWritingAtPath: err)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("listening on ") }),
               let colon = line.lastIndex(of: ":"), let port = Int(line[line.index(after: colon)...]), port > 0 {
                return ServeProcess(process: p, port: port, logPath: err, token: folder.token)
            }
            if !p.isRunning {
                throw ServeError.failed("allot serve exited with \(p.terminationStatus) before listening: \(Self.tail(err))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Glibc.kill(p.processIdentifier, SIGKILL)
        p.waitUntilExit()
        throw ServeError.failed("allot serve printed no 'listening on' line within \(timeout): \(Self.tail(err))")
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM and waits up to `timeout` for the exit; returns the exit status and how long the stop took.
    /// A daemon still running after `timeout` is killed and reported as an error.
    func terminate(timeout: Duration = .seconds(30)) async throws -> (status: Int32, took: Duration) {
        let start = ContinuousClock.now
        Glibc.kill(pid, SIGTERM)
        while process.isRunning {
            if ContinuousClock.now - start > timeout {
                kill()
                throw ServeError.failed("allot serve still running \(timeout) after SIGTERM; killed it. Log: \(log.suffix(2000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let status = process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
        return (status, ContinuousClock.now - start)
    }

    /// SIGKILL if still running (failure and clean-up paths).
    func kill() {
        guard process.isRunning else { return }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// The daemon's log (stderr) so far.
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    static func tail(_ path: String) -> String {
        String(((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").suffix(2000))
    }
}

/// A small JSON/CSV client for the daemon's API (URLSession, bearer token).
struct APIClient: Sendable {
    struct Response: Sendable {
        let status: Int
        let body: Data
        let headers: [String: String]
        var text: String { String(decoding: body, as: UTF8.self) }
        var json: Any? { try? JSONSerialization.jsonObject(with: body) }
        var object: [String: Any] { json as? [String: Any] ?? [:] }
        var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
    }

    let base: String
    let token: String

    func call(_ method: String, _ path: String, json: String? = nil, csv: Data? = nil, timeout: TimeInterval = 120) async throws -> Response {
        var request = URLRequest(url: URL(string: base + path)!, timeoutInterval: timeout)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        if let json {
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(json.utf8)
        } else if let csv {
            request.setValue("text/csv", forHTTPHeaderField: "Content-Type")
            request.httpBody = csv
        } else if method == "POST" {
            request.httpBody = Data()
        }
        let session = URLSession(configuration: .ephemeral)
        defer { session.finishTasksAndInvalidate() }
        return try await withCheckedThrowingContinuation { continuation in
            session.dataTask(with: request) { data, response, error in
                if let error { return continuation.resume(throwing: error) }
                guard let http = response as? HTTPURLResponse else {
                    return continuation.resume(throwing: ServeError.failed("\(method) \(path): no HTTP response"))
                }
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { headers[String(describing: k).lowercased()] = String(describing: v) }
                continuation.resume(returning: Response(status: http.statusCode, body: data ?? Data(), headers: headers))
            }.resume()
        }
    }

    /// Sends and insists on `status`.
    @discardableResult
    func expect(_ status: Int, _ method: String, _ path: String, json: String? = nil, csv: Data? = nil) async throws -> Response {
        let r = try await call(method, path, json: json, csv: csv)
        guard r.status == status else { throw ServeError.failed("\(method) \(path): expected \(status), got \(r.status): \(r.text.prefix(600))") }
        return r
    }
}

/// One request as the loopback receiver saw it.
struct HookRequest: Sendable {
    /// The `endpoint` query parameter of the URL it was sent to (tests give each endpoint its own), else "".
    let endpoint: String
    let id: String
    let timestamp: String
    let signature: String
    let body: Data

    var envelope: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
    var type: String { envelope["type"] as? String ?? "" }
    var data: [String: Any] { envelope["data"] as? [String: Any] ?? [:] }

    /// Whether the Standard Webhooks signature matches `secret`.
    func verifies(with secret: WebhookSecret) -> Bool {
        (try? WebhookVerifier.verify(id: id, timestamp: timestamp, body: body, signatureHeader: signature, secret: secret, now: Date())) != nil
    }
}

/// A Hummingbird server on 127.0.0.1:0 in the test process: records every POST /hook (headers and body) and
/// answers `status()` (204 unless told otherwise), after `delay` when set (a slow receiver keeps deliveries in flight).
final class HookReceiver: Sendable {
    let port: Int
    private let task: Task<Void, any Error>
    private let group: ServiceGroup
    private let state: LockedState<(requests: [HookRequest], answered: Int)>

    var url: String { "http://127.0.0.1:\(port)/hook" }
    var requests: [HookRequest] { state.withLock { $0.requests } }
    /// Requests answered so far (arrived minus answered = in flight).
    var answered: Int { state.withLock { $0.answered } }

    private init(port: Int, task: Task<Void, any Error>, group: ServiceGroup, state: LockedState<(requests: [HookRequest], answered: Int)>) {
        self.port = port
        self.task = task
        self.group = group
        self.state = state
    }

    static func start(delay: Duration = .zero, status: @escaping @Sendable () -> HTTPResponse.Status = { .noContent }) async throws -> HookReceiver {
        let state = LockedState<(requests: [HookRequest], answered: Int)>(([], 0))
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 4 << 20)
            func header(_ name: String) -> String { HTTPFields.Element.Name(name).flatMap { request.headers[$0] } ?? "" }
            let hook = HookRequest(endpoint: request.uri.queryParameters["endpoint"].map(String.init) ?? "", id: header("webhook-id"), timestamp: header("webhook-timestamp"), signature: header("webhook-signature"),
                                   body: Data(buffer.readableBytesView))
            state.withLock { $0.requests.append(hook) }
            if delay > .zero { try? await Task.sleep(for: delay) }
            state.withLock { $0.answered += 1 }
            return Response(status: status())
        }
        var logger = Logger(label: "test.hook-receiver")
        logger.logLevel = .critical
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { channel in
                                  continuation.yield(channel.localAddress?.port ?? 0)
                                  continuation.finish()
                              }, logger: logger)
        // Run in a service group and stop it gracefully: cancelling `app.run()` itself can drop a connection's
        // NIOAsyncWriter unfinished, which traps in NIO ("Deinited NIOAsyncWriter without calling finish()").
        let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task { try await group.run() }
        var bound = 0
        for await p in ports { bound = p }
        guard bound > 0 else {
            await group.triggerGracefulShutdown()
            throw ServeError.failed("the loopback receiver did not start")
        }
        return HookReceiver(port: bound, task: task, group: group, state: state)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// Polls `condition` every `interval` until it holds or `timeout` passes; returns whether it held.
func eventually(timeout: Duration, interval: Duration = .milliseconds(200), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while true {
        if try await condition() { return true }
        if ContinuousClock.now >= deadline { return false }
        try? await Task.sleep(for: interval)
    }
}

/// ISO 8601 without fractional seconds, as the API reads dates.
func iso8601(_ date: Date) -> String {
    let f = ISO8601DateFormatter()
    f.formatOptions = [.withInternetDateTime]
    return f.string(from: date)
}
