@testable import AllotStore
import GRDB
import Testing

/// The survey import's hand-bound INSERT stores exactly what GRDB's own binding would.
@Suite("The import's in-place binding") struct RawInsertTests {
    @Test("Text, empty text, integers, the extremes of Int64 and NULL are stored as bound, and a run says how many rows it changed")
    func valuesAreStoredAsBound() throws {
        let queue = try DatabaseQueue()
        let stored = try queue.write { db -> [Row] in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INTEGER)")
            let insert = try RawInsert(db, sql: "INSERT INTO t (id, a, b) VALUES (?, ?, ?) ON CONFLICT (id) DO NOTHING")
            let rows: [(Int64, String?, Int64?)] = [(1, "Côte d’Ivoire, \"quoted\"", Int64.min), (2, "", Int64.max), (3, nil, nil)]
            for (id, a, b) in rows {
                insert.integer(id); insert.text(a); insert.integer(b)
                #expect(try insert.run() == 1)
            }
            insert.integer(1); insert.text("again"); insert.integer(0)
            #expect(try insert.run() == 0)
            return try Row.fetchAll(db, sql: "SELECT id, a, typeof(a) AS kind, b FROM t ORDER BY id")
        }
        #expect(stored.map { $0["a"] as String? } == ["Côte d’Ivoire, \"quoted\"", "", nil])
        #expect(stored.map { $0["kind"] as String } == ["text", "text", "null"])
        #expect(stored.map { $0["b"] as Int64? } == [Int64.min, Int64.max, nil])
    }

    @Test("A constraint SQLite refuses is a database error naming the statement, and the next run starts from a clean slate")
    func aRefusedRowIsAnErrorAndTheStatementRecovers() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL)")
            let insert = try RawInsert(db, sql: "INSERT INTO t (id, a) VALUES (?, ?)")
            insert.integer(1); insert.text(nil)
            do {
                _ = try insert.run()
                Issue.record("expected a NOT NULL error")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_CONSTRAINT)
                #expect(error.sql == "INSERT INTO t (id, a) VALUES (?, ?)")
            }
            insert.integer(1); insert.text("fine")
            #expect(try insert.run() == 1)
        }
    }

    @Test("A run with a value missing or one too many is refused before SQLite reuses the last row's value")
    func everyParameterIsBoundOnce() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT)")
            let insert = try RawInsert(db, sql: "INSERT INTO t (id, a) VALUES (?, ?)")
            insert.integer(1); insert.text("first")
            #expect(try insert.run() == 1)
            insert.integer(2)
            #expect(throws: DatabaseError.self) { try insert.run() }
            insert.integer(3); insert.text("x"); insert.text("y")
            #expect(throws: DatabaseError.self) { try insert.run() }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 1)
        }
    }
}
