import Foundation
import PostgresNIO

/// `SupplyRepository` on the PostgreSQL store (`supply_upload`). Upload ids come from the table's identity column, so
/// "the latest of a kind" is the one with the highest id, as SQLite's AUTOINCREMENT rowid makes it there.
public struct PostgresSupplyRepository: SupplyRepository {
    public let store: PostgresStore
    /// Creates the repository.
    public init(_ store: PostgresStore) { self.store = store }

    public func add(kind: SupplyKind, fileName: String, body: Data, sha256: String, rows: Int, at: Date) throws -> SupplyUpload {
        try store.wait { try await add(kind: kind, fileName: fileName, body: body, sha256: sha256, rows: rows, at: at) }
    }

    public func latest(_ kind: SupplyKind) throws -> (SupplyUpload, Data)? {
        try store.wait { try await latest(kind) }
    }

    public func all() throws -> [SupplyUpload] {
        try store.wait { try await all() }
    }
}

extension PostgresSupplyRepository {
    static let columns = "id, kind, file_name, sha256, rows, uploaded_at"

    /// One INSERT; its id comes back with it (RETURNING), so no second query can see another upload's id.
    func add(kind: SupplyKind, fileName: String, body: Data, sha256: String, rows: Int, at: Date) async throws -> SupplyUpload {
        let inserted = try await store.rows("""
            INSERT INTO supply_upload (kind, file_name, sha256, body, rows, uploaded_at)
            VALUES (\(kind.rawValue), \(fileName), \(sha256), \(body), \(rows), \(at.postgres))
            RETURNING id
            """)
        guard let id = try inserted.first?.decode(Int64.self) else { throw ServiceStoreError.corrupt("supply_upload insert returned no id") }
        return SupplyUpload(id: id, kind: kind, fileName: fileName, sha256: sha256, rows: rows, uploadedAt: at)
    }

    func latest(_ kind: SupplyKind) async throws -> (SupplyUpload, Data)? {
        guard let row = try await store.rows("""
            SELECT \(unescaped: Self.columns), body FROM supply_upload WHERE kind = \(kind.rawValue) ORDER BY id DESC LIMIT 1
            """).first else { return nil }
        let (id, kindText, fileName, sha256, rows, uploadedAt, body) = try row.decode((Int64, String, String, String, Int, PostgresTime, Data?).self)
        return (try Self.upload(id, kindText, fileName, sha256, rows, uploadedAt), body ?? Data())
    }

    /// Newest first, without the bytes.
    func all() async throws -> [SupplyUpload] {
        try await store.rows("SELECT \(unescaped: Self.columns) FROM supply_upload ORDER BY id DESC").map { row in
            let (id, kind, fileName, sha256, rows, uploadedAt) = try row.decode((Int64, String, String, String, Int, PostgresTime).self)
            return try Self.upload(id, kind, fileName, sha256, rows, uploadedAt)
        }
    }

    static func upload(_ id: Int64, _ kind: String, _ fileName: String, _ sha256: String, _ rows: Int, _ uploadedAt: PostgresTime) throws -> SupplyUpload {
        guard let kind = SupplyKind(rawValue: kind) else { throw ServiceStoreError.corrupt("supply_upload.kind \(kind)") }
        return SupplyUpload(id: id, kind: kind, fileName: fileName, sha256: sha256, rows: rows, uploadedAt: uploadedAt.date)
    }
}
