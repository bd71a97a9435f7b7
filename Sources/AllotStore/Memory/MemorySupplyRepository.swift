import Foundation

/// `SupplyRepository` in memory: uploads numbered from 1 in the order they came, as the database numbers them.
public struct MemorySupplyRepository: SupplyRepository {
    public let store: MemoryStore
    /// A repository on `store`.
    public init(_ store: MemoryStore) { self.store = store }

    public func add(kind: SupplyKind, fileName: String, body: Data, sha256: String, rows: Int, at: Date) throws -> SupplyUpload {
        try store.write { tables in
            let upload = SupplyUpload(id: Int64(tables.supply.count + 1), kind: kind, fileName: fileName, sha256: sha256, rows: rows, uploadedAt: at)
            tables.supply.append((upload, body))
            return upload
        }
    }

    public func latest(_ kind: SupplyKind) throws -> (SupplyUpload, Data)? {
        store.read { tables in tables.supply.last { $0.upload.kind == kind }.map { ($0.upload, $0.body) } }
    }

    public func all() throws -> [SupplyUpload] {
        store.read { $0.supply.reversed().map(\.upload) }
    }
}
