import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    /// The channel the `pg-v6-outbox-notify` triggers notify when a transaction that queued messages commits.
    static let outboxChannel = "allot_outbox"

    /// Rings `bell` whenever a transaction that queued webhook messages commits, on this instance or another, until
    /// the calling task is cancelled or the store closes: every instance's dispatcher then sends at once, not at its
    /// next poll. It holds one pooled connection listening. When that connection is lost (the server restarted), it
    /// listens again a second later and rings once, for whatever was queued while it was not listening; meanwhile the
    /// dispatchers poll, as they do without it.
    public func relayOutboxNotifications(to bell: OutboxBell) async {
        while !Task.isCancelled && !isClosed {
            do {
                try await withTaskExecutorPreference(executor) {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.outboxChannel) { notifications in
                            bell.ring()
                            for try await _ in notifications { bell.ring() }
                        }
                    }
                }
            } catch {
                if Task.isCancelled || isClosed { return }
                logger.warning("Listening for queued webhooks failed; dispatchers poll until it listens again",
                               metadata: ["error": "\(PostgresStoreError.from(error))"])
            }
            try? await Task.sleep(for: .seconds(1))
        }
    }
}
