import Foundation

/// The readers of AllotIngest take paths: uploaded bytes are written to a private temporary folder under their
/// upload name, read, and removed; error texts are given back without the folder.
enum TemporaryFile {
    static func with<T>(_ bytes: Data, name: String, _ body: (String) throws -> T) throws -> T {
        // The name only labels error messages; one that is not a plain file name ('', '.', '..', a path) is refused.
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.contains("\0"), name.utf8.count <= 200 else {
            throw APIError.invalid("file_name: '\(name)' is not a plain file name, e.g. provider-participation.csv", path: "file_name")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("allot-upload-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try bytes.write(to: URL(fileURLWithPath: path))
        do {
            return try body(path)
        } catch let error as APIError {
            throw error
        } catch {
            var mapped = ErrorMapping.apiError(error)
            mapped.detail = mapped.detail.replacingOccurrences(of: folder.path + "/", with: "")
            throw mapped
        }
    }
}
