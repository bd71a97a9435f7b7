import AllotStore
import AllotWebhooks
import ArgumentParser
import Foundation
import Logging

/// `allot bench webhooks`: N events through the durable outbox to a loopback receiver (throughput, memory), then
/// a steady 500/s (latency from enqueue to delivery).
struct WebhooksBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Deliver N events through the durable outbox to a loopback receiver: deliveries/s, RSS, then p99 latency at a steady rate.")

    @Option(help: "Events for the throughput and memory phase.") var events = 100_000
    @Option(help: "Events per second in the latency phase.") var rate = 500.0
    @Option(help: "Length of the latency phase in seconds.") var latencySeconds = 10.0
    @Option(help: "libcurl worker threads.") var workers = 8
    @Option(help: "Working folder (default: a temporary folder, removed afterwards).") var workDir: String?

    func run() async throws {
        try await failingAsync {
            try CurlRuntime.initialize()
            let folder = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-webhooks-\(getpid())")
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: folder) } }
            let receiver = try await WebhooksBenchReceiver.start()
            print("libcurl \(CurlRuntime.version), \(workers) workers, receiver \(receiver.url)")
            try await throughput(receiver: receiver, folder: (folder as NSString).appendingPathComponent("throughput"))
            receiver.reset()
            try await latency(receiver: receiver, folder: (folder as NSString).appendingPathComponent("latency"))
            await receiver.stop()
        }
    }

    private var settings: DeliverySettings {
        DeliverySettings(pollInterval: 0.25, claimBatch: 4 * workers, workers: workers)
    }

    /// A store with one endpoint pointing at the receiver; its concurrency keeps every worker busy.
    private func setUp(_ folder: String, receiver: WebhooksBenchReceiver) async throws -> (AppDatabase, CurlClient) {
        try? FileManager.default.removeItem(atPath: folder)
        let database = try AppDatabase.open(dataDirectory: folder)
        try await database.writer.write { db in
            try WebhookEndpoints.save(
                WebhookEndpoint(id: "bench", url: receiver.url, secrets: [WebhookSecret.generate().text],
                                concurrency: 2 * workers),
                now: Date(), in: db)
        }
        let client = try CurlClient(
            settings: settings.transport, policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: workers)
        return (database, client)
    }

    private func throughput(receiver: WebhooksBenchReceiver, folder: String) async throws {
        let (database, client) = try await setUp(folder, receiver: receiver)
        let payload = WebhooksBenchPayload.sample
        let enqueueStart = ContinuousClock.now
        let outbox = SQLiteOutboxStore(database)
        for batch in stride(from: 0, to: events, by: 1000) {
            try await outbox.inTransaction { transaction in
                for _ in batch..<min(events, batch + 1000) {
                    try transaction.enqueue(payload, occurredAt: Date())
                }
            }
        }
        let enqueueSeconds = seconds(since: enqueueStart)
        print(String(format: "enqueued %d events in %.2f s (%.0f/s, 1000 per transaction)", events, enqueueSeconds,
                     Double(events) / enqueueSeconds))
        let dispatcher = WebhookDispatcher(outbox: outbox, transport: client, settings: settings,
                                           logger: Self.quietLogger)
        let rssStart = ResidentMemory.megabytes()
        let start = ContinuousClock.now
        let service = Task { try await dispatcher.run() }
        var nextReport = max(1, events / 10)
        var samples: [(Int, Double)] = []
        while receiver.count < events {
            try await Task.sleep(nanoseconds: 20_000_000)
            if receiver.count >= nextReport {
                samples.append((receiver.count, ResidentMemory.megabytes()))
                nextReport += max(1, events / 10)
            }
        }
        let elapsed = seconds(since: start)
        service.cancel()
        try await service.value
        let delivered = try await database.writer.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webhook_message WHERE state = 'delivered'") ?? 0
        }
        await client.shutdown()
        let counts = client.resources.counts
        print(String(format: "delivered %d (store: %d) in %.2f s: %.0f deliveries/s", receiver.count, delivered,
                     elapsed, Double(receiver.count) / elapsed))
        print(String(format: "RSS before dispatch %.1f MB; ", rssStart)
            + samples.map { String(format: "%d: %.1f MB", $0.0, $0.1) }.joined(separator: ", "))
        print("curl handles created \(counts.handlesCreated), live after shutdown \(counts.handlesLive); "
            + "header lists created \(counts.headerListsCreated), live after shutdown \(counts.headerListsLive)")
    }

    private func latency(receiver: WebhooksBenchReceiver, folder: String) async throws {
        let (database, client) = try await setUp(folder, receiver: receiver)
        let outbox = SQLiteOutboxStore(database)
        let dispatcher = WebhookDispatcher(outbox: outbox, transport: client, settings: settings,
                                           logger: Self.quietLogger)
        let service = Task { try await dispatcher.run() }
        receiver.recordArrivals()
        let total = Int(rate * latencySeconds)
        var enqueued: [(String, ContinuousClock.Instant)] = []
        enqueued.reserveCapacity(total)
        let start = ContinuousClock.now
        let payload = WebhooksBenchPayload.sample
        for index in 0..<total {
            // Open loop: each event has its slot, whatever the previous one cost.
            let slot = start + .nanoseconds(Int64(Double(index) / rate * 1e9))
            if slot > .now { try await Task.sleep(until: slot, clock: .continuous) }
            let at = ContinuousClock.now
            let id = try await outbox.enqueueEvent(payload, occurredAt: Date())
            enqueued.append((id, at))
        }
        let achieved = Double(total) / seconds(since: start)
        var waited = 0
        while receiver.count < total && waited < 3000 {
            try await Task.sleep(nanoseconds: 10_000_000)
            waited += 1
        }
        service.cancel()
        try await service.value
        await client.shutdown()
        let latencies = enqueued.compactMap { id, at in receiver.arrival(of: id).map { seconds(from: at, to: $0) * 1000 } }
            .sorted()
        guard !latencies.isEmpty else { throw BenchError.spawn("no event arrived in the latency phase") }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        print(String(format: "latency at %.0f/s (achieved %.0f/s, %d of %d arrived): p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                     rate, achieved, latencies.count, total, percentile(0.5), percentile(0.99),
                     latencies.last ?? 0))
    }

    private static let quietLogger: Logger = {
        var logger = Logger(label: "allot.bench.webhooks")
        logger.logLevel = .warning
        return logger
    }()

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        seconds(from: start, to: .now)
    }

    private func seconds(from start: ContinuousClock.Instant, to end: ContinuousClock.Instant) -> Double {
        let span = end - start
        return Double(span.components.seconds) + Double(span.components.attoseconds) / 1e18
    }
}

/// A realistic `round.completed` payload (about 1 KB of JSON).
enum WebhooksBenchPayload {
    static let sample = RoundCompleted(
        roundID: "bench-round", applicantsRanked: 120,
        ranking: (1...10).map { .init(rank: $0, applicantID: "A-\($0)", name: "Applicant \($0)", score: 1 - Double($0) / 20) },
        budget: 250_000, currency: "GBP",
        awards: (1...10).map { .init(applicantID: "A-\($0)", amount: 12_000 + $0 * 500) })
}

/// This process's resident memory, from /proc/self/status.
enum ResidentMemory {
    static func megabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kilobytes / 1024
    }
}
