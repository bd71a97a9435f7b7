import Dispatch
import Synchronization

/// Where the PostgreSQL store's async work runs, and the bridge that lets the synchronous repository protocols wait
/// for it (postgres-nio is async only; `TokenRepository` and the rest are `throws`, not `async`).
///
/// Why an executor of its own: a repository's caller may be on one of Swift's cooperative threads (a Hummingbird
/// handler calling `find(hash:)`), of which there are as many as cores, two here. Blocking such a thread is safe only
/// if what it waits for never needs a cooperative thread itself; otherwise, once every cooperative thread is blocked
/// on a query, nothing is left to run the queries and the process hangs. PostgresClient runs its pool (making
/// connections, handing them out) in child tasks of `run()`, and a query's continuation would resume on the pool too.
/// So `run()` and every bridged call run as tasks that prefer this executor, whose jobs go to a serial DispatchQueue
/// served by Dispatch's worker threads, not the cooperative pool (child tasks inherit the preference), and the
/// connections' I/O runs on the store's own event loop. A blocked caller then only waits: the work it waits for
/// holds none of the threads callers block.
final class PostgresExecutor: TaskExecutor {
    let queue = DispatchQueue(label: "allot.store.postgres")

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }

    /// Runs `body` as a task on this executor and blocks the calling thread until it ends. Never call it from this
    /// executor's queue (the task would wait for the thread that waits for it).
    func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        dispatchPrecondition(condition: .notOnQueue(queue))
        let handoff = Handoff<T>()
        Task(executorPreference: self) {
            do { handoff.finish(.success(try await body())) } catch { handoff.finish(.failure(error)) }
        }
        return try handoff.wait()
    }
}

/// One result passed from the bridged task to the blocked caller.
private final class Handoff<T: Sendable>: Sendable {
    private let result = Mutex<Result<T, any Error>?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(_ outcome: Result<T, any Error>) {
        result.withLock { $0 = outcome }
        done.signal()
    }

    func wait() throws -> T {
        done.wait()
        // Set before the signal, so always there once the wait ends.
        return try result.withLock { $0! }.get()
    }
}
