import AllotCore
import GRDB

/// What each bit of the multi-select columns means, checked whenever the store opens.
///
/// `survey_response` keeps multi-select answers as bitsets: bit i is the i-th code of the question's codebook.
/// `taxonomy_code` records that meaning as it was when the answers were stored. A code inserted, removed or moved
/// mid-list in `Taxonomy` would silently re-label every stored answer, so the store refuses to open, naming the
/// question and code. A code added at the end of a list changes no stored bit: it is appended here (the one way
/// codebooks may grow).
public enum TaxonomyMeanings {
    /// The codebooks whose answers are stored as bitsets.
    public static let live: [Codebook] = [Taxonomy.plTypes, Taxonomy.providers, Taxonomy.barriers, Taxonomy.priorities]

    /// Checks the stored meanings against `books`; appends codes added at the end; throws `StoreError.taxonomyChanged`.
    static func reconcile(_ db: Database, books: [Codebook]) throws {
        var stored: [String: [Int: String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT question, position, code FROM taxonomy_code") {
            stored[row["question"], default: [:]][row["position"]] = row["code"]
        }
        let append = try db.makeStatement(sql: "INSERT INTO taxonomy_code (question, position, code) VALUES (?, ?, ?)")
        for code in try added(stored: stored, books: books) {
            try append.execute(arguments: [code.question, code.position, code.code])
        }
    }

    /// The codes `books` add at the ends of their lists, to append to the `stored` meanings (question -> position ->
    /// code); throws `StoreError.taxonomyChanged` for any other difference. Both stores' `reconcile` decide by it.
    static func added(stored: [String: [Int: String]], books: [Codebook]) throws -> [(question: String, position: Int, code: String)] {
        let known = Set(books.map(\.question))
        if let question = stored.keys.sorted().first(where: { !known.contains($0) }), let first = stored[question]?.sorted(by: { $0.key < $1.key }).first {
            throw StoreError.taxonomyChanged(question: question, position: first.key, stored: first.value, live: nil)
        }
        var added: [(question: String, position: Int, code: String)] = []
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
                added.append((book.question, position, book.code(at: position)))
            }
        }
        return added
    }
}
