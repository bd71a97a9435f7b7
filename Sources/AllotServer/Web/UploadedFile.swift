import Foundation
import MultipartKit
import NIOCore

/// A file posted in a `multipart/form-data` form (an `<input type="file">`), read by MultipartKit: its file name and
/// bytes. An empty file input arrives as a part with no file name and no bytes.
struct UploadedFile: Decodable, MultipartPartConvertible {
    let fileName: String
    let bytes: Data

    var multipart: MultipartPart? { nil }

    init?(multipart part: MultipartPart) {
        let disposition = part.headers.first(name: "Content-Disposition") ?? ""
        fileName = Self.fileName(disposition)
        bytes = Data(part.body.readableBytesView)
    }

    /// Never used: the form decoder builds a part-convertible value from its part.
    init(from decoder: any Decoder) throws {
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected a file part"))
    }

    /// `filename="..."` of a Content-Disposition header, reduced to its last path component (some browsers send a path).
    static func fileName(_ disposition: String) -> String {
        guard let at = disposition.range(of: "filename=\"") else { return "" }
        let name = disposition[at.upperBound...].prefix { $0 != "\"" }
        return String(name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? "")
    }
}

/// Reading a posted multipart form.
enum MultipartForm {
    /// The form's fields as `T`; the boundary comes from the Content-Type header.
    static func decode<T: Decodable>(_ type: T.Type, body: ByteBuffer, contentType: String?) throws -> T {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
              let at = contentType.range(of: "boundary=") else {
            throw APIError.badRequest("send the form from the page (multipart/form-data)")
        }
        let boundary = contentType[at.upperBound...].split(separator: ";").first.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\" ")) } ?? ""
        do { return try FormDataDecoder().decode(T.self, from: body, boundary: boundary) } catch {
            throw APIError.badRequest("the form could not be read: send it from the page")
        }
    }
}
