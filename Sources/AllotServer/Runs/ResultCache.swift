import Foundation
import Hummingbird
import Synchronization

/// The latest successful result of each round, as the stored bytes, so `GET /results` never re-encodes.
///
/// Instances that share a store each keep their own cache, so an entry is trusted only for `revalidateAfter` since it
/// was last checked against the store (`ResultSource`): a run made on another instance is served here within that
/// time. A run made on this instance replaces its entry at once.
public final class ResultCache: Sendable {
    /// One round's cached result.
    public struct Entry: Sendable {
        public let run: String
        public let json: Data
        public let csv: Data
        /// The same bytes as buffers, shared by every answer without copying.
        let jsonBuffer: ByteBuffer
        let csvBuffer: ByteBuffer
        /// The same JSON read back, for the web pages (decoded once per result, not per page view); nil if it cannot
        /// be read, which the pages report as a corrupt store.
        let document: ResultDocument?

        init(run: String, json: Data, csv: Data) {
            self.run = run
            self.json = json
            self.csv = csv
            jsonBuffer = ByteBuffer(bytes: json)
            csvBuffer = ByteBuffer(bytes: csv)
            document = try? JSONDecoder().decode(ResultDocument.self, from: json)
        }
    }

    private let entries = Mutex<[String: (entry: Entry, checked: ContinuousClock.Instant)]>([:])
    /// How long an entry is served without asking the store whether another instance has made a newer one.
    public let revalidateAfter: Duration

    /// Creates an empty cache.
    public init(revalidateAfter: Duration = .seconds(2)) { self.revalidateAfter = revalidateAfter }

    /// The cached result of `round`, or nil.
    public func entry(round: String) -> Entry? { entries.withLock { $0[round]?.entry } }

    /// The cached result of `round` if it was checked against the store within `revalidateAfter`, else nil.
    func freshEntry(round: String, now: ContinuousClock.Instant = .now) -> Entry? {
        entries.withLock { entries in
            guard let cached = entries[round], now - cached.checked < revalidateAfter else { return nil }
            return cached.entry
        }
    }

    /// Notes that the store's latest result of `round` is still the cached one.
    func confirm(round: String, run: String, now: ContinuousClock.Instant = .now) {
        entries.withLock { entries in
            if let cached = entries[round], cached.entry.run == run { entries[round] = (cached.entry, now) }
        }
    }

    /// Caches a round's newest result.
    public func store(round: String, run: String, json: Data, csv: Data) {
        let entry = Entry(run: run, json: json, csv: csv)
        entries.withLock { $0[round] = (entry, .now) }
    }
}
