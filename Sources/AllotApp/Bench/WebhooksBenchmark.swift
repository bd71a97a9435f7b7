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
    @Option(help: "libcurl worker threads (per instance).") var workers = 8
    @Option(help: "Working folder (default: a temporary folder, removed afterwards).") var workDir: String?
    @Option(name: .long, help: ArgumentHelp("Run on this PostgreSQL database instead of a new SQLite store per phase.", valueName: "url"))
    var databaseURL: String?
    @Option(help: ArgumentHelp("Dispatchers on the one store, each with its own connections and libcurl workers, as instances of "
        + "allot serve would be (several need --database-url)."))
    var instances = 1

    func validate() throws {
        guard (1...8).contains(instances) else { throw ValidationError("--instances must be 1 to 8") }
        if instances > 1 && databaseURL == nil {
            throw ValidationError("--instances above 1 needs --database-url: instances share a PostgreSQL store, not a SQLite file")
        }
    }

    func run() async throws {
        try await failingAsync {
            try CurlRuntime.initialize()
            let folder = workDir ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("allot-bench-webhooks-\(getpid())")
            defer { if workDir == nil { try? FileManager.default.removeItem(atPath: folder) } }
            let receiver = try await WebhooksBenchReceiver.start()
            print("libcurl \(CurlRuntime.version), \(workers) workers per instance, \(instances) instance(s), store "
                + (databaseURL == nil ? "SQLite" : "PostgreSQL") + ", receiver \(receiver.url)")
            try await withStores(try location(folder, phase: "throughput")) { stores in
                try await throughput(stores, receiver: receiver)
            }
            receiver.reset()
            try await withStores(try location(folder, phase: "latency")) { stores in
                try await latency(stores, receiver: receiver)
            }
            await receiver.stop()
        }
    }

    /// A new SQLite store for each phase, or the PostgreSQL database (each phase its own endpoint there).
    private func location(_ folder: String, phase: String) throws -> StoreLocation {
        guard let databaseURL else {
            let directory = (folder as NSString).appendingPathComponent(phase)
            try? FileManager.default.removeItem(atPath: directory)
            return .sqlite(dataDirectory: directory)
        }
        do throws(PostgresStoreError) { return .postgres(try PostgresURL(parsing: databaseURL)) } catch {
            throw ValidationError("--database-url is not a PostgreSQL URL")
        }
    }

    /// `instances` stores opened on `location` (on PostgreSQL, each its own pool of connections).
    private func withStores(_ location: StoreLocation, opened: [any StoreRepositories] = [],
                            _ body: ([any StoreRepositories]) async throws -> Void) async throws {
        if opened.count == instances { return try await body(opened) }
        try await StoreOpener.withStore(location) { store in try await withStores(location, opened: opened + [store], body) }
    }

    private var settings: DeliverySettings {
        DeliverySettings(pollInterval: 0.25, claimBatch: 4 * workers, workers: workers)
    }

    /// One endpoint pointing at the receiver, named for the phase and this run (a PostgreSQL database keeps the
    /// endpoints of earlier phases and runs; they are disabled when their phase ends); its concurrency keeps every
    /// instance's workers busy.
    private func addEndpoint(_ store: any StoreRepositories, phase: String, receiver: WebhooksBenchReceiver) async throws -> String {
        let id = "bench-\(phase)-\(getpid())-\(Int(Date().timeIntervalSince1970))"
        let endpoint = WebhookEndpoint(id: id, url: receiver.url, secrets: [WebhookSecret.generate().text], concurrency: 2 * workers * instances)
        try await store.webhooks.add(endpoint, at: Date(), activity: ActivityEntry(
            at: Date(), actor: "allot bench webhooks", action: .webhookAdded, subject: id, summary: "benchmark endpoint"))
        return id
    }

    private func removeEndpoint(_ store: any StoreRepositories, _ id: String) async throws {
        try await store.webhooks.remove(id, reason: "benchmark phase ended", at: Date()) { _ in
            ActivityEntry(at: Date(), actor: "allot bench webhooks", action: .webhookRemoved, subject: id, summary: "benchmark endpoint")
        }
    }

    /// A dispatcher per store, each with its own libcurl client, running until cancelled.
    private func startDispatchers(_ stores: [any StoreRepositories]) throws -> (tasks: [Task<Void, any Error>], clients: [CurlClient]) {
        let clients = try stores.map { _ in
            try CurlClient(settings: settings.transport, policy: TargetPolicy(allowing: ["127.0.0.1/32"]), workers: workers)
        }
        let tasks = zip(stores, clients).map { store, client in
            let dispatcher = WebhookDispatcher(outbox: store.outbox, transport: client, settings: settings, logger: Self.quietLogger)
            return Task { try await dispatcher.run() }
        }
        return (tasks, clients)
    }

    private func stop(_ dispatchers: (tasks: [Task<Void, any Error>], clients: [CurlClient])) async throws {
        for task in dispatchers.tasks { task.cancel() }
        for task in dispatchers.tasks { try await task.value }
        for client in dispatchers.clients { await client.shutdown() }
    }

    private func throughput(_ stores: [any StoreRepositories], receiver: WebhooksBenchReceiver) async throws {
        let endpoint = try await addEndpoint(stores[0], phase: "throughput", receiver: receiver)
        let payload = WebhooksBenchPayload.sample
        let enqueueStart = ContinuousClock.now
        let outbox = stores[0].outbox
        for batch in stride(from: 0, to: events, by: 1000) {
            let range = batch..<min(events, batch + 1000)
            try await outbox.inTransaction { transaction in
                for _ in range { try transaction.enqueue(payload, occurredAt: Date()) }
            }
        }
        let enqueueSeconds = seconds(since: enqueueStart)
        print(String(format: "enqueued %d events in %.2f s (%.0f/s, 1000 per transaction)", events, enqueueSeconds,
                     Double(events) / enqueueSeconds))
        let rssStart = ResidentMemory.megabytes()
        let start = ContinuousClock.now
        let dispatchers = try startDispatchers(stores)
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
        try await stop(dispatchers)
        let delivered = try await stores[0].webhooks.deliveries(MessageFilter(endpointID: endpoint, state: .delivered, limit: events + 1)).count
        try await removeEndpoint(stores[0], endpoint)
        print(String(format: "delivered %d (store: %d) in %.2f s: %.0f deliveries/s", receiver.count, delivered,
                     elapsed, Double(receiver.count) / elapsed))
        print(String(format: "RSS before dispatch %.1f MB; ", rssStart)
            + samples.map { String(format: "%d: %.1f MB", $0.0, $0.1) }.joined(separator: ", "))
        for client in dispatchers.clients {
            let counts = client.resources.counts
            print("curl handles created \(counts.handlesCreated), live after shutdown \(counts.handlesLive); "
                + "header lists created \(counts.headerListsCreated), live after shutdown \(counts.headerListsLive)")
        }
    }

    private func latency(_ stores: [any StoreRepositories], receiver: WebhooksBenchReceiver) async throws {
        let endpoint = try await addEndpoint(stores[0], phase: "latency", receiver: receiver)
        let outbox = stores[0].outbox
        let dispatchers = try startDispatchers(stores)
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
        try await stop(dispatchers)
        try await removeEndpoint(stores[0], endpoint)
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
