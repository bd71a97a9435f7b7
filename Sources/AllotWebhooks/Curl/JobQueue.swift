import Foundation

/// A blocking FIFO shared by the worker threads: they sleep on a condition variable, not on the cooperative pool.
final class JobQueue<Job: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [Job] = []
    private var head = 0
    private var closed = false
    private var workersRunning = 0
    private var drained: [CheckedContinuation<Void, Never>] = []

    /// Adds a job; false once the queue is closed.
    func push(_ job: Job) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard !closed else { return false }
        jobs.append(job)
        condition.signal()
        return true
    }

    /// Blocks until a job arrives; nil when the queue is closed and empty.
    func next() -> Job? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count && !closed {
            condition.wait()
        }
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        // Compact now and then so the array does not grow with every job ever queued.
        if head > 1024 && head * 2 > jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Registers a worker thread.
    func workerStarted() {
        condition.lock()
        workersRunning += 1
        condition.unlock()
    }

    /// Unregisters a worker thread; the last one wakes whoever waits in `close`.
    func workerFinished() {
        condition.lock()
        workersRunning -= 1
        let waiters = workersRunning == 0 ? drained : []
        if workersRunning == 0 { drained = [] }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new jobs, lets workers finish queued ones, and returns when every worker has exited.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            condition.lock()
            closed = true
            condition.broadcast()
            if workersRunning == 0 {
                condition.unlock()
                continuation.resume()
            } else {
                drained.append(continuation)
                condition.unlock()
            }
        }
    }
}
