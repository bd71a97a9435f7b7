import Foundation
import Hummingbird


/// Reading request bodies within their limits, and writing JSON answers.
enum HTTPBody {
    /// The body's bytes; 413 when larger than `limit`, whether the client declared its length or sent it chunked.
    /// An oversized body is read to its end (and dropped, up to `drainLimit`) before the 413 is answered, so a client
    /// that sends its whole body before reading the answer still reads the 413 instead of a reset connection.
    static func bytes(_ request: Request, limit: Int) async throws -> Data {
        let declared = request.headers[.contentLength].flatMap(Int.init)
        if let declared, declared > limit {
            if declared <= drainLimit(limit) { try? await drain(request.body, upTo: drainLimit(limit)) }
            throw tooLarge(limit)
        }
        var collected = ByteBuffer()
        var iterator = request.body.makeAsyncIterator()
        while let chunk = try await iterator.next() {
            guard collected.readableBytes + chunk.readableBytes <= limit else {
                var dropped = collected.readableBytes + chunk.readableBytes
                while dropped <= drainLimit(limit), let more = try? await iterator.next() { dropped += more.readableBytes }
                throw tooLarge(limit)
            }
            var part = chunk
            collected.writeBuffer(&part)
        }
        return Data(collected.readableBytesView)
    }

    /// How much of an oversized body is read and dropped before answering 413: beyond this the connection is closed.
    static func drainLimit(_ limit: Int) -> Int { max(limit, 64 * 1024 * 1024) }

    private static func drain(_ body: RequestBody, upTo cap: Int) async throws {
        var dropped = 0
        for try await chunk in body {
            dropped += chunk.readableBytes
            if dropped > cap { return }
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
