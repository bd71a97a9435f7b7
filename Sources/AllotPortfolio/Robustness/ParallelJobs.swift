import Dispatch
import Foundation

/// Runs independent jobs on a few threads and returns their results in job order, so whatever is built from them does
/// not depend on which thread finished first.
///
/// Robustness samples are independent re-solves: Clp models share no state, and CBC's calls queue on their own lock.
enum ParallelJobs {
    /// The results of `job(0) ..< job(count)`, in that order, computed on up to `workers` threads.
    static func run<T: Sendable>(count: Int, workers: Int, _ job: @escaping @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count: count)
        let threads = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = slots.claim() { slots.store(job(index), at: index) }
        }
        return slots.results()
    }
}

/// The jobs' results and the next job to hand out, behind one lock.
private final class Slots<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [T?]
    private var next = 0

    init(count: Int) { values = Array(repeating: nil, count: count) }

    func claim() -> Int? {
        lock.withLock {
            guard next < values.count else { return nil }
            next += 1
            return next - 1
        }
    }

    func store(_ value: T, at index: Int) { lock.withLock { values[index] = value } }

    func results() -> [T] { lock.withLock { values.compactMap { $0 } } }
}
