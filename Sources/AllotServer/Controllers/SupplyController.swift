import AllotIngest
import AllotStore
import Foundation
import Hummingbird
import Logging

/// Supply uploads (CSV): provider participation and activity returns, and the workforce file. Each is checked with
/// the file readers before it is kept; the latest of each kind is in use.
struct SupplyController<Supply: SupplyRepository> {
    let supply: Supply
    let evidence: EvidenceLoader
    let uploadLimit: Int
    let activity: any ActivityRepository
    let now: @Sendable () -> Date
    let logger = Logger(label: "allot.api.supply")

    struct UploadView: Encodable {
        let id: Int64
        let kind: String
        let fileName: String
        let sha256: String
        let rows: Int
        let uploadedAt: Date
    }

    var endpoints: RouteCollection<AllotRequestContext> {
        let routes = RouteCollection(context: AllotRequestContext.self)
        for kind in SupplyKind.allCases {
            routes.post(RouterPath(stringLiteral: kind.rawValue)) { request, context in
                let identity = try context.require(.admin)
                let data = try await HTTPBody.bytes(request, limit: uploadLimit)
                let fileName = request.uri.queryParameters["file_name"].map(String.init) ?? Self.defaultName(kind)
                let rows = try await BlockingWork.run { try parse(data, kind: kind, fileName: fileName) }
                let upload = try supply.add(kind: kind, fileName: fileName, body: data, sha256: Digest.sha256(data), rows: rows, at: now())
                let view = UploadView(id: upload.id, kind: kind.rawValue, fileName: upload.fileName, sha256: upload.sha256, rows: upload.rows,
                                      uploadedAt: upload.uploadedAt)
                try activity.record([try Activity.entry(.supplyUploaded, by: identity, at: upload.uploadedAt, subject: fileName,
                                                        summary: "uploaded \(fileName): \(rows) rows of \(kind.rawValue)", after: view)])
                logger.info("Supply file uploaded", metadata: ["kind": "\(kind.rawValue)", "rows": "\(rows)"])
                return try Reply.json(UploadView(id: upload.id, kind: kind.rawValue, fileName: upload.fileName, sha256: upload.sha256,
                                                 rows: upload.rows, uploadedAt: upload.uploadedAt), status: .created)
            }
        }
        return routes
    }

    static func defaultName(_ kind: SupplyKind) -> String {
        switch kind {
        case .participation: "provider-participation.csv"
        case .activity: "provider-activity.csv"
        case .workforce: "workforce.csv"
        }
    }

    /// Rows read; throws the reader's error (with line and column) for a bad file.
    func parse(_ data: Data, kind: SupplyKind, fileName: String) throws -> Int {
        let mapping = try evidence.mapping()
        return try TemporaryFile.with(data, name: fileName) { path in
            switch kind {
            case .participation: return try SupplyReader.participation(path: path, mapping: mapping).count
            case .activity: return try SupplyReader.activity(path: path).count
            case .workforce:
                _ = try SupplyReader.workforce(path: path, mapping: mapping)
                return max(0, String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).count - 1)
            }
        }
    }
}
