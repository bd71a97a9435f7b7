import Foundation
import GRDB

/// Uploaded supply returns and workforce files. The latest upload of each kind is the one in use; older ones stay
/// for the audit trail.
public protocol SupplyRepository: Sendable {
    /// Stores an upload; returns it with its id.
    func add(kind: SupplyKind, fileName: String, body: Data, sha256: String, rows: Int, at: Date) throws -> SupplyUpload
    /// The upload in use of `kind` with its bytes, or nil.
    func latest(_ kind: SupplyKind) throws -> (SupplyUpload, Data)?
    /// Every upload (without bytes), newest first.
    func all() throws -> [SupplyUpload]
}

/// `SupplyRepository` on the SQLite store.
public struct SQLiteSupplyRepository: SupplyRepository {
    public let database: AppDatabase
    /// Creates the repository.
    public init(_ database: AppDatabase) { self.database = database }

    public func add(kind: SupplyKind, fileName: String, body: Data, sha256: String, rows: Int, at: Date) throws -> SupplyUpload {
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO supply_upload (kind, file_name, sha256, body, rows, uploaded_at) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [kind.rawValue, fileName, sha256, body, rows, at.timeIntervalSince1970])
            return SupplyUpload(id: db.lastInsertedRowID, kind: kind, fileName: fileName, sha256: sha256, rows: rows, uploadedAt: at)
        }
    }

    public func latest(_ kind: SupplyKind) throws -> (SupplyUpload, Data)? {
        try database.writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM supply_upload WHERE kind = ? ORDER BY id DESC LIMIT 1",
                                             arguments: [kind.rawValue]) else { return nil }
            return (try Self.upload(row), row["body"] as Data? ?? Data())
        }
    }

    public func all() throws -> [SupplyUpload] {
        try database.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT id, kind, file_name, sha256, rows, uploaded_at FROM supply_upload ORDER BY id DESC")
                .map(Self.upload)
        }
    }

    static func upload(_ row: Row) throws -> SupplyUpload {
        guard let kind = SupplyKind(rawValue: row["kind"] as String? ?? "") else {
            throw ServiceStoreError.corrupt("supply_upload.kind \(row["kind"] as String? ?? "")")
        }
        return SupplyUpload(id: row["id"], kind: kind, fileName: row["file_name"], sha256: row["sha256"], rows: row["rows"],
                            uploadedAt: try StoreTime.required(row, "uploaded_at", of: "supply_upload \(row["id"] as Int64? ?? 0)"))
    }
}
