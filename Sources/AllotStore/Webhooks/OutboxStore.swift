import Foundation

/// The outbox as the webhook dispatcher and the code that raises events use it: callers outside the store need no
/// database library, and another store (PostgreSQL later) can stand behind the same calls.
public protocol OutboxStore: Sendable {
    /// Runs `body` in one write transaction, so a dispatch cycle's records, claims and follow-up events commit together
    /// or not at all. Blocking: the dispatcher's cycle is synchronous.
    func inTransaction<T>(_ body: (any OutboxTransaction) throws -> T) throws -> T

    /// `inTransaction(_:)` without blocking the caller's thread, for callers that batch many enqueues.
    func inTransaction<T: Sendable>(_ body: @Sendable (any OutboxTransaction) throws -> T) async throws -> T

    /// Stores `event` and its messages in a transaction of its own, for an event that no other stored change raises
    /// (a survey closing). Returns how many messages were created.
    @discardableResult
    func enqueueEvent(_ event: OutboxEvent, now: Date) throws -> Int

    /// `enqueueEvent(_:now:)` without blocking the caller's thread.
    @discardableResult
    func enqueueEvent(_ event: OutboxEvent, now: Date) async throws -> Int

    /// Puts finished messages matching `filter` back in the queue with the same `webhook-id` (see
    /// `Outbox.redeliver`); how many were requeued. The operator's command-line redelivery, which records no activity.
    @discardableResult
    func redeliver(_ filter: MessageFilter, now: Date) throws -> Int

    /// Rung after a transaction that queued messages commits, so a dispatcher in this process sends them at once
    /// instead of at its next poll.
    var bell: OutboxBell { get }

    /// Rings `bell` when another process on the same store queues messages, until the calling task is cancelled, so
    /// this process's dispatchers send them at once too. PostgreSQL listens for the notifications its triggers send
    /// at each such commit; SQLite and memory have no such signal (another process's messages are found by polling)
    /// and return at once.
    func relayQueuedElsewhere() async
}

/// What one dispatch cycle reads and writes, valid only inside the `OutboxStore.inTransaction` body it is passed to.
public protocol OutboxTransaction {
    /// The endpoints messages may be claimed for (a disabled endpoint's messages are held), ordered by id.
    func enabledEndpoints() throws -> [WebhookEndpoint]

    /// Leases up to `limit` due messages of one endpoint until `leaseUntil`, oldest due first (see `Outbox.claim`).
    func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date) throws -> [ClaimedMessage]

    /// When the earliest pending message of `endpointID` becomes claimable; nil if none. The dispatcher sleeps until then.
    func nextDue(endpointID: String) throws -> Date?

    /// Logs each attempt, in order, and moves its message on, releasing the lease (see `Outbox.record`): a dispatch
    /// cycle's completions together, which PostgreSQL writes in one statement rather than a round trip each.
    func record(_ attempts: [AttemptRecord], now: Date) throws

    /// Stores `event` and a message for every endpoint that wants it except `excluded`, in this transaction: a
    /// `delivery.exhausted` raised by a failure commits with that failure's record. Returns how many messages.
    @discardableResult
    func enqueue(_ event: OutboxEvent, now: Date, excludingEndpoint excluded: String?) throws -> Int

    /// Stops fan-out to endpoint `id` and holds its pending messages: it answered 410 Gone.
    func disableEndpoint(_ id: String, reason: String, now: Date) throws

    /// The applicants among `applicantKeys` that `reviewerID` is conflicted with in `round` or reviewer-wide, read at
    /// send time so a conflict declared after an event was queued still withholds it (see `ReviewerConflicts`).
    func conflicts(reviewerID: String, round: String?, among applicantKeys: [String]) throws -> [String]
}

extension OutboxTransaction {
    /// Logs one attempt and moves its message on (`record(_:now:)` with one attempt).
    public func record(_ attempt: AttemptRecord, now: Date) throws {
        try record([attempt], now: now)
    }
}
