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
        let known = Set(books.map(\.question))
        if let question = stored.keys.sorted().first(where: { !known.contains($0) }), let first = stored[question]?.sorted(by: { $0.key < $1.key }).first {
            throw StoreError.taxonomyChanged(question: question, position: first.key, stored: first.value, live: nil)
        }
        var questions: [String] = [], positions: [Int64] = [], codes: [String] = []
        for book in books {
            guard book.count <= 64 else {
                throw StoreError.taxonomyChanged(question: book.question, position: 64, stored: nil, live: book.code(at: 64))
            }
            let meanings = stored[book.question] ?? [:]
            for (position, code) in meanings.sorted(by: { $0.key < $1.key }) {
                let now = position < book.count ? book.code(at: position) : nil
                if now != code { throw StoreError.taxonomyChanged(question: book.question, position: position, stored: code, live: now) }
            }
            // Positions must run 0..<n: a gap means a row was removed from the table.
            if let gap = (0..<meanings.count).first(where: { meanings[$0] == nil }) {
                throw StoreError.taxonomyChanged(question: book.question, position: gap, stored: nil, live: book.code(at: gap))
            }
            for position in meanings.count..<book.count {
                questions.append(book.question)
                positions.append(Int64(position))
                codes.append(book.code(at: position))
            }
        }
        guard !questions.isEmpty else { return }
        try await connection.query("""
            INSERT INTO taxonomy_code (question, position, code)
            SELECT * FROM unnest(\(questions)::text[], \(positions)::bigint[], \(codes)::text[])
            """, logger: logger)
    }
}
