import AllotCore
import Logging
import PostgresNIO

/// What each bit of the multi-select columns means, on PostgreSQL (SQLite's `TaxonomyMeanings`, same rules): the
/// stored meanings are checked against the live codebooks, and codes added at the end of a list are appended. SQLite
/// checks when the store opens; the PostgreSQL store (shared with the other repositories) checks in every survey
/// import and read instead, before a bit is written or read, with the same `StoreError.taxonomyChanged`.
enum PostgresTaxonomyMeanings {
    /// The turn-taking key for appending meanings ("allottx" in ASCII): two imports starting together append once.
    static let lockKey: Int64 = 0x61_6C6C_6F74_7478

    /// Checks the stored meanings against `books`, appending codes added at the end; in the caller's transaction.
    static func reconcile(books: [Codebook] = TaxonomyMeanings.live, on connection: PostgresConnection, logger: Logger) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(\(lockKey))", logger: logger)
        var stored: [String: [Int: String]] = [:]
        for row in try await connection.query("SELECT question, position, code FROM taxonomy_code", logger: logger).collect() {
            let (question, position, code) = try row.decode((String, Int64, String).self)
            stored[question, default: [:]][Int(position)] = code
        }
        let added = try TaxonomyMeanings.added(stored: stored, books: books)
        let questions = added.map(\.question), positions = added.map { Int64($0.position) }, codes = added.map(\.code)
        guard !questions.isEmpty else { return }
        try await connection.query("""
            INSERT INTO taxonomy_code (question, position, code)
            SELECT * FROM unnest(\(questions)::text[], \(positions)::bigint[], \(codes)::text[])
            """, logger: logger)
    }
}
