import Foundation
import GRDB

/// Rung after a transaction that enqueued webhook messages commits, so an in-process dispatcher sends them at once
/// instead of at its next poll. Other processes' enqueues are found by polling.
public final class OutboxBell: Sendable {
    /// The process-wide bell.
    public static let shared = OutboxBell()

    private let state = LockedState<(next: Int, listeners: [Int: @Sendable () -> Void])>((0, [:]))

    /// Calls `listener` (on the committing thread) after each enqueue commit until the token is cancelled.
    public func listen(_ listener: @escaping @Sendable () -> Void) -> OutboxBellToken {
        let id = state.withLock { state -> Int in
            state.next += 1
            state.listeners[state.next] = listener
            return state.next
        }
        return OutboxBellToken { [weak self] in
            self?.state.withLock { _ = $0.listeners.removeValue(forKey: id) }
        }
    }

    private let armed = LockedState(Set<ObjectIdentifier>())

    /// Rings once after the current transaction of `db` commits, however many messages it enqueues (one commit
    /// hook per transaction, not one per message).
    public func ringAfterCommit(of db: Database) {
        let connection = ObjectIdentifier(db)
        guard armed.withLock({ $0.insert(connection).inserted }) else { return }
        db.afterNextTransaction(
            onCommit: { [self] _ in
                armed.withLock { _ = $0.remove(connection) }
                ring()
            },
            onRollback: { [self] _ in armed.withLock { _ = $0.remove(connection) } })
    }

    /// Notifies every listener.
    public func ring() {
        let listeners = state.withLock { Array($0.listeners.values) }
        for listener in listeners { listener() }
    }
}

/// Stops a bell listener when cancelled or released.
public final class OutboxBellToken: Sendable {
    private let onCancel: LockedState<(@Sendable () -> Void)?>

    init(_ onCancel: @escaping @Sendable () -> Void) {
        self.onCancel = LockedState(onCancel)
    }

    /// Stops the listener; calling it again does nothing.
    public func cancel() {
        let action = onCancel.withLock { action -> (@Sendable () -> Void)? in
            defer { action = nil }
            return action
        }
        action?()
    }

    deinit { cancel() }
}

/// A value guarded by a lock (Foundation's, since `Synchronization.Mutex` needs macOS 15).
public final class LockedState<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Wraps `value`.
    public init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
