import Foundation
import PostgresNIO
import Synchronization

/// One transaction on one pooled connection, held open while a synchronous body runs on the caller's thread: how
/// `OutboxStore.inTransaction`, whose body makes synchronous calls one after another, runs on postgres-nio, which is
/// async and lends a connection only for the length of an async closure (`PostgresClient.withConnection`).
///
/// The design: a holder task, on the store's executor, leases a connection, hands it to the caller and then waits
/// (suspended, holding no thread) until the caller lets it go. The caller's thread, never the executor's queue (it is
/// a dispatcher's thread, a command's or a request's), runs BEGIN, the body and COMMIT (or ROLLBACK when the body
/// throws), each step of the body a `run { connection in ... }` that waits through `PostgresStore.wait` for one async
/// call on the held connection, as every synchronous repository call waits for its work. So the body's calls are
/// serial on one connection, inside one transaction, and the executor stays free between them (its queue is serial,
/// but the holder is suspended, not blocking it).
///
/// A statement that fails aborts a PostgreSQL transaction (SQLite's carries on): every later statement fails and the
/// end rolls back. The body's calls throw, and a body that lets an error through rolls back either way; one that
/// swallows a failure and returns would have its work rolled back at COMMIT with no error from the server, so
/// `finish` reports that as an error rather than a silent loss.
final class PostgresHeldTransaction: Sendable {
    let store: PostgresStore
    let connection: PostgresConnection
    private let release: AsyncStream<Void>.Continuation
    private let holder: Task<Void, Never>
    /// Whether a step failed (which aborts the transaction).
    private let failed = Atomic<Bool>(false)

    private init(store: PostgresStore, connection: PostgresConnection, release: AsyncStream<Void>.Continuation, holder: Task<Void, Never>) {
        self.store = store
        self.connection = connection
        self.release = release
        self.holder = holder
    }

    /// Runs `body` in one transaction on one connection held for it, on the calling thread: committed when it returns,
    /// rolled back when it throws (its error comes out). Blocks; never call it on the store's executor queue.
    static func run<T>(on store: PostgresStore, _ body: (PostgresHeldTransaction) throws -> T) throws -> T {
        let held = try lease(on: store)
        defer { held.giveBack() }
        try held.run { connection in try await connection.query("BEGIN", logger: store.logger) }
        let result: T
        do {
            result = try body(held)
        } catch {
            held.rollBack()
            throw error
        }
        try held.finish()
        return result
    }

    /// One async step on the held connection, waited for on the calling thread; errors come out as the store's.
    @discardableResult
    func run<R: Sendable>(_ step: @escaping @Sendable (PostgresConnection) async throws -> R) throws -> R {
        let connection = self.connection
        do {
            return try store.wait { try await step(connection) }
        } catch {
            failed.store(true, ordering: .sequentiallyConsistent)
            throw error
        }
    }

    /// Commits, unless a step failed: PostgreSQL answers COMMIT in an aborted transaction by rolling back, with no
    /// error, so a body that swallowed a failure would lose its work silently. It rolls back and says so instead.
    private func finish() throws {
        if failed.load(ordering: .sequentiallyConsistent) {
            rollBack()
            throw PostgresStoreError.server(sqlState: "25P02", message: "a statement in the transaction failed, so it was rolled back")
        }
        try run { connection in try await connection.query("COMMIT", logger: self.store.logger) }
    }

    /// Rolls back; when even that fails, closes the connection, so the pool drops it rather than lending it out again
    /// inside this transaction.
    private func rollBack() {
        let logger = store.logger
        do {
            try run { connection in try await connection.query("ROLLBACK", logger: logger) }
        } catch {
            _ = try? store.wait { [connection] in try await connection.close() }
        }
    }

    /// Leases a pooled connection for a holder task and waits until the holder has it.
    private static func lease(on store: PostgresStore) throws -> PostgresHeldTransaction {
        let (released, release) = AsyncStream<Void>.makeStream()
        let handoff = LeaseHandoff()
        let holder = Task(executorPreference: store.executor) {
            do {
                try await store.client.withConnection { connection in
                    handoff.finish(.success(connection))
                    // Suspended until giveBack() finishes the stream; the connection then goes back to the pool.
                    for await _ in released {}
                }
            } catch {
                handoff.finish(.failure(PostgresStoreError.from(error)))
            }
        }
        do {
            return PostgresHeldTransaction(store: store, connection: try handoff.wait(), release: release, holder: holder)
        } catch {
            release.finish()
            throw error
        }
    }

    /// Ends the holder's lease, and waits until the connection is back in the pool.
    private func giveBack() {
        release.finish()
        let holder = self.holder
        _ = try? store.wait { await holder.value }
    }
}

/// The leased connection (or why there is none) passed from the holder task to the blocked caller, once.
private final class LeaseHandoff: Sendable {
    private let result = Mutex<Result<PostgresConnection, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ outcome: Result<PostgresConnection, any Error>) {
        let first = result.withLock { current -> Bool in
            guard current == nil else { return false }
            current = outcome
            return true
        }
        if first { done.signal() }
    }

    func wait() throws -> PostgresConnection {
        done.wait()
        return try result.withLock { $0! }.get()
    }
}
