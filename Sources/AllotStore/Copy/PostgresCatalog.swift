import PostgresNIO

/// The PostgreSQL schema as the copy needs it, read from information_schema and pg_constraint: every table of the
/// store's schema but the migration ledger, its columns in order, and an order that puts each table after the tables
/// its foreign keys point at.
struct PostgresCatalog {
    struct Column {
        let name: String
        let type: String
        let nullable: Bool
        let hasDefault: Bool
        let identity: Bool
    }

    struct Table {
        let name: String
        var columns: [Column]
    }

    /// Parents before children; otherwise by name.
    let tables: [Table]

    static func read(_ connection: PostgresConnection, logger: Logger) async throws -> PostgresCatalog {
        var byName: [String: Table] = [:]
        let columns = try await connection.query("""
            SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, column_default IS NOT NULL, is_identity::text
            FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name <> 'allot_migration'
            ORDER BY table_name, ordinal_position
            """, logger: logger)
        for try await (table, name, type, nullable, hasDefault, identity) in columns.decode((String, String, String, String, Bool, String).self) {
            byName[table, default: Table(name: table, columns: [])].columns.append(
                Column(name: name, type: type, nullable: nullable == "YES", hasDefault: hasDefault, identity: identity == "YES"))
        }
        var parents: [String: Set<String>] = [:]
        let keys = try await connection.query("""
            SELECT child.relname::text, parent.relname::text
            FROM pg_constraint c
            JOIN pg_class child ON child.oid = c.conrelid
            JOIN pg_class parent ON parent.oid = c.confrelid
            JOIN pg_namespace n ON n.oid = child.relnamespace
            WHERE c.contype = 'f' AND n.nspname = current_schema()
            """, logger: logger)
        for try await (child, parent) in keys.decode((String, String).self) where child != parent {
            parents[child, default: []].insert(parent)
        }
        // Kahn's algorithm, taking the smallest ready name each time, so the order is the same on every run.
        var ordered: [Table] = []
        var remaining = Set(byName.keys)
        while !remaining.isEmpty {
            let ready = remaining.filter { parents[$0, default: []].isDisjoint(with: remaining) }.sorted()
            // A cycle of foreign keys (none in Allot's schema) is copied in name order; PostgreSQL would refuse it.
            let next = ready.first ?? remaining.sorted()[0]
            remaining.remove(next)
            ordered.append(byName[next]!)
        }
        return PostgresCatalog(tables: ordered)
    }
}

/// A name as a quoted identifier in either dialect.
func quotedIdentifier(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
