import Foundation
import Hummingbird

/// A posted HTML form (`application/x-www-form-urlencoded`), decoded with Hummingbird's form decoder.
enum FormBody {
    /// Forms hold a few fields and a reason of at most a few thousand characters.
    static let limit = 256 * 1024

    /// The form's fields as `T` (every field a `String?`, so a missing or odd value is the page's own error message,
    /// not a decoding failure).
    static func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
        let buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch {
            throw APIError(.contentTooLarge, "too_large", "the form is larger than \(limit) bytes")
        }
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: String(buffer: buffer))
        } catch {
            throw APIError.badRequest("the form could not be read: send it from the page")
        }
    }
}
