import AllotStore
import Foundation

/// Where the dispatcher's run loop sleeps: completions, bell rings and stop requests are posted here, and `wait`
/// returns everything posted so far, or nothing once its timeout passes.
final class Mailbox<Signal: Sendable>: Sendable {
    private struct State: Sendable {
        var buffer: [Signal] = []
        var waiter: (ticket: Int, continuation: CheckedContinuation<[Signal], Never>)?
        var tickets = 0
    }

    private let state = LockedState(State())

    /// Delivers `signal` to the waiting loop, or keeps it for the next `wait`.
    func post(_ signal: Signal) {
        let wake = state.withLock { state -> (CheckedContinuation<[Signal], Never>, [Signal])? in
            state.buffer.append(signal)
            guard let waiter = state.waiter else { return nil }
            state.waiter = nil
            defer { state.buffer = [] }
            return (waiter.continuation, state.buffer)
        }
        if let (continuation, signals) = wake { continuation.resume(returning: signals) }
    }

    /// Everything posted since the last call, waiting up to `timeout` seconds for the first signal.
    func wait(timeout: TimeInterval) async -> [Signal] {
        let ticket = state.withLock { state -> Int? in
            guard state.buffer.isEmpty else { return nil }
            state.tickets += 1
            return state.tickets
        }
        guard let ticket else { return drain() }
        // Unstructured on purpose: it must fire even while the loop's task is cancelled and draining.
        let timer = Task { [weak self] in
            try? await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1e9))
            self?.expire(ticket)
        }
        defer { timer.cancel() }
        return await withCheckedContinuation { continuation in
            let ready = state.withLock { state -> [Signal]? in
                if !state.buffer.isEmpty {
                    defer { state.buffer = [] }
                    return state.buffer
                }
                state.waiter = (ticket, continuation)
                return nil
            }
            if let ready { continuation.resume(returning: ready) }
        }
    }

    private func drain() -> [Signal] {
        state.withLock { state in
            defer { state.buffer = [] }
            return state.buffer
        }
    }

    private func expire(_ ticket: Int) {
        let waiter = state.withLock { state -> CheckedContinuation<[Signal], Never>? in
            guard let waiter = state.waiter, waiter.ticket == ticket else { return nil }
            state.waiter = nil
            return waiter.continuation
        }
        waiter?.resume(returning: [])
    }
}
