import AllotStore
import Foundation
import Hummingbird

/// An error answered as JSON `{error, detail, path?, line?, column?}` with its HTTP status.
public struct APIError: Error, HTTPResponseError, Sendable, Equatable {
    public var status: HTTPResponse.Status
    /// A stable machine-readable code, e.g. `not_found`.
    public var error: String
    /// For a person: what is wrong and what was expected.
    public var detail: String
    /// JSON path of the bad value, e.g. `$[2].reason`.
    public var path: String?
    public var line: Int?
    public var column: Int?

    /// Creates an error.
    public init(_ status: HTTPResponse.Status, _ error: String, _ detail: String, path: String? = nil, line: Int? = nil, column: Int? = nil) {
        self.status = status
        self.error = error
        self.detail = detail
        self.path = path
        self.line = line
        self.column = column
    }

    static let unauthorized = APIError(.unauthorized, "unauthorized", "a valid API token is required: Authorization: Bearer allot_...")
    static func forbidden(role: TokenRole) -> APIError {
        APIError(.forbidden, "forbidden", "a \(role.rawValue) token may not use this route")
    }
    static func notFound(_ what: String) -> APIError { APIError(.notFound, "not_found", what) }
    static func conflict(_ what: String) -> APIError { APIError(.conflict, "conflict", what) }
    static func invalid(_ detail: String, path: String? = nil) -> APIError {
        APIError(.unprocessableContent, "invalid", detail, path: path)
    }
    static func badRequest(_ detail: String) -> APIError { APIError(.badRequest, "bad_request", detail) }

    private struct Body: Encodable {
        let error: String
        let detail: String
        let path: String?
        let line: Int?
        let column: Int?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(Body(error: error, detail: detail, path: path, line: line, column: column))
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer" }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
