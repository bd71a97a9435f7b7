import AllotStore
import AllotWebhooks
import Foundation
import GRDB

/// A clock the test moves by hand, so retry schedules need no sleeping.
final class TestClock: Sendable {
    private let current: LockedState<Date>

    init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = LockedState(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(_ seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// A real SQLite store in a fresh temporary folder, a libcurl client allowed to reach 127.0.0.1, and a test clock.
final class Harness: Sendable {
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"

    let directory: String
    let clock = TestClock()
    let client: CurlClient
    let settings: DeliverySettings
    private let store: LockedState<AppDatabase>

    var database: AppDatabase { store.withLock { $0 } }
    /// The outbox on the current connection pool (a new one after `reopen()`).
    var outbox: SQLiteOutboxStore { SQLiteOutboxStore(database) }

    init(settings: DeliverySettings = Harness.settings()) throws {
        directory = (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-webhooks-\(UUID().uuidString)")
        self.settings = settings
        store = LockedState(try AppDatabase.open(dataDirectory: directory))
        client = try CurlClient(
            settings: settings.transport, policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: 4)
    }

    /// Short, jitter-free schedule: retries 1 s, 2 s, 3 s after failures (on the test clock). Timeouts are
    /// generous (30 s) because the whole suite runs in parallel on two cores: a slow loopback answer must
    /// not read as a failure unless a test asks for a short timeout.
    static func settings(
        schedule: [TimeInterval] = [1, 2, 3], totalTimeout: TimeInterval = 30, capture: Int = 65_536,
        pollInterval: TimeInterval = 0.05
    ) -> DeliverySettings {
        DeliverySettings(
            transport: TransportSettings(connectTimeout: min(10, totalTimeout), totalTimeout: totalTimeout,
                                         responseCaptureBytes: capture),
            retrySchedule: schedule, jitter: 0, lease: 30, pollInterval: pollInterval, claimBatch: 64, workers: 4)
    }

    func dispatcher() -> WebhookDispatcher {
        WebhookDispatcher(
            outbox: outbox, transport: client, settings: settings, now: { [clock] in clock.now },
            random: { 0.5 })
    }

    /// Simulates a process restart: the old connection pool is closed and a new one opened on the same file.
    func reopen() throws {
        try store.withLock { database in
            try database.writer.close()
            database = try AppDatabase.open(dataDirectory: directory)
        }
    }

    func addEndpoint(
        _ id: String, url: String, events: [String] = ["*"], reviewer: String? = nil,
        format: WebhookEndpoint.Format = .json, secrets: [String] = [Harness.secret]
    ) throws {
        try database.writer.write { db in
            try WebhookEndpoints.save(
                WebhookEndpoint(id: id, url: url, secrets: secrets, eventTypes: events, reviewerID: reviewer,
                                format: format),
                now: clock.now, in: db)
        }
    }

    @discardableResult
    func enqueue(_ payload: some WebhookPayload) throws -> String {
        try outbox.enqueueEvent(payload, occurredAt: clock.now)
    }

    func messages(_ filter: MessageFilter = MessageFilter()) throws -> [MessageLogEntry] {
        try database.writer.read { db in try DeliveryLog.messages(filter, in: db) }
    }

    func endpoint(_ id: String) throws -> WebhookEndpoint? {
        try database.writer.read { db in try WebhookEndpoints.find(id, in: db) }
    }

    func shutdown() async {
        await client.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }

    static let roundFailed = RoundFailed(roundID: "2026-spring", stage: "portfolio", reason: "solver infeasible")
}
