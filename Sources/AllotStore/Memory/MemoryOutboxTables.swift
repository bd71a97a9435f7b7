import AllotCore
import Foundation

/// The outbox's rules on the in-memory tables, the same as `Outbox`, `DeliveryLog`, `WebhookEndpoints` and
/// `ReviewerConflicts` keep in SQL.
extension MemoryTables {
    /// Stores `event` and a pending message for every enabled endpoint that subscribes to it and is its audience.
    @discardableResult
    mutating func enqueue(_ event: OutboxEvent, now: Date, excludingEndpoint excluded: String? = nil) throws -> Int {
        guard events[event.id] == nil else { throw ServiceStoreError.alreadyExists(kind: "webhook event", id: event.id) }
        events[event.id] = event
        eventOrder.append(event.id)
        let targets = orderedEndpoints.filter {
            $0.enabled && $0.id != excluded && $0.receives(type: event.type) && $0.isAudience(forReviewer: event.reviewerID)
        }
        for endpoint in targets {
            messages[nextMessageID] = MemoryMessage(eventID: event.id, endpointID: endpoint.id, state: .pending, attempts: 0,
                                                    enqueuedAt: now, nextAttemptAt: now)
            nextMessageID += 1
        }
        if !targets.isEmpty { queuedMessages = true }
        return targets.count
    }

    /// Leases up to `limit` due messages of one endpoint, oldest due first (see `Outbox.claim`).
    mutating func claim(endpointID: String, limit: Int, now: Date, leaseUntil: Date) throws -> [ClaimedMessage] {
        guard limit > 0 else { return [] }
        let due = messages.filter { $0.value.state == .pending && $0.value.endpointID == endpointID && ($0.value.nextAttemptAt ?? .distantFuture) <= now }
            .sorted { a, b in
                let (x, y) = (a.value.nextAttemptAt ?? .distantFuture, b.value.nextAttemptAt ?? .distantFuture)
                return x != y ? x < y : a.key < b.key
            }
            .prefix(limit)
        return try due.map { id, message in
            messages[id]?.leaseUntil = leaseUntil
            messages[id]?.nextAttemptAt = leaseUntil
            guard let event = events[message.eventID] else { throw StoreError.corrupt("webhook_message \(id) names no event") }
            return ClaimedMessage(messageID: id, event: event, endpointID: message.endpointID, attempts: message.attempts, enqueuedAt: message.enqueuedAt)
        }
    }

    /// When the earliest pending message of `endpointID` becomes claimable; nil if none.
    func nextDue(endpointID: String) -> Date? {
        messages.values.filter { $0.state == .pending && $0.endpointID == endpointID }.compactMap(\.nextAttemptAt).min()
    }

    /// Logs one attempt and moves its message on (see `Outbox.record`); a message no longer pending only gains the log row.
    mutating func record(_ attempt: AttemptRecord, now: Date) throws {
        // The attempt log refers to its message, as the SQL schema's foreign key makes it.
        guard messages[attempt.messageID] != nil else { throw ServiceStoreError.notFound(kind: "delivery", id: String(attempt.messageID)) }
        attempts[attempt.messageID, default: []].append(AttemptLogEntry(
            startedAt: attempt.startedAt, durationMS: attempt.durationMS, statusCode: attempt.statusCode, outcome: attempt.outcome.logName,
            error: attempt.error, responseSnippet: attempt.responseSnippet))
        guard var message = messages[attempt.messageID], message.state == .pending else { return }
        let next = MessageTransition(attempt, now: now)
        message.state = next.state
        message.attempts += Int(next.counted)
        message.nextAttemptAt = next.nextAttemptAt
        message.leaseUntil = nil
        message.finishedAt = next.finishedAt
        message.lastStatus = attempt.statusCode
        message.lastError = next.lastError
        messages[attempt.messageID] = message
    }

    /// Stops fan-out to the endpoint and holds its pending messages.
    mutating func disableEndpoint(_ id: String, reason: String) {
        endpoints[id]?.enabled = false
        endpoints[id]?.disabledReason = reason
    }

    /// Inserts or replaces the endpoint with `endpoint.id`. Its secrets and event types are kept as the SQL stores
    /// keep them, as words joined by spaces: an empty entry goes, and an entry with a space in it becomes two.
    mutating func saveEndpoint(_ endpoint: WebhookEndpoint) {
        var stored = endpoint
        stored.secrets = Self.words(endpoint.secrets)
        stored.eventTypes = Self.words(endpoint.eventTypes)
        endpoints[endpoint.id] = stored
    }

    private static func words(_ list: [String]) -> [String] {
        list.joined(separator: " ").split(separator: " ").map(String.init)
    }

    /// The config file's endpoints become the stored `config` ones (see `WebhookEndpoints.syncFromConfig`).
    mutating func syncFromConfig(_ listed: [WebhookEndpoint]) {
        let ids = Set(listed.map(\.id))
        for var endpoint in listed {
            // A 410 disable outlives restarts: the config must not silently re-enable a gone receiver.
            if let stored = endpoints[endpoint.id], stored.source == .config, !stored.enabled, stored.disabledReason != nil,
               endpoint.enabled, stored.url == endpoint.url {
                endpoint.enabled = false
                endpoint.disabledReason = stored.disabledReason
            }
            endpoint.source = .config
            saveEndpoint(endpoint)
        }
        for stale in orderedEndpoints where stale.source == .config && !ids.contains(stale.id) {
            if messages.values.contains(where: { $0.endpointID == stale.id }) {
                disableEndpoint(stale.id, reason: "removed from config")
            } else {
                endpoints[stale.id] = nil
            }
        }
    }

    /// The applicants among `applicantKeys` that `reviewerID` is conflicted with in `round` or reviewer-wide (see
    /// `ReviewerConflicts.conflicts`).
    func conflictedApplicants(reviewerID: String, round: String?, among applicantKeys: [String]) -> [String] {
        let wanted = Set(applicantKeys)
        guard !wanted.isEmpty else { return [] }
        let reviewer = ConflictKey.reviewer(reviewerID)
        let declared = (round.map { conflicts[$0] ?? [] } ?? []) + reviewerConflicts
        let names = declared.filter { ConflictKey.reviewer($0.reviewer) == reviewer && wanted.contains(ApplicantKey($0.applicant).value) }
        return Set(names.map(\.applicant)).sorted(by: ByteOrder.less)
    }

    /// Whether a message matches `filter` (see `MessageFilter`).
    func matches(_ message: MemoryMessage, _ filter: MessageFilter) -> Bool {
        if let eventID = filter.eventID, message.eventID != eventID { return false }
        if let endpointID = filter.endpointID, message.endpointID != endpointID { return false }
        if let state = filter.state, message.state != state { return false }
        if let since = filter.since, (message.finishedAt ?? message.enqueuedAt) < since { return false }
        return true
    }

    /// Messages matching `filter`, newest first, each with its attempts (see `DeliveryLog.messages`).
    func deliveries(_ filter: MessageFilter) throws -> [MessageLogEntry] {
        try messages.filter { matches($0.value, filter) }.sorted { $0.key > $1.key }.prefix(max(0, filter.limit)).map { id, m in
            guard let event = events[m.eventID] else { throw StoreError.corrupt("webhook_message \(id) names no event") }
            return MessageLogEntry(messageID: id, eventID: m.eventID, eventType: event.type, endpointID: m.endpointID, state: m.state,
                                   attempts: m.attempts, enqueuedAt: m.enqueuedAt, nextAttemptAt: m.nextAttemptAt, finishedAt: m.finishedAt,
                                   lastStatus: m.lastStatus, lastError: m.lastError, attemptLog: attempts[id] ?? [])
        }
    }

    /// Puts finished messages matching `filter` back in the queue, due now (see `Outbox.redeliver`).
    mutating func redeliver(_ filter: MessageFilter, now: Date) -> Int {
        let finished = messages.filter { $0.value.state != .pending && matches($0.value, filter) }.map(\.key)
        for id in finished {
            messages[id]?.state = .pending
            messages[id]?.attempts = 0
            messages[id]?.enqueuedAt = now
            messages[id]?.nextAttemptAt = now
            messages[id]?.leaseUntil = nil
            messages[id]?.finishedAt = nil
        }
        if !finished.isEmpty { queuedMessages = true }
        return finished.count
    }
}
