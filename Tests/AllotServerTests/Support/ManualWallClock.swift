import AllotServer
import Foundation

/// A clock the test moves by hand: sleepers wake only when `advance` passes their deadline, so nothing really waits.
final class ManualWallClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [Int: (deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = [:]
    private var nextID = 0
    private var watchers: [CheckedContinuation<Date, Never>] = []
    /// Waiting for the next sleeper, whatever its deadline.
    private var nextSleeperWatchers: [CheckedContinuation<Date?, Never>] = []

    init(start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }

    func sleep(until deadline: Date) async throws {
        let id = lock.withLock { () -> Int in nextID += 1; return nextID }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                lock.lock()
                if deadline <= current || Task.isCancelled {
                    lock.unlock()
                    continuation.resume()
                    return
                }
                sleepers[id] = (deadline, continuation)
                let waiting = watchers, waitingForNext = nextSleeperWatchers
                watchers = []
                nextSleeperWatchers = []
                lock.unlock()
                for w in waiting { w.resume(returning: deadline) }
                for w in waitingForNext { w.resume(returning: nil) }
            }
        } onCancel: {
            let sleeper = lock.withLock { sleepers.removeValue(forKey: id) }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Waits until someone is asleep on this clock and returns the earliest deadline.
    func sleeperDeadline() async -> Date {
        await withCheckedContinuation { (continuation: CheckedContinuation<Date, Never>) in
            lock.lock()
            if let earliest = sleepers.values.map(\.deadline).min() {
                lock.unlock()
                continuation.resume(returning: earliest)
            } else {
                watchers.append(continuation)
                lock.unlock()
            }
        }
    }

    /// Waits until someone is asleep on this clock with a deadline that `wanted` accepts, and returns the earliest such
    /// deadline (a scheduler's own sleep, say, not a run's lease renewal sleeping on the same clock).
    func sleeperDeadline(where wanted: @escaping @Sendable (Date) -> Bool) async -> Date {
        while true {
            let found: Date? = await withCheckedContinuation { (continuation: CheckedContinuation<Date?, Never>) in
                lock.lock()
                if let earliest = sleepers.values.map(\.deadline).filter(wanted).min() {
                    lock.unlock()
                    continuation.resume(returning: earliest)
                } else {
                    nextSleeperWatchers.append(continuation)
                    lock.unlock()
                }
            }
            if let found { return found }
        }
    }

    /// Moves time to `date` and wakes every sleeper whose deadline has come.
    func advance(to date: Date) {
        lock.lock()
        current = date
        let due = sleepers.filter { $0.value.deadline <= date }
        for id in due.keys { sleepers.removeValue(forKey: id) }
        lock.unlock()
        for (_, sleeper) in due.sorted(by: { $0.key < $1.key }) { sleeper.continuation.resume() }
    }
}

/// The system clock moved by a fixed number of seconds: time as it will be, with real sleeping.
struct ShiftedWallClock: WallClock {
    let offset: TimeInterval

    func now() -> Date { Date().addingTimeInterval(offset) }

    func sleep(until deadline: Date) async throws { try await SystemWallClock().sleep(until: deadline.addingTimeInterval(-offset)) }
}
