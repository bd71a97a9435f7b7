import Foundation
import Hummingbird
import Synchronization

/// The latest successful result of each round, as the stored bytes, so `GET /results` never re-encodes.
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

    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty cache.
    public init() {}

    /// The cached result of `round`, or nil.
    public func entry(round: String) -> Entry? { entries.withLock { $0[round] } }

    /// Caches a round's newest result.
    public func store(round: String, run: String, json: Data, csv: Data) {
        entries.withLock { $0[round] = Entry(run: run, json: json, csv: csv) }
    }
}
