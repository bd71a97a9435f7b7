import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The PostgreSQL store: one pool of connections (postgres-nio's `PostgresClient`) to the database `database_url`
/// names, with its schema brought up to date when it opens. The repositories on it (`PostgresTokenRepository`) share
/// it; `close()` ends it.
///
/// The client runs, and the repositories' work runs, on the store's own executor and event loop (see
/// `PostgresExecutor` for why), so the synchronous repository calls can wait for postgres-nio's async ones from any
/// thread.
public final class PostgresStore: Sendable {
    /// Where it is connected (`redacted` for logs).
    public let url: PostgresURL
    let client: PostgresClient
    let executor: PostgresExecutor
    let logger: Logger
    /// The connections' event loop: the store's own, not NIO's shared one, so a caller that blocks a shared event loop
    /// thread (wrongly, but it would be someone else's code) cannot stall the store's I/O.
    private let group: MultiThreadedEventLoopGroup
    private let running: Task<Void, Never>
    private let closed = Atomic<Bool>(false)
    /// Set once the store has opened: a store that failed to open is closed without an info line, which would
    /// otherwise stand just above the error that says why (as if closing were the news).
    private let opened = Atomic<Bool>(false)

    /// Connects to `url` (the `database_url` setting), checks one connection (so a wrong address, user, password or
    /// database fails here, with the server's reason), and applies the schema steps not applied yet. Blocks until
    /// done; call it where blocking is fine (start-up, a command, a test).
    public static func open(url text: String, logger: Logger = Logger(label: "allot.store.postgres")) throws -> PostgresStore {
        try open(url: try PostgresURL(parsing: text), logger: logger)
    }

    /// `open(url:logger:)` on a URL already read.
    static func open(url: PostgresURL, logger: Logger) throws -> PostgresStore {
        let store = PostgresStore(url: url, logger: logger)
        do {
            try store.wait {
                try await store.checkConnection()
                try await PostgresMigrator(migrations: PostgresMigrations.all, logger: logger).migrate(store)
            }
        } catch {
            store.close()
            throw error
        }
        store.opened.store(true, ordering: .sequentiallyConsistent)
        logger.info("PostgreSQL store opened", metadata: ["database_url": "\(url.redacted)"])
        return store
    }

    /// The async twin of `open(url:logger:)`, for the daemon, async commands and tests: it suspends instead of blocking
    /// a thread of Swift's shared pool. Blocking one there is what can hang: the pool's own clean-up (postgres-nio
    /// runs its pool under ServiceLifecycle, whose cancellation handlers run on the shared pool) needs a free thread,
    /// and this machine has two.
    public static func connect(url: PostgresURL, logger: Logger) async throws -> PostgresStore {
        let store = PostgresStore(url: url, logger: logger)
        do {
            try await withTaskExecutorPreference(store.executor) {
                try await store.checkConnection()
                try await PostgresMigrator(migrations: PostgresMigrations.all, logger: logger).migrate(store)
            }
        } catch {
            await store.shutdown()
            throw PostgresStoreError.from(error)
        }
        store.opened.store(true, ordering: .sequentiallyConsistent)
        logger.info("PostgreSQL store opened", metadata: ["database_url": "\(url.redacted)"])
        return store
    }

    private init(url: PostgresURL, logger: Logger) {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let executor = PostgresExecutor()
        let client = PostgresClient(configuration: url.clientConfiguration, eventLoopGroup: group, backgroundLogger: logger)
        self.url = url
        self.logger = logger
        self.group = group
        self.executor = executor
        self.client = client
        // The client hands out connections only while run() runs; its child tasks inherit the executor.
        running = Task(executorPreference: executor) { await client.run() }
    }

    /// Stops the pool (its connections close) and the event loop; later calls fail with `PostgresStoreError.closed`.
    /// A second call does nothing. Blocks the calling thread: from async code call `shutdown()`.
    public func close() {
        guard !closed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        running.cancel()
        let running = self.running
        _ = try? executor.wait { await running.value }
        do { try group.syncShutdownGracefully() } catch {
            logger.warning("PostgreSQL event loop did not shut down", metadata: ["error": "\(error)"])
        }
        logClosed()
    }

    /// `close()` for async callers: it awaits the pool's end instead of blocking a thread (see `connect(url:logger:)`).
    public func shutdown() async {
        guard !closed.exchange(true, ordering: .sequentiallyConsistent) else { return }
        running.cancel()
        await running.value
        do { try await group.shutdownGracefully() } catch {
            logger.warning("PostgreSQL event loop did not shut down", metadata: ["error": "\(error)"])
        }
        logClosed()
    }

    /// Whether `close()` or `shutdown()` has been called.
    var isClosed: Bool { closed.load(ordering: .sequentiallyConsistent) }

    private func logClosed() {
        let level: Logger.Level = opened.load(ordering: .sequentiallyConsistent) ? .info : .debug
        logger.log(level: level, "PostgreSQL store closed", metadata: ["database_url": "\(url.redacted)"])
    }

    deinit {
        guard !closed.load(ordering: .sequentiallyConsistent) else { return }
        running.cancel()
        group.shutdownGracefully { _ in }
    }

    /// Runs `body` on the store's executor and blocks until it ends: how the synchronous repository methods call the
    /// async ones. Errors come out as this module's (`PostgresStoreError.from`).
    func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        guard !closed.load(ordering: .sequentiallyConsistent) else { throw PostgresStoreError.closed }
        do { return try executor.wait(body) } catch { throw PostgresStoreError.from(error) }
    }

    /// Runs `body` in one transaction on one pooled connection: committed when it returns, rolled back when it throws
    /// (its error comes out unwrapped).
    func transaction<T: Sendable>(_ body: (PostgresConnection) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch {
            throw PostgresStoreError.from(error)
        }
    }

    /// One statement on its own (PostgreSQL commits it alone), its rows read in full.
    @discardableResult
    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do { return try await client.query(query, logger: logger).collect() } catch { throw PostgresStoreError.from(error) }
    }

    /// One trivial query, for `/ready`. The pool keeps retrying a lost server for about a minute before it fails a
    /// request, and a load balancer's probe wants an answer in seconds, so past `timeout` this throws
    /// `PostgresStoreError.connection` and the query is cancelled.
    public func checkReachable(timeout: Duration = .seconds(3)) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await self.rows("SELECT 1") }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw PostgresStoreError.connection("no answer within \(timeout)")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    /// One connection made and closed outside the pool: the pool retries a failing connection for a minute before it
    /// fails a request, with no reason given, where this fails at once with the server's or the network's.
    private func checkConnection() async throws {
        let connection = try await PostgresConnection.connect(
            on: group.any(), configuration: try url.connectionConfiguration(), id: 0, logger: logger)
        try await connection.close()
    }
}
