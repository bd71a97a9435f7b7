import Foundation
import Hummingbird


/// Reading request bodies within their limits, and writing JSON answers.
enum HTTPBody {
    /// The body's bytes; 413 when larger than `limit`.
    static func bytes(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge(limit) }
        do {
            let buffer = try await request.body.collect(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw tooLarge(limit)
        }
    }

    static func tooLarge(_ limit: Int) -> APIError {
        APIError(.contentTooLarge, "too_large", "the request body is larger than the limit of \(limit) bytes (uploads.max_bytes)")
    }

    /// Whether the body is CSV (`text/csv`).
    static func isCSV(_ request: Request) -> Bool {
        request.headers[.contentType]?.lowercased().hasPrefix("text/csv") ?? false
    }

    /// Decodes a JSON body; 422 naming the JSON path when it does not fit.
    static func json<T: Decodable>(_ type: T.Type, _ request: Request, limit: Int) async throws -> T {
        let data = try await bytes(request, limit: limit)
        return try decode(type, data)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(T.self, from: data) } catch let error as DecodingError {
            throw APIError(.unprocessableContent, "invalid_json", DecodingProblem.describe(error), path: DecodingProblem.path(error))
        }
    }
}

/// JSON and raw answers.
enum Reply {
    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.dateEncodingStrategy = .iso8601
        e.keyEncodingStrategy = .convertToSnakeCase
        return e
    }()

    /// `value` as JSON (snake_case keys, ISO 8601 dates, sorted keys).
    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
        raw(try encoder.encode(value), contentType: "application/json; charset=utf-8", status: status)
    }

    /// Bytes as they are.
    static func raw(_ data: Data, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A buffer as it is (shared, not copied).
    static func buffer(_ buffer: ByteBuffer, contentType: String, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: buffer))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}
